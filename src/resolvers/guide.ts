import type { GuideResolvers } from '../__generated__/resolvers-types.js';
import { globalIdOfModel } from '../ids/globalId.js';

export const Guide: GuideResolvers = {
  id: (guide) => globalIdOfModel(guide, 'Guide', 'guidebook'),
};
