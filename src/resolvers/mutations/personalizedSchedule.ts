import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { toGlobalId } from '../../ids/globalId.js';
import { requireProvider } from '../../catalog/index.js';
import { deletePersonalizedScheduleInput } from '../../validation/guidebook/objectInputs.js';
import { createPersonalizedScheduleInput, updatePersonalizedScheduleInput } from '../../validation/guidebook/personalizedScheduleInput.js';
import { runMutation } from './runMutation.js';

export const personalizedScheduleMutations: Pick<
  MutationResolvers,
  'createPersonalizedSchedule' | 'updatePersonalizedSchedule' | 'deletePersonalizedSchedule'
> = {
  async createPersonalizedSchedule(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, createPersonalizedScheduleInput, (draft) => guidebook.writes.createPersonalizedSchedule(draft));
    return { ...result, personalizedSchedule: value };
  },
  async updatePersonalizedSchedule(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, updatePersonalizedScheduleInput, ({ id, changes }) =>
      guidebook.writes.updatePersonalizedSchedule(id, changes),
    );
    return { ...result, personalizedSchedule: value };
  },
  async deletePersonalizedSchedule(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, deletePersonalizedScheduleInput, (id) => guidebook.writes.deletePersonalizedSchedule(id));
    return { ...result, deletedPersonalizedScheduleId: value && toGlobalId('PersonalizedSchedule', 'guidebook', value) };
  },
};
