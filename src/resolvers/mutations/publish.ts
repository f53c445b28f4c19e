import type { MutationResolvers, PublishRequestResolvers } from '../../__generated__/resolvers-types.js';
import { requireProvider } from '../../catalog/index.js';
import { publishAttendeeInput, publishGuideInput } from '../../validation/guidebook/objectInputs.js';
import { runMutation } from './runMutation.js';

export const publishMutations: Pick<MutationResolvers, 'publishGuide' | 'publishPersonalizedSchedules' | 'publishAttendeePersonalizedSchedules'> = {
  async publishGuide(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, publishGuideInput, (guideId) => guidebook.writes.publishGuide(guideId));
    return { ...result, publishRequest: value };
  },
  async publishPersonalizedSchedules(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, publishGuideInput, (guideId) => guidebook.writes.publishPersonalizedSchedules(guideId));
    return { ...result, publishRequest: value };
  },
  async publishAttendeePersonalizedSchedules(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, publishAttendeeInput, (attendeeId) => guidebook.writes.publishAttendeePersonalizedSchedules(attendeeId));
    return { ...result, publishRequest: value };
  },
};

export const PublishRequest: PublishRequestResolvers = {
  async guide(request, _args, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const guideId = request.guideId ?? (request.attendeeId ? (await guidebook.attendee.load(request.attendeeId)).guideId : null);
    return guideId ? guidebook.guide.load(guideId) : null;
  },
  attendee: (request, _args, context) => (request.attendeeId ? requireProvider(context, 'guidebook').attendee.load(request.attendeeId) : null),
};
