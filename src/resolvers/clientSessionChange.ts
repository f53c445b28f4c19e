import type { ClientSessionChangeResolvers, QueryResolvers, SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import { clientSessionChanges, clientSessionChangeStream, clientSessionOfChange } from '../catalog/index.js';
import type { ClientSessionChangeEvent } from '../models/clientSessionChange.js';

export const clientSessionChangeQueries: Pick<QueryResolvers, 'clientSessionChanges'> = {
  clientSessionChanges: (_parent, args, context) => clientSessionChanges(context, args),
};

export const clientSessionChangeSubscriptions: Pick<SubscriptionResolvers, 'clientSessionStarted'> = {
  clientSessionStarted: {
    // Checked when the subscription starts: an expired `since` answers at once.
    subscribe: (_parent, { projectId, since }, context) => clientSessionChangeStream(context, projectId, since ?? undefined),
    resolve: (change: ClientSessionChangeEvent): ClientSessionChangeEvent => ({ ...change, live: true }),
  },
};

export const ClientSessionChange: ClientSessionChangeResolvers = {
  clientSession: (change, _args, context) => clientSessionOfChange(context, change),
};
