import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireProvider } from '../../catalog/index.js';
import { createAttendeeInput, updateAttendeeInput } from '../../validation/guidebook/attendeeInput.js';
import { runMutation } from './runMutation.js';

export const attendeeMutations: Pick<MutationResolvers, 'createAttendee' | 'updateAttendee'> = {
  async createAttendee(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, createAttendeeInput, (draft) => guidebook.writes.createAttendee(draft));
    return { ...result, attendee: value?.attendee ?? null, created: value?.created ?? false };
  },
  async updateAttendee(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, updateAttendeeInput, ({ id, changes }) => guidebook.writes.updateAttendee(id, changes));
    return { ...result, attendee: value };
  },
};
