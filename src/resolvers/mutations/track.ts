import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { toGlobalId } from '../../ids/globalId.js';
import { requireProvider } from '../../catalog/index.js';
import { deleteTrackInput } from '../../validation/guidebook/objectInputs.js';
import { createTrackInput, updateTrackInput } from '../../validation/guidebook/trackInput.js';
import { runMutation } from './runMutation.js';

export const trackMutations: Pick<MutationResolvers, 'createTrack' | 'updateTrack' | 'deleteTrack'> = {
  async createTrack(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, createTrackInput, (draft) => guidebook.writes.createTrack(draft));
    return { ...result, track: value };
  },
  async updateTrack(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, updateTrackInput, ({ id, changes }) => guidebook.writes.updateTrack(id, changes));
    return { ...result, track: value };
  },
  async deleteTrack(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, deleteTrackInput, (id) => guidebook.writes.deleteTrack(id));
    return { ...result, deletedTrackId: value && toGlobalId('Track', 'guidebook', value) };
  },
};
