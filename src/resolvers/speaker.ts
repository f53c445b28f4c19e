import type { QueryResolvers, SpeakerResolvers } from '../__generated__/resolvers-types.js';
import { planstoneSourceOf, requireProvider } from '../catalog/index.js';
import { connectionFromOffsetSource, fingerprint } from '../connections/index.js';
import { UserInputError } from '../errors/index.js';
import { isCanonicalPlanstoneId } from '../ids/canonicalSourceId.js';
import { globalIdOfModel } from '../ids/globalId.js';
import { DEFAULT_SESSION_ORDER, omitNulls, scopedSourceId } from '../models/index.js';
import { operationFieldNames } from './lookahead.js';
import { pageArgs } from './support.js';

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
  id: (speaker) => globalIdOfModel(speaker, 'Speaker', 'planstone', scopedSourceId(speaker)),
  sessions(speaker, args, context, info) {
    // The sessions of the conference the speaker was read from.
    const source = planstoneSourceOf(context.dataSources, speaker).sessionSource(
      { speakerPid: speaker.sourceId },
      DEFAULT_SESSION_ORDER,
      operationFieldNames(info),
    );
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'speakerSessions', fingerprint: fingerprint({ speaker: scopedSourceId(speaker) }) });
  },
};
