import { describe, expect, it } from 'vitest';

import { diffPersonalizedSchedules } from '../../src/changes/diffPersonalizedSchedules.js';
import { toGlobalId } from '../../src/ids/globalId.js';
import type { PersonalizedScheduleModel } from '../../src/models/index.js';

const schedule = (sourceId: string, sessionIds: string[], attendeeIds: string[] = ['7'], name = `Schedule ${sourceId}`): PersonalizedScheduleModel => ({
  sourceId,
  guideId: '1',
  name,
  sessionIds,
  attendeeIds,
  createdAt: null,
});
const at = '2026-12-07T12:00:00.000Z';
const summary = (records: ReturnType<typeof diffPersonalizedSchedules>['records']) =>
  records.map((r) => [r.kind, r.personalizedScheduleId, r.changedFields, r.addedSessionIds, r.removedSessionIds]);

describe('diffPersonalizedSchedules', () => {
  it('is silent when only the order of sessions or attendees changed', () => {
    const before = new Map([['1', schedule('1', ['10', '11'], ['7', '8'])]]);
    const diff = diffPersonalizedSchedules(before, [schedule('1', ['11', '10'], ['8', '7'])], at);
    expect(diff.records).toEqual([]);
    expect(diff.upserts.size).toBe(0);
  });

  it('names every changed part and the sessions added and removed, each once', () => {
    const before = new Map([['1', schedule('1', ['10', '11'], ['7'])]]);
    const diff = diffPersonalizedSchedules(before, [schedule('1', ['11', '12', '12'], ['7', '9'], 'Renamed')], at);
    expect(summary(diff.records)).toEqual([
      ['UPDATED', toGlobalId('PersonalizedSchedule', 'guidebook', '1'), ['SESSIONS', 'ATTENDEES', 'NAME'], ['12'], ['10']],
    ]);
    expect(diff.records[0]!.before?.name).toBe('Schedule 1');
    expect(diff.records[0]!.after?.name).toBe('Renamed');
  });

  it('a new schedule is CREATED with all its sessions, a missing one DELETED with all of them; the snapshot follows', () => {
    const before = new Map([['1', schedule('1', ['10'])]]);
    const diff = diffPersonalizedSchedules(before, [schedule('2', ['20', '21'])], at);
    expect(summary(diff.records)).toEqual([
      ['CREATED', toGlobalId('PersonalizedSchedule', 'guidebook', '2'), [], ['20', '21'], []],
      ['DELETED', toGlobalId('PersonalizedSchedule', 'guidebook', '1'), [], [], ['10']],
    ]);
    expect([...diff.upserts.keys()]).toEqual(['2']);
    expect(diff.deletes).toEqual(['1']);
    expect(diff.records.map((r) => r.detectedAt)).toEqual([at, at]);
  });
});
