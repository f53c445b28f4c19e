import type { GuideResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../ids/globalId.js';

export const Guide: GuideResolvers = {
  id: (guide) => toGlobalId('Guide', 'guidebook', guide.sourceId),
};
