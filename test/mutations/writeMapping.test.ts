import { describe, expect, it } from 'vitest';

import {
  attendeeWasCreated,
  GUIDEBOOK_INPUT_FIELDS,
  guidebookUserErrors,
  sessionChangesToWire,
  sessionDraftToWire,
} from '../../src/datasources/guidebook/mapper.writes.js';
import { clientSessionDraftToWire, roundwareUserErrors } from '../../src/datasources/roundware/mapper.writes.js';
import { flattenDrfErrors } from '../../src/datasources/writes/drfFieldErrors.js';
import { sessionRuleIssues } from '../../src/validation/guidebook/sessionRules.js';

// The pure halves of the write path: provider 400 bodies → input paths, input → wire
// bodies, the attendee "created?" comparison and the session rules.

describe('flattenDrfErrors', () => {
  it('reads field lists, non-field errors, detail and nested serializer errors', () => {
    const body = {
      name: ['This field is required.', 'Second message.'],
      non_field_errors: ['Clash.'],
      detail: 'Broken.',
      app_profile: { website: ['Enter a valid URL.'] },
      items: [{}, { id: ['Invalid.'] }],
    };
    expect(flattenDrfErrors(body, 'fallback')).toEqual([
      { path: ['name'], message: 'This field is required.' },
      { path: ['name'], message: 'Second message.' },
      { path: [], message: 'Clash.' },
      { path: [], message: 'Broken.' },
      { path: ['app_profile', 'website'], message: 'Enter a valid URL.' },
      { path: ['items', '1', 'id'], message: 'Invalid.' },
    ]);
  });

  it('never echoes an HTML page or an empty body', () => {
    expect(flattenDrfErrors('<h1>Bad Request (400)</h1>', 'Refused.')).toEqual([{ path: [], message: 'Refused.' }]);
    expect(flattenDrfErrors({}, 'Refused.')).toEqual([{ path: [], message: 'Refused.' }]);
  });
});

describe('Guidebook 400 → input paths', () => {
  it('maps wire names to input fields, nested ones too; unknown names go to the input root, named', () => {
    const errors = guidebookUserErrors(
      { description_html: ['Too long.'], registration_start_date: ['Needs login.'], thumbnail: ['Bad image.'] },
      GUIDEBOOK_INPUT_FIELDS.session,
    );
    expect(errors).toEqual([
      { field: ['input', 'descriptionHtml'], message: 'Too long.', code: 'UPSTREAM_REJECTED' },
      { field: ['input', 'registrationStartTime'], message: 'Needs login.', code: 'UPSTREAM_REJECTED' },
      { field: ['input'], message: 'thumbnail: Bad image.', code: 'UPSTREAM_REJECTED' },
    ]);
    expect(guidebookUserErrors({ app_profile: { contact_email: ['Bad.'] } }, GUIDEBOOK_INPUT_FIELDS.attendee)).toEqual([
      { field: ['input', 'profile', 'contactEmail'], message: 'Bad.', code: 'UPSTREAM_REJECTED' },
    ]);
  });
});

describe('Roundware 400 → input paths', () => {
  it('`language` goes to whichever language field was sent', () => {
    const body = { language: ['Invalid pk "9" - object does not exist.'], project: ['Invalid pk "9" - object does not exist.'] };
    const byCode = roundwareUserErrors(body, { projectId: 9, clientSystem: 'x', languageCode: 'zz' });
    const byId = roundwareUserErrors(body, { projectId: 9, clientSystem: 'x', languageId: 9 });
    expect(byCode.map((e) => e.field.join('.'))).toEqual(['input.languageCode', 'input.projectId']);
    expect(byId.map((e) => e.field.join('.'))).toEqual(['input.languageId', 'input.projectId']);
  });

  it('sends only what is given, with the wire names', () => {
    expect(clientSessionDraftToWire({ projectId: 1, clientSystem: 'iOS', timeZone: '-0800' })).toEqual({
      project_id: 1,
      client_system: 'iOS',
      timezone: '-0800',
    });
  });
});

describe('Guidebook input → wire', () => {
  it('a draft: integer ids, UTC ISO times, nothing undefined', () => {
    const wire = sessionDraftToWire({ guideId: '47', name: 'A', startTime: new Date('2025-01-01T10:00:00Z'), trackIds: ['3'], locationIds: ['4'] });
    expect(wire).toEqual({ guide: 47, name: 'A', start_time: '2025-01-01T10:00:00.000Z', schedule_tracks: [3], locations: [4] });
  });

  it('changes: null is sent (to clear), undefined is not', () => {
    expect(sessionChangesToWire({ endTime: null, maxCapacity: null, name: 'B' })).toEqual({ end_time: null, max_capacity: null, name: 'B' });
  });
});

describe('attendeeWasCreated', () => {
  const wire = {
    id: 3001,
    guide_id: 1,
    email: 'a@example.org',
    import_id: null,
    first_name: 'Ann',
    last_name: 'Lee',
    revoked: false,
    email_opt_out: false,
    status: 0,
    last_email_send: null,
    app_profile: { website: '', position: '', company: '', contact_email: '' },
  };
  it('an answer that is exactly the post plus defaults: created', () => {
    expect(attendeeWasCreated({ guideId: '1', email: 'a@example.org', firstName: 'Other' }, wire)).toBe(true);
  });
  it('an answer that differs from the post: an existing attendee', () => {
    expect(attendeeWasCreated({ guideId: '1', email: 'A@example.org' }, wire)).toBe(false);
    expect(attendeeWasCreated({ guideId: '1', email: 'a@example.org', importId: 'x' }, wire)).toBe(false);
    expect(attendeeWasCreated({ guideId: '1', email: 'a@example.org' }, { ...wire, status: 3 })).toBe(false);
    expect(attendeeWasCreated({ guideId: '1', email: 'a@example.org', profile: { company: 'ACME' } }, wire)).toBe(false);
  });
});

describe('sessionRuleIssues', () => {
  const at = (iso: string) => new Date(iso);
  it('checks a rule only when every value it involves is known', () => {
    expect(sessionRuleIssues({ endTime: at('2025-01-01T00:00:00Z') })).toEqual([]);
    expect(sessionRuleIssues({ waitlist: true })).toEqual([]);
    expect(sessionRuleIssues({ requireLogin: true })).toEqual([]);
  });
  it('reports each broken rule at the field Guidebook keys it by', () => {
    const issues = sessionRuleIssues({
      startTime: at('2025-01-02T00:00:00Z'),
      endTime: at('2025-01-01T00:00:00Z'),
      requireLogin: false,
      addToSchedule: false,
      registrationStartTime: at('2024-12-01T00:00:00Z'),
      waitlist: true,
      maxCapacity: null,
    });
    expect(issues.map((i) => i.path)).toEqual(['endTime', 'registrationStartTime', 'waitlist']);
    expect(sessionRuleIssues({ requireLogin: true, addToSchedule: false }).map((i) => i.path)).toEqual(['requireLogin']);
  });
  it('an end equal to the start is allowed, as Guidebook allows it', () => {
    expect(sessionRuleIssues({ startTime: at('2025-01-01T00:00:00Z'), endTime: at('2025-01-01T00:00:00Z') })).toEqual([]);
  });
});
