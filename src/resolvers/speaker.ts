import type { QueryResolvers, SpeakerResolvers } from '../__generated__/resolvers-types.js';
import { requireProvider, speakerSessionConnection } from '../catalog/index.js';
import { connectionFromOffsetSource, fingerprint } from '../connections/index.js';
import { UserInputError } from '../errors/index.js';
import { isCanonicalPlanstoneId } from '../ids/canonicalSourceId.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { DEFAULT_SESSION_ORDER, omitNulls } from '../models/index.js';
import { operationFieldNames } from './lookahead.js';
import { pageArgs, reportPartialFailures } from './support.js';

export const speakerQueries: Pick<QueryResolvers, 'speakers'> = {
  speakers(_parent, args, context) {
    const filter = args.filter ?? {};
    // Pids are checked by the same rule as a Speaker ID's, before any upstream call.
    for (const [index, pid] of (filter.sourceIds ?? []).entries()) {
      if (!isCanonicalPlanstoneId(pid))
        throw new UserInputError(`\`filter.sourceIds[${index}]\` is not a Planstone pid: pids are decimal digits, e.g. "10024".`, `filter.sourceIds[${index}]`);
    }
    const source = requireProvider(context, 'planstone').speakerSource(omitNulls({ published: filter.published, pids: filter.sourceIds }));
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'speakers', fingerprint: fingerprint({ filter }) });
  },
};

export const Speaker: SpeakerResolvers = {
  id: (speaker) => globalIdOfModel(speaker, 'Speaker', 'planstone'),
  async sessions(speaker, args, context, info) {
    const { connection, failures } = await speakerSessionConnection(
      context.dataSources,
      speaker.sourceId,
      args.filter ?? {},
      DEFAULT_SESSION_ORDER,
      pageArgs(args),
      {
        fieldsRead: operationFieldNames(info),
      },
    );
    reportPartialFailures(context, failures, info);
    return connection;
  },
};
