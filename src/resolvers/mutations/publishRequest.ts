import type { PublishRequestResolvers } from '../../__generated__/resolvers-types.js';
import { attendeeById, guideById } from '../../catalog/index.js';

/** Where a publish request points: the guide, or the attendee (and through it the guide). */
export const PublishRequest: PublishRequestResolvers = {
  async guide(request, _args, context) {
    const guideId = request.guideId ?? (request.attendeeId ? (await attendeeById(context, request.attendeeId)).guideId : null);
    return guideId ? guideById(context, guideId) : null;
  },
  attendee: (request, _args, context) => (request.attendeeId ? attendeeById(context, request.attendeeId) : null),
};
