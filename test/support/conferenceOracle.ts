import { PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference, SCALE_GUIDE, type PlanstoneConference } from '@sessions-gateway/emulators';
import { generateSeed } from '@sessions-gateway/emulators/guidebook/seed.js';
import { generateScaleGuide } from '@sessions-gateway/emulators/guidebook/seedScale.js';
import { planstoneFeed } from '@sessions-gateway/emulators/planstone/seed/planstoneFeed.js';

// An independent oracle for filter tests: each conference's sessions with their UTC start
// and end, computed here from the emulators' seed records (the same records the emulators
// serve, for their default seeds) with `Intl` only — neither the gateway's code (src/) nor
// luxon. Compare a filtered connection with what these say it must hold.
//
// Rules (PROVIDERS.md §3 and the Planstone emulator's README, "What the gateway should take
// from this"; the same contract as src/models/sessionWindow.ts, written again here):
// - Planstone `startDate` "" → no start and no end. A date with `startTime` " " → an all-day
//   session: start at local midnight, no end. Local times are read in the conference's zone;
//   a time that happens twice (DST ends) is its FIRST occurrence, a time skipped in spring
//   moves forward by the gap. `endTime` " " → no end. `endDate` "" → the start date. An end
//   earlier than the start on the same date is on the next day.
// - Guidebook times are UTC already; the local day is read in the guide's `timezone`.
// - `effectiveEnd`: the end; without one, start + 24 h for an all-day session, else the
//   start (zero length: never "happening").

export interface OracleSession {
  provider: 'PLANSTONE' | 'GUIDEBOOK';
  /** Planstone `account/conference`, or the Guidebook guide id as text. */
  conference: string;
  /** Planstone `schedid`, or the Guidebook session id as text. */
  sourceId: string;
  name: string;
  start: Date | null;
  end: Date | null;
  allDay: boolean;
  effectiveEnd: Date | null;
  /** The start's local date in the conference's zone (`YYYY-MM-DD`); null without a start. */
  localDay: string | null;
  /** Planstone `roomname` / Guidebook location ids (as text); empty when none. */
  rooms: string[];
  /** Planstone engagement pids (every role); empty for Guidebook. */
  speakerPids: string[];
  speakerNames: string[];
  trackNames: string[];
  description: string;
}

export interface OracleConference {
  provider: 'PLANSTONE' | 'GUIDEBOOK';
  key: string;
  name: string;
  timeZone: string;
  sessions: OracleSession[];
}

const built = new Map<number, OracleConference[]>();

/** Every conference the emulators serve at `scale` (0 = the default data), with its sessions in the providers' natural order. Cached per scale; do not mutate. */
export function oracleConferences(scale = 0): OracleConference[] {
  let conferences = built.get(scale);
  if (!conferences) built.set(scale, (conferences = buildConferences(scale)));
  return conferences;
}

function buildConferences(scale: number): OracleConference[] {
  const feed = planstoneFeed(2018, scale);
  const planstone: PlanstoneConference[] = [...PLANSTONE_DEMO_CONFERENCES, ...(scale > 0 ? [planstoneScaleConference(scale)] : [])];
  const result: OracleConference[] = planstone.map((c) => ({
    provider: 'PLANSTONE',
    key: `${c.account}/${c.conference}`,
    name: c.name,
    timeZone: c.timeZone,
    sessions: feed.scoped('sessions', c.account, c.conference).map((d) => planstoneSession(d as unknown as PlanstoneDoc, c)),
  }));
  const tables = generateSeed(20170918);
  const large = scale > 0 ? generateScaleGuide(scale) : undefined;
  const tracks = new Map([...tables.scheduleTracks, ...(large?.scheduleTracks ?? [])].map((t) => [t.id, t.name]));
  for (const guide of [...tables.guides, ...(large?.guides ?? [])]) {
    const sessions = [...tables.sessions, ...(large?.sessions ?? [])].filter((s) => s.guide === guide.id);
    result.push({
      provider: 'GUIDEBOOK',
      key: String(guide.id),
      name: guide.name,
      timeZone: guide.timezone,
      sessions: sessions.map((s) => {
        const start = new Date(Math.floor(s.startTime / 1000));
        const end = s.endTime === null ? null : new Date(Math.floor(s.endTime / 1000));
        return {
          provider: 'GUIDEBOOK',
          conference: String(guide.id),
          sourceId: String(s.id),
          name: s.name,
          start,
          end,
          allDay: s.allDay,
          effectiveEnd: effectiveEnd(start, end, s.allDay),
          localDay: localDate(start, guide.timezone),
          rooms: s.locations.map(String),
          speakerPids: [],
          speakerNames: [],
          trackNames: s.scheduleTracks.map((id) => tracks.get(id) ?? ''),
          description: s.descriptionHtml ?? '',
        };
      }),
    });
  }
  return result;
}

/** The large conferences' keys at a scale: Planstone `myaccount/2027` and Guidebook guide 90. */
export const SCALE_KEYS = {
  planstone: `${planstoneScaleConference(1).account}/${planstoneScaleConference(1).conference}`,
  guidebook: String(SCALE_GUIDE.id),
} as const;

interface PlanstoneDoc {
  schedid: string;
  sessionName: string | null;
  description: string | null;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  roomname: string | null;
  tracks: { track: string }[] | null;
  speakers: { pid: string; fname?: string; lname?: string }[] | null;
}

function planstoneSession(d: PlanstoneDoc, c: PlanstoneConference): OracleSession {
  const base = {
    provider: 'PLANSTONE' as const,
    conference: `${c.account}/${c.conference}`,
    sourceId: d.schedid,
    name: d.sessionName ?? '',
    rooms: d.roomname ? [d.roomname] : [],
    speakerPids: (d.speakers ?? []).map((e) => e.pid),
    speakerNames: (d.speakers ?? []).map((e) => `${e.fname ?? ''} ${e.lname ?? ''}`.trim()),
    trackNames: (d.tracks ?? []).map((t) => t.track),
    description: d.description ?? '',
  };
  const startMinutes = clockMinutes(d.startTime);
  let start: Date | null = null;
  let end: Date | null = null;
  let allDay = false;
  if (d.startDate.trim() !== '') {
    allDay = startMinutes === null;
    start = wallTimeToUtc(d.startDate, startMinutes ?? 0, c.timeZone);
    const endMinutes = allDay ? null : clockMinutes(d.endTime);
    if (endMinutes !== null) {
      const endDate = d.endDate.trim() || d.startDate;
      end = wallTimeToUtc(endDate, endMinutes, c.timeZone);
      if (end < start && endDate === d.startDate) end = wallTimeToUtc(endDate, endMinutes + 1440, c.timeZone);
    }
  }
  return { ...base, start, end, allDay, effectiveEnd: effectiveEnd(start, end, allDay), localDay: start && localDate(start, c.timeZone) };
}

function effectiveEnd(start: Date | null, end: Date | null, allDay: boolean): Date | null {
  if (end) return end;
  if (!start) return null;
  return new Date(start.getTime() + (allDay ? 86_400_000 : 0));
}

/** `"07:30 pm"` → 1170; `" "` → null. */
function clockMinutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2}) ?([ap]m)$/i.exec(text.trim());
  if (!m) return null;
  return ((Number(m[1]) % 12) + (m[3]!.toLowerCase() === 'pm' ? 12 : 0)) * 60 + Number(m[2]);
}

const instants = new Map<string, number>();

/** Local wall time → instant: first occurrence of a repeated time, forward by the gap for a skipped one. */
export function wallTimeToUtc(isoDate: string, minutes: number, timeZone: string): Date {
  const key = `${timeZone} ${isoDate} ${minutes}`;
  let instant = instants.get(key);
  if (instant === undefined) instants.set(key, (instant = computeWallTime(isoDate, minutes, timeZone)));
  return new Date(instant);
}

function computeWallTime(isoDate: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${isoDate}T00:00:00Z`) + minutes * 60_000;
  const offsets = [offsetAt(wall - 86_400_000, timeZone), offsetAt(wall + 86_400_000, timeZone)];
  const exact = offsets.map((o) => wall - o).filter((utc) => utc + offsetAt(utc, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : wall - offsets[0]!;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(kind: 'date' | 'parts', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
          });
    formats.set(key, f);
  }
  return f;
}

/** The local date of an instant in a zone, by Intl. */
export function localDate(instant: Date, timeZone: string): string {
  return format('date', timeZone).format(instant);
}

function offsetAt(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = Object.fromEntries(
    format('parts', timeZone)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, Number(p.value)]),
  );
  const [year, month, day, hour, minute] = [parts.year, parts.month, parts.day, parts.hour, parts.minute] as number[];
  return Date.UTC(year!, month! - 1, day, hour, minute) - Math.floor(utcMs / 60_000) * 60_000;
}
