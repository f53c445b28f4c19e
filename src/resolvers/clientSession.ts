import type { ClientSessionResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { requireProvider } from '../catalog/index.js';
import { connectionFromOffsetSource, fingerprint } from '../connections/index.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { omitNulls } from '../models/index.js';
import { pageArgs } from './support.js';

export const clientSessionQueries: Pick<QueryResolvers, 'clientSessions'> = {
  clientSessions(_parent, args, context) {
    const filter = args.filter ?? {};
    const source = requireProvider(context, 'roundware').clientSessionSource(omitNulls(filter));
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'clientSessions', fingerprint: fingerprint({ filter }) });
  },
};

export const ClientSession: ClientSessionResolvers = {
  id: (session) => globalIdOfModel(session, 'ClientSession', 'roundware'),
};
