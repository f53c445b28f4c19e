import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { toGlobalId } from '../../ids/globalId.js';
import { requireProvider } from '../../catalog/index.js';
import { createSessionInput, updateSessionInput } from '../../validation/guidebook/sessionInput.js';
import { deleteSessionInput } from '../../validation/guidebook/objectInputs.js';
import { runMutation } from './runMutation.js';

export const sessionMutations: Pick<MutationResolvers, 'createSession' | 'updateSession' | 'deleteSession'> = {
  async createSession(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, createSessionInput, (draft) => guidebook.writes.createSession(draft));
    return { ...result, session: value };
  },
  async updateSession(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, updateSessionInput, ({ id, changes }) => guidebook.writes.updateSession(id, changes));
    return { ...result, session: value };
  },
  async deleteSession(_parent, { input }, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const { value, ...result } = await runMutation(input, deleteSessionInput, (id) => guidebook.writes.deleteSession(id));
    return { ...result, deletedSessionId: value && toGlobalId('Session', 'guidebook', value) };
  },
};
