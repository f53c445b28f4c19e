import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { attendeeMutations } from './attendee.js';
import { clientSessionMutations } from './clientSession.js';
import { personalizedScheduleMutations } from './personalizedSchedule.js';
import { publishMutations } from './publish.js';
import { sessionMutations } from './session.js';
import { trackMutations } from './track.js';

export { PublishRequest } from './publish.js';

/** Every mutation: validate, write through the provider's datasource, return the payload. */
export const mutationResolvers: MutationResolvers = {
  ...sessionMutations,
  ...trackMutations,
  ...personalizedScheduleMutations,
  ...attendeeMutations,
  ...publishMutations,
  ...clientSessionMutations,
};
