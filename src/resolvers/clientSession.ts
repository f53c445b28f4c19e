import type { ClientSessionResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { clientSessionConnection } from '../catalog/index.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { pageArgs } from './support.js';

export const clientSessionQueries: Pick<QueryResolvers, 'clientSessions'> = {
  clientSessions: (_parent, args, context) => clientSessionConnection(context, args.filter ?? {}, pageArgs(args)),
};

export const ClientSession: ClientSessionResolvers = {
  id: (session) => globalIdOfModel(session, 'ClientSession', 'roundware'),
};
