import { globalIdOfModel } from '../ids/globalId.js';
import type { PersonalizedScheduleModel } from '../models/index.js';
import type { PersonalizedScheduleChangedField, PersonalizedScheduleChangeRecord } from '../models/personalizedScheduleChange.js';

/** The outcome of comparing a fresh read of the schedules with the snapshot: the events and how the snapshot changes. */
export interface PersonalizedScheduleDiff {
  records: PersonalizedScheduleChangeRecord[];
  /** Schedules to add or replace in the snapshot, by Guidebook id. */
  upserts: Map<string, PersonalizedScheduleModel>;
  /** Guidebook ids to forget (deleted schedules). */
  deletes: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;
const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const taken = new Set(b);
  return [...new Set(a)].filter((id) => !taken.has(id));
};

/** The parts of a schedule that differ between two reads, in the order events list them (session and attendee order does not count). */
export function scheduleChangedFields(before: PersonalizedScheduleModel, after: PersonalizedScheduleModel): PersonalizedScheduleChangedField[] {
  const fields: PersonalizedScheduleChangedField[] = [];
  if (!sameSet(before.sessionIds, after.sessionIds)) fields.push('SESSIONS');
  if (!sameSet(before.attendeeIds, after.attendeeIds)) fields.push('ATTENDEES');
  if (before.name !== after.name) fields.push('NAME');
  return fields;
}

/**
 * Compares `fresh` (the whole list of personalized schedules) with `previous` (the snapshot,
 * by Guidebook id): a schedule not in the snapshot is CREATED (all its sessions added), one
 * whose sessions, attendees or name differ is UPDATED (with the sessions added and removed),
 * one of the snapshot missing from the read is DELETED (all its sessions removed). Other
 * fields (`createdAt`, the guide) are not compared: Guidebook changes only sessions and
 * attendees of a schedule (PATCH), so a change there is a new schedule anyway.
 */
export function diffPersonalizedSchedules(
  previous: ReadonlyMap<string, PersonalizedScheduleModel>,
  fresh: readonly PersonalizedScheduleModel[],
  detectedAt: string,
): PersonalizedScheduleDiff {
  const records: PersonalizedScheduleChangeRecord[] = [];
  const upserts = new Map<string, PersonalizedScheduleModel>();
  const seen = new Set<string>();
  const base = (schedule: PersonalizedScheduleModel) => ({
    entity: 'PersonalizedSchedule' as const,
    personalizedScheduleId: globalIdOfModel(schedule, 'PersonalizedSchedule', 'guidebook'),
    detectedAt,
  });
  for (const schedule of fresh) {
    if (seen.has(schedule.sourceId)) continue;
    seen.add(schedule.sourceId);
    const before = previous.get(schedule.sourceId);
    if (!before) {
      upserts.set(schedule.sourceId, schedule);
      records.push({
        ...base(schedule),
        kind: 'CREATED',
        changedFields: [],
        addedSessionIds: [...new Set(schedule.sessionIds)],
        removedSessionIds: [],
        before: null,
        after: schedule,
      });
      continue;
    }
    const changedFields = scheduleChangedFields(before, schedule);
    if (changedFields.length === 0) continue;
    upserts.set(schedule.sourceId, schedule);
    records.push({
      ...base(schedule),
      kind: 'UPDATED',
      changedFields,
      addedSessionIds: minus(schedule.sessionIds, before.sessionIds),
      removedSessionIds: minus(before.sessionIds, schedule.sessionIds),
      before,
      after: schedule,
    });
  }
  const deletes: string[] = [];
  for (const [id, schedule] of previous) {
    if (seen.has(id)) continue;
    deletes.push(id);
    records.push({
      ...base(schedule),
      kind: 'DELETED',
      changedFields: [],
      addedSessionIds: [],
      removedSessionIds: [...new Set(schedule.sessionIds)],
      before: schedule,
      after: null,
    });
  }
  return { records, upserts, deletes };
}
