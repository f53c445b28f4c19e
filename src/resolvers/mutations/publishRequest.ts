import type { PublishRequestResolvers } from '../../__generated__/resolvers-types.js';
import { requireProvider } from '../../catalog/index.js';

/** Where a publish request points: the guide, or the attendee (and through it the guide). */
export const PublishRequest: PublishRequestResolvers = {
  async guide(request, _args, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const guideId = request.guideId ?? (request.attendeeId ? (await guidebook.attendee.load(request.attendeeId)).guideId : null);
    return guideId ? guidebook.guide.load(guideId) : null;
  },
  attendee: (request, _args, context) => (request.attendeeId ? requireProvider(context, 'guidebook').attendee.load(request.attendeeId) : null),
};
