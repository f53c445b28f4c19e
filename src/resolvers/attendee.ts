import type { AttendeeResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';
import { requireProvider } from '../catalog/index.js';
import { connectionFromOffsetSource, createArraySource, fingerprint } from '../connections/index.js';
import { expectGlobalId, globalIdOfModel } from '../ids/globalId.js';
import { omitNulls } from '../models/index.js';
import { pageArgs } from './support.js';

export const attendeeQueries: Pick<QueryResolvers, 'attendees'> = {
  attendees(_parent, args, context) {
    const filter = args.filter ?? {};
    const orderBy = args.orderBy ?? [];
    const source = requireProvider(context, 'guidebook').attendeeSource(
      { ...omitNulls(filter), guideId: filter.guideId ? expectGlobalId(filter.guideId, 'filter.guideId', 'Guide').sourceId : undefined },
      orderBy,
    );
    return connectionFromOffsetSource(source, pageArgs(args), { kind: 'attendees', fingerprint: fingerprint({ filter, orderBy }) });
  },
};

export const Attendee: AttendeeResolvers = {
  id: (attendee) => globalIdOfModel(attendee, 'Attendee', 'guidebook'),
  guide: (attendee, _args, context) => (attendee.guideId ? requireProvider(context, 'guidebook').guide.load(attendee.guideId) : null),
  personalizedSchedules(attendee, args, context) {
    const guidebook = requireProvider(context, 'guidebook');
    const source = createArraySource(() => guidebook.schedulesOfAttendee.load({ attendeeId: attendee.sourceId, guideId: attendee.guideId }));
    return connectionFromOffsetSource(source, pageArgs(args), {
      kind: 'attendeeSchedules',
      fingerprint: fingerprint({ attendee: attendee.sourceId }),
    });
  },
};
