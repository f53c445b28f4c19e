import type { QueryResolvers, SpeakerResolvers } from '../__generated__/resolvers-types.js';
import { speakerConnection, speakerSessionConnection } from '../catalog/index.js';
import { UserInputError } from '../errors/index.js';
import { isCanonicalPlanstoneId } from '../ids/canonicalSourceId.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { DEFAULT_SESSION_ORDER, scopedSourceId } from '../models/index.js';
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
    return speakerConnection(context, filter, pageArgs(args));
  },
};

export const Speaker: SpeakerResolvers = {
  id: (speaker) => globalIdOfModel(speaker, 'Speaker', 'planstone', scopedSourceId(speaker)),
  async sessions(speaker, args, context, info) {
    const { connection, failures } = await speakerSessionConnection(
      context.dataSources,
      scopedSourceId(speaker),
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
