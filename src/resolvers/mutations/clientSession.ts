import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireProvider } from '../../catalog/index.js';
import { startClientSessionInput } from '../../validation/roundware/clientSessionInput.js';
import { runMutation } from './runMutation.js';

export const clientSessionMutations: Pick<MutationResolvers, 'startClientSession'> = {
  async startClientSession(_parent, { input }, context) {
    const roundware = requireProvider(context, 'roundware');
    const { value, ...result } = await runMutation(input, startClientSessionInput, (draft) => roundware.writes.startClientSession(draft));
    return { ...result, clientSession: value };
  },
};
