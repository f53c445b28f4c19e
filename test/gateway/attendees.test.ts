import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { expectUnique, PAGE_FIELDS, rootConnection, walkBackward, walkForward } from '../support/paging.js';
import { readProviderData, type GuidebookAttendee, type ProviderData } from '../support/providerData.js';

// `Query.attendees` and `Query.personalizedSchedules` (Guidebook page-number lists behind
// offset cursors), against the emulator's data.

let harness: Harness;
let data: ProviderData;

beforeAll(async () => {
  harness = await startHarness();
  data = await readProviderData(harness);
});
afterAll(() => harness?.close());

const STATUSES = ['CREATED', 'INVITED_NEW_ACCOUNT', 'INVITED_EXISTING_ACCOUNT', 'ACCEPTED'];

interface AttendeeNode {
  sourceId: string;
  email: string;
  lastName: string;
  status: string;
  revoked: boolean;
}

const ATTENDEES = `
  query($first: Int, $after: String, $last: Int, $before: String, $filter: AttendeeFilter, $orderBy: [AttendeeOrder!]) {
    connection: attendees(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) { ${PAGE_FIELDS} }
  }
  fragment N on Attendee { sourceId email lastName status revoked guide { sourceId } }
`;

const attendees = (filter?: Record<string, unknown>, orderBy?: Array<{ field: string; direction: string }>) =>
  rootConnection<AttendeeNode>(harness, ATTENDEES, { filter, orderBy });
const ids = (rows: ReadonlyArray<{ id: number }>) => rows.map((r) => String(r.id));
const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

describe('attendees', () => {
  it('walks all attendees forward with first: 100 in id order, and backward with last: 100', async () => {
    const expected = ids([...data.guidebook.attendees].sort(byId));
    const forward = await walkForward(attendees(), 100);
    expect(forward.pages[0]!.totalCount).toBe(expected.length);
    expect(forward.nodes.map((n) => n.sourceId)).toEqual(expected);
    const backward = await walkBackward(attendees(), 100);
    expect(backward.cursors).toEqual(forward.cursors);
  });

  it('filters by guide, revoked, status, importId and email', async () => {
    const sample = data.guidebook.attendees.find((a) => a.import_id)!;
    const cases: Array<[Record<string, unknown>, (a: GuidebookAttendee) => boolean]> = [
      [{ guideId: toGlobalId('Guide', 'guidebook', String(sample.guide_id)) }, (a) => a.guide_id === sample.guide_id],
      [{ revoked: true }, (a) => a.revoked],
      [{ status: 'CREATED', revoked: false }, (a) => a.status === 0 && !a.revoked],
      [{ importId: sample.import_id }, (a) => a.import_id === sample.import_id],
      [{ email: sample.email }, (a) => a.email === sample.email],
    ];
    for (const [filter, keep] of cases) {
      const expected = ids(data.guidebook.attendees.filter(keep).sort(byId));
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const walk = await walkForward(attendees(filter), 100);
      expect(
        walk.nodes.map((n) => n.sourceId),
        JSON.stringify(filter),
      ).toEqual(expected);
    }
  });

  it('orders by last name (both directions) with ties by id, paging with a small size', async () => {
    const guide = data.guidebook.guides[0]!.id;
    const filter = { guideId: toGlobalId('Guide', 'guidebook', String(guide)) };
    const rows = data.guidebook.attendees.filter((a) => a.guide_id === guide);
    for (const direction of ['ASC', 'DESC'] as const) {
      const sign = direction === 'ASC' ? 1 : -1;
      const expected = ids([...rows].sort((a, b) => (a.last_name === b.last_name ? a.id - b.id : sign * (a.last_name < b.last_name ? -1 : 1))));
      const walk = await walkForward(attendees(filter, [{ field: 'LAST_NAME', direction }]), 100);
      expect(walk.nodes.map((n) => n.sourceId)).toEqual(expected);
      const tail = await walkBackward(attendees(filter, [{ field: 'LAST_NAME', direction }]), 9, { maxPages: 4 });
      expect(tail.nodes.map((n) => n.sourceId)).toEqual(expected.slice(-36));
    }
  });

  it('orders by status then email', async () => {
    const expected = ids(
      [...data.guidebook.attendees]
        .filter((a) => a.revoked)
        .sort((a, b) => b.status - a.status || (a.email < b.email ? -1 : a.email > b.email ? 1 : a.id - b.id)),
    );
    const walk = await walkForward(
      attendees({ revoked: true }, [
        { field: 'STATUS', direction: 'DESC' },
        { field: 'EMAIL', direction: 'ASC' },
      ]),
      11,
    );
    expect(walk.nodes.map((n) => n.sourceId)).toEqual(expected);
    expect(walk.nodes.every((n) => n.revoked && STATUSES.includes(n.status))).toBe(true);
  });
});

interface ScheduleNode {
  sourceId: string;
  name: string;
}

const SCHEDULES = `
  query($first: Int, $after: String, $last: Int, $before: String, $filter: PersonalizedScheduleFilter) {
    connection: personalizedSchedules(first: $first, after: $after, last: $last, before: $before, filter: $filter) { ${PAGE_FIELDS} }
  }
  fragment N on PersonalizedSchedule { sourceId name }
`;
const schedules = (filter?: Record<string, unknown>) => rootConnection<ScheduleNode>(harness, SCHEDULES, { filter });

describe('personalizedSchedules', () => {
  it('walks all schedules by id with first: 100 and last: 30', async () => {
    const expected = ids([...data.guidebook.schedules].sort(byId));
    const forward = await walkForward(schedules(), 100);
    expectUnique(forward.nodes, (n) => n.sourceId);
    expect(forward.nodes.map((n) => n.sourceId)).toEqual(expected);
    expect(forward.nodes.map((n) => n.name)).toEqual([...data.guidebook.schedules].sort(byId).map((s) => s.name));
    const backward = await walkBackward(schedules(), 30);
    expect(backward.cursors).toEqual(forward.cursors);
  });

  it('filters by guide, attendee and attendee import id', async () => {
    const schedule = data.guidebook.schedules[20]!;
    const attendee = data.guidebook.attendees.find((a) => a.import_id && data.guidebook.schedules.some((s) => s.attendees.includes(a.id)))!;
    const cases: Array<[Record<string, unknown>, (s: (typeof data.guidebook.schedules)[number]) => boolean]> = [
      [{ guideId: toGlobalId('Guide', 'guidebook', String(schedule.guide)) }, (s) => s.guide === schedule.guide],
      [{ attendeeId: toGlobalId('Attendee', 'guidebook', String(attendee.id)) }, (s) => s.attendees.includes(attendee.id)],
      [{ attendeeImportId: attendee.import_id }, (s) => s.attendees.includes(attendee.id)],
    ];
    for (const [filter, keep] of cases) {
      const expected = ids(data.guidebook.schedules.filter(keep).sort(byId));
      expect(expected.length).toBeGreaterThan(0);
      const walk = await walkForward(schedules(filter), 13);
      expect(
        walk.nodes.map((n) => n.sourceId),
        JSON.stringify(filter),
      ).toEqual(expected);
    }
  });

  it('a guideId that is not a Guide ID is BAD_USER_INPUT', async () => {
    const response = await harness.query(SCHEDULES, { first: 1, filter: { guideId: toGlobalId('Attendee', 'guidebook', '1') } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
