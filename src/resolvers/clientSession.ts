import type { ClientSessionResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { connectionFromOffsetSource, fingerprint } from '../connections/index.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { requireProvider } from '../catalog/index.js';
import { pageArgs } from './support.js';

export const clientSessionQueries: Pick<QueryResolvers, 'clientSessions'> = {
  clientSessions(_parent, args, context) {
    const filter = args.filter ?? {};
    const source = requireProvider(context, 'roundware').clientSessionSource({
      projectId: filter.projectId ?? undefined,
      languageId: filter.languageId ?? undefined,
      languageCode: filter.languageCode ?? undefined,
      geoListenEnabled: filter.geoListenEnabled ?? undefined,
      demoStreamEnabled: filter.demoStreamEnabled ?? undefined,
      deviceId: filter.deviceId ?? undefined,
      clientType: filter.clientType ?? undefined,
      clientSystem: filter.clientSystem ?? undefined,
    });
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'clientSessions', fingerprint: fingerprint({ filter }) });
  },
};

export const ClientSession: ClientSessionResolvers = {
  id: (session) => globalIdOfModel(session, 'ClientSession', 'roundware'),
};
