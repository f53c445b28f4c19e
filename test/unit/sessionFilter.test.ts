import { describe, expect, it } from 'vitest';

import { planstoneSessionFilter } from '../../src/catalog/sessionFilter.js';
import { isLocalDate, localDayBounds, nextLocalDate } from '../../src/datetime/index.js';
import { foldSearchText, htmlToSearchText, isWindowEmpty, narrowStarts, searchWords, sessionInWindow, textsContainAllWords } from '../../src/models/index.js';
import { validateSessionFilter } from '../../src/validation/sessionFilterInput.js';

// The pure parts of SessionFilter: a local day's bounds in a zone (checked against Intl),
// the search words and text rule, the window rule, and the argument checks.

/** `YYYY-MM-DD` of an instant in `zone`, by Intl. */
function intlDate(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

describe('localDayBounds', () => {
  it.each([
    ['2026-11-01', 'America/New_York', 25],
    ['2026-03-08', 'America/New_York', 23],
    ['2026-10-25', 'Europe/Berlin', 25],
    ['2026-03-29', 'Europe/Berlin', 23],
    ['2026-06-15', 'Europe/Berlin', 24],
    ['2024-11-03', 'America/Chicago', 25],
    ['2024-09-08', 'America/Santiago', 23], // the clocks skip midnight itself
    ['2026-04-05', 'Australia/Lord_Howe', 24.5], // half-hour switch
  ])('%s in %s is %d hours, its first and last instants on that date by Intl', (date, zone, hours) => {
    const bounds = localDayBounds(date, zone)!;
    expect((bounds.end.getTime() - bounds.start.getTime()) / 3_600_000).toBe(hours);
    expect(intlDate(bounds.start.getTime(), zone)).toBe(date);
    expect(intlDate(bounds.start.getTime() - 1, zone)).not.toBe(date);
    expect(intlDate(bounds.end.getTime() - 1, zone)).toBe(date);
    expect(intlDate(bounds.end.getTime(), zone)).toBe(nextLocalDate(date));
  });

  it('America/New_York on 2026-11-01 starts at 04:00Z (EDT) and ends at 05:00Z the next day (EST)', () => {
    const bounds = localDayBounds('2026-11-01', 'America/New_York')!;
    expect([bounds.start.toISOString(), bounds.end.toISOString()]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });

  it('a day the zone skips is empty (Pacific/Apia, 2011-12-30); invalid dates and zones are null', () => {
    const skipped = localDayBounds('2011-12-30', 'Pacific/Apia')!;
    expect(skipped.end.getTime()).toBe(skipped.start.getTime());
    expect(localDayBounds('2026-02-29', 'UTC')).toBeNull();
    expect(localDayBounds('2026-01-01', 'Mars/Olympus_Mons')).toBeNull();
  });

  it('isLocalDate and nextLocalDate: real dates only; month and year ends', () => {
    expect(['2024-02-29', '0001-01-01', '9999-12-31'].map(isLocalDate)).toEqual([true, true, true]);
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00', '0000-01-01', ''].map(isLocalDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['2024-02-28', '2024-02-29', '2026-12-31'].map(nextLocalDate)).toEqual(['2024-02-29', '2024-03-01', '2027-01-01']);
  });
});

describe('search words and texts', () => {
  it('folds case and accents, splits on anything not a letter or digit, drops repeats', () => {
    expect(searchWords('  Café—BERLIN, café 2026! ')).toEqual(['cafe', 'berlin', '2026']);
    expect(searchWords('İstanbul Ærø Straße')).toEqual(['istanbul', 'ærø', 'straße']);
    expect(searchWords('?! … --')).toEqual([]);
    expect(foldSearchText('Ñandú')).toBe('nandu');
  });

  it('HTML: tags are word breaks, entities decoded', () => {
    expect(htmlToSearchText('<p>Fish&amp;Chips</p><p>caf&#233; &#x41;BC&nbsp;x</p>a<br>b')).toBe(' Fish&Chips  café ABC x a b');
  });

  it('every word must occur in some text; a word never spans two texts', () => {
    expect(textsContainAllWords(['Keynote: Cloud', 'Hall B'], ['cloud', 'hall'])).toBe(true);
    expect(textsContainAllWords(['Keynote: Cloud', 'Hall B'], ['cloud', 'room'])).toBe(false);
    expect(textsContainAllWords(['abc', 'def'], ['cd'])).toBe(false);
    expect(textsContainAllWords(['Résumé writing'], searchWords('RESUME'))).toBe(true);
  });
});

describe('sessionInWindow', () => {
  const at = (iso: string) => new Date(iso);
  const session = (start: string | null, end: string | null, allDay = false) => ({
    startTime: start ? at(start) : null,
    endTime: end ? at(end) : null,
    allDay,
  });

  it('an all-day session without an end lasts 24 h; another without an end is never running', () => {
    expect(sessionInWindow(session('2026-01-01T00:00:00Z', null, true), { happeningAt: at('2026-01-01T23:00:00Z') })).toBe(true);
    expect(sessionInWindow(session('2026-01-01T00:00:00Z', null, true), { happeningAt: at('2026-01-02T00:00:00Z') })).toBe(false);
    expect(sessionInWindow(session('2026-01-01T09:00:00Z', null), { happeningAt: at('2026-01-01T09:00:00Z') })).toBe(false);
    expect(sessionInWindow(session('2026-01-01T09:00:00Z', null), { endsBefore: at('2026-01-01T09:00:00Z') })).toBe(true);
  });

  it('regression: a bound given as null counted as a bound in isWindowEmpty, so sessions without a start were dropped by an empty window', () => {
    const window = { startsAfter: null } as unknown as Parameters<typeof sessionInWindow>[1];
    expect(isWindowEmpty(window)).toBe(true);
    expect(sessionInWindow(session(null, null), window)).toBe(true);
  });

  it('narrowStarts keeps the tighter bound of each side', () => {
    const narrowed = narrowStarts({ startsAfter: at('2026-01-01T12:00:00Z') }, at('2026-01-01T05:00:00Z'), at('2026-01-02T05:00:00Z'));
    expect(narrowed).toEqual({ startsAfter: at('2026-01-01T12:00:00Z'), startsBefore: at('2026-01-02T05:00:00Z') });
  });
});

describe('validateSessionFilter', () => {
  const gid = (text: string) => Buffer.from(text).toString('base64url');
  const refusal = (input: Parameters<typeof validateSessionFilter>[0]) => {
    try {
      validateSessionFilter(input);
    } catch (error) {
      return (error as { extensions: { code: string; argumentName: string } }).extensions;
    }
    throw new Error('not refused');
  };

  it('decodes ids and windows; keeps the search as words', () => {
    const valid = validateSessionFilter({
      conferenceId: gid('Conference:planstone:myaccount/2018'),
      locationId: gid('Location:planstone:myaccount/2018#room:Hall B'),
      speakerId: gid('Speaker:planstone:10024'),
      startsAfter: new Date('2026-01-01T00:00:00Z'),
      day: '2026-03-08',
      search: 'Ærø  Keynote',
      sources: null,
    });
    expect(valid).toEqual({
      conference: { provider: 'planstone', sourceId: 'myaccount/2018' },
      location: { provider: 'planstone', sourceId: 'myaccount/2018#room:Hall B' },
      speakerPid: '10024',
      window: { startsAfter: new Date('2026-01-01T00:00:00Z') },
      day: '2026-03-08',
      search: ['ærø', 'keynote'],
    });
  });

  it.each([
    [{ conferenceId: gid('Guide:guidebook:1') }, 'filter.conferenceId'],
    [{ conferenceId: gid('Conference:roundware:1') }, 'filter.conferenceId'],
    [{ locationId: gid('Location:planstone:Hall A') }, 'filter.locationId'],
    [{ locationId: gid('Location:planstone:myaccount/2018#roomid: 7') }, 'filter.locationId'],
    [{ conferenceId: gid('Conference:planstone:myaccount') }, 'filter.conferenceId'],
    [{ locationId: gid('Conference:guidebook:1') }, 'filter.locationId'],
    [{ speakerId: gid('Speaker:planstone:12a') }, 'filter.speakerId'],
    [{ happeningAt: new Date('nope') }, 'filter.happeningAt'],
    [{ day: '2026-3-8' }, 'filter.day'],
    [{ day: '9999-12-31' }, 'filter.day'], // regression: its end (the next midnight) does not exist; was a TypeError
    [{ search: `${'a'.repeat(200)}😀` }, 'filter.search'],
  ])('%j is refused naming %s', (input, argumentName) => {
    expect(refusal(input)).toEqual({ code: 'BAD_USER_INPUT', argumentName });
  });

  it('a day given as a Date (a Date scalar that parses to one) counts by its UTC calendar date', () => {
    expect(validateSessionFilter({ day: new Date('2026-11-01T00:00:00Z') }).day).toBe('2026-11-01');
  });

  it('counts characters, not UTF-16 units: 200 emoji are fine', () => {
    expect(validateSessionFilter({ search: `${'😀'.repeat(199)}a` }).search).toEqual(['a']);
  });
});

describe('planstoneSessionFilter: ids scoped to a conference', () => {
  const first = { timeZone: 'America/Chicago', conferenceId: 'myaccount/2018', first: true };
  const later = { timeZone: 'Europe/Berlin', conferenceId: 'myaccount/2019', first: false };
  const filterOf = (input: Parameters<typeof validateSessionFilter>[0]) => validateSessionFilter(input);
  const gid = (text: string) => Buffer.from(text).toString('base64url');

  it('an unprefixed track or speaker is the first conference’s; a prefixed one its own conference’s', () => {
    expect(planstoneSessionFilter(filterOf({ trackId: gid('Track:planstone:Oncology') }), first)).toMatchObject({ trackName: 'Oncology' });
    expect(planstoneSessionFilter(filterOf({ trackId: gid('Track:planstone:Oncology') }), later)).toBeNull();
    expect(planstoneSessionFilter(filterOf({ trackId: gid('Track:planstone:myaccount/2019#Oncology') }), later)).toMatchObject({ trackName: 'Oncology' });
    expect(planstoneSessionFilter(filterOf({ trackId: gid('Track:planstone:myaccount/2019#Oncology') }), first)).toBeNull();
  });

  it('a room by roomid or name, only in its own conference; a day in the conference’s zone', () => {
    const byId = planstoneSessionFilter(filterOf({ locationId: gid('Location:planstone:myaccount/2018#roomid:12'), day: '2026-03-08' }), first);
    expect(byId).toMatchObject({ roomId: '12', window: { startsAfter: new Date('2026-03-08T06:00:00Z'), startsBefore: new Date('2026-03-09T05:00:00Z') } });
    expect(planstoneSessionFilter(filterOf({ locationId: gid('Location:planstone:myaccount/2018#room:Hall B') }), first)).toMatchObject({ roomName: 'Hall B' });
    expect(planstoneSessionFilter(filterOf({ locationId: gid('Location:planstone:myaccount/2018#roomid:12') }), later)).toBeNull();
  });
});
