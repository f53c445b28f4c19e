import type { GuideResolvers } from '../__generated__/resolvers-types.js';
import { globalIdOf } from '../ids/globalId.js';

export const Guide: GuideResolvers = {
  id: (guide) => globalIdOf(guide, 'Guide', 'guidebook'),
};
