import type { PersonalizedScheduleModel } from './personalizedSchedule.js';
import type { SessionChangeKind } from './sessionChange.js';

/** A part of a personalized schedule an `UPDATED` change names (GraphQL `PersonalizedScheduleChangedField`). */
export type PersonalizedScheduleChangedField = 'SESSIONS' | 'ATTENDEES' | 'NAME';

/**
 * One detected change of one Guidebook personalized schedule (an attendee's schedule), as
 * change detection records it. `before` and `after` are the schedule as the previous and the
 * fresh read saw it (`before` null for CREATED, `after` null for DELETED): an attendee filter
 * matches when either lists the attendee, so an attendee taken off a schedule hears of it.
 */
export interface PersonalizedScheduleChangeRecord {
  entity: 'PersonalizedSchedule';
  kind: SessionChangeKind;
  /** The schedule's global ID. */
  personalizedScheduleId: string;
  /** Empty unless `kind` is UPDATED. */
  changedFields: readonly PersonalizedScheduleChangedField[];
  /** Guidebook session ids the change put on the schedule (all of them for CREATED). */
  addedSessionIds: readonly string[];
  /** Guidebook session ids the change took off the schedule (all of them for DELETED). */
  removedSessionIds: readonly string[];
  /** ISO instant of detection. */
  detectedAt: string;
  before: PersonalizedScheduleModel | null;
  after: PersonalizedScheduleModel | null;
}

/** A schedule change as its log holds it (see LoggedChange). */
export type PersonalizedScheduleChangeEvent = PersonalizedScheduleChangeRecord & { token: string; live?: true };

/** A page of schedule changes as `Query.personalizedScheduleChanges` answers it. */
export interface PersonalizedScheduleChangePageModel {
  changes: PersonalizedScheduleChangeEvent[];
  token: string;
  hasMore: boolean;
}
