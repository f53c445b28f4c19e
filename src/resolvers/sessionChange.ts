import type { QueryResolvers, SessionChangeResolvers } from '../__generated__/resolvers-types.js';
import { sessionChanges, sessionOfChange } from '../catalog/index.js';

export const sessionChangeQueries: Pick<QueryResolvers, 'sessionChanges'> = {
  sessionChanges: (_parent, args, context) => sessionChanges(context, args),
};

export const SessionChange: SessionChangeResolvers = {
  changedFields: (change) => [...change.changedFields],
  session: (change, _args, context) => sessionOfChange(context, change),
};
