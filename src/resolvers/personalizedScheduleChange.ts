import type { PersonalizedScheduleChangeResolvers, QueryResolvers, SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import { personalizedScheduleChanges, personalizedScheduleChangeStream, scheduleOfChange } from '../catalog/index.js';
import { toGlobalId } from '../ids/globalId.js';
import type { PersonalizedScheduleChangeEvent } from '../models/personalizedScheduleChange.js';

export const personalizedScheduleChangeQueries: Pick<QueryResolvers, 'personalizedScheduleChanges'> = {
  personalizedScheduleChanges: (_parent, args, context) => personalizedScheduleChanges(context, args),
};

export const personalizedScheduleChangeSubscriptions: Pick<SubscriptionResolvers, 'personalizedScheduleChanged'> = {
  personalizedScheduleChanged: {
    // Checked when the subscription starts: a bad attendee ID or an expired `since` answers at once.
    subscribe: (_parent, { attendeeId, since }, context) => personalizedScheduleChangeStream(context, attendeeId, since ?? undefined),
    resolve: (change: PersonalizedScheduleChangeEvent): PersonalizedScheduleChangeEvent => ({ ...change, live: true }),
  },
};

const sessionIds = (ids: readonly string[]): string[] => ids.map((id) => toGlobalId('Session', 'guidebook', id));

export const PersonalizedScheduleChange: PersonalizedScheduleChangeResolvers = {
  changedFields: (change) => [...change.changedFields],
  addedSessionIds: (change) => sessionIds(change.addedSessionIds),
  removedSessionIds: (change) => sessionIds(change.removedSessionIds),
  personalizedSchedule: (change, _args, context) => scheduleOfChange(context, change),
};
