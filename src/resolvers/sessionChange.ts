import type { QueryResolvers, SessionChangeResolvers, SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import { sessionChanges, sessionChangeStream, sessionOfChange } from '../catalog/index.js';
import type { SessionChangeEvent } from '../models/sessionChange.js';
import { validateSessionFilter } from '../validation/sessionFilterInput.js';

export const sessionChangeQueries: Pick<QueryResolvers, 'sessionChanges'> = {
  sessionChanges: (_parent, args, context) => sessionChanges(context, args),
};

export const subscriptionResolvers: SubscriptionResolvers = {
  sessionChanged: {
    // Checked when the subscription starts: a bad filter or an expired `since` answers at once.
    subscribe: (_parent, { filter, since }, context) => sessionChangeStream(context, validateSessionFilter(filter ?? {}), since ?? undefined),
    resolve: (change: SessionChangeEvent): SessionChangeEvent => ({ ...change, live: true }),
  },
};

export const SessionChange: SessionChangeResolvers = {
  changedFields: (change) => [...change.changedFields],
  session: (change, _args, context) => sessionOfChange(context, change),
};
