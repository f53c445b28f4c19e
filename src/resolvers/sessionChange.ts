import type { SessionChangeResolvers, SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import { sessionChangeStream } from '../catalog/index.js';
import type { SessionChangeEvent } from '../models/sessionChange.js';
import { validateSessionFilter } from '../validation/sessionFilterInput.js';

export const SessionChange: SessionChangeResolvers = {
  // The session as the change left it (null once deleted).
  session: (change) => change.after,
};

export const subscriptionResolvers: SubscriptionResolvers = {
  sessionChanged: {
    // Checked when the subscription starts: a bad filter or an expired `since` answers at once.
    subscribe: (_parent, { filter, since }, context) => sessionChangeStream(context.changeLog, validateSessionFilter(filter ?? {}), since ?? undefined),
    resolve: (change: SessionChangeEvent) => change,
  },
};
