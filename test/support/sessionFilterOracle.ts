import { guidebookMs, planstoneEndMs, planstoneStartMs, sortSessions, type ProviderData, type RefSession } from './providerData.js';

// SessionFilter's semantics written from the schema's descriptions (schema/session.graphql)
// and docs/filters, over the providers' own records as the emulators serve them — never from
// the gateway's code. Local dates come from Intl, time zones from the guides and the
// Planstone configuration.

/** One session with what every filter reads. */
export interface OracleSession extends RefSession {
  allDay: boolean;
  /** IANA zone of its conference. */
  zone: string;
  /** Guidebook guide id, or the Planstone conference `account/conference`. */
  conference: string;
  /** Guidebook location ids; Planstone rooms as `account/conference#roomid:<roomid>`, or `#room:<name>` without a roomid. */
  rooms: string[];
  /** Planstone pids with an engagement. */
  speakers: string[];
  /** Guidebook track ids; Planstone track names. */
  tracks: string[];
  /** Name, description text, speaker, track and room names. */
  texts: string[];
}

export interface OracleFilter {
  sources?: Array<'GUIDEBOOK' | 'PLANSTONE'>;
  startsAfter?: string;
  startsBefore?: string;
  endsAfter?: string;
  endsBefore?: string;
  happeningAt?: string;
  day?: string;
  conference?: { source: 'GUIDEBOOK' | 'PLANSTONE'; id: string };
  room?: { source: 'GUIDEBOOK' | 'PLANSTONE'; id: string };
  speakerPid?: string;
  track?: { source: 'GUIDEBOOK' | 'PLANSTONE'; id: string };
  search?: string;
}

const DAY_MS = 24 * 3_600_000;

/** `YYYY-MM-DD` of an instant on the wall clock of `zone`, by Intl. */
export function localDateOf(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Lower case, accents gone (NFD without combining marks). */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** Words of a search: letters and digits, folded. */
export function oracleWords(search: string): string[] {
  return fold(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML tags out (each a space), entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole);
}

const blank = (text: string | null | undefined): string | null => (text?.trim() ? text.trim() : null);

/** Every session of both providers, with what the filters read. */
export function oracleSessions(data: ProviderData, planstoneConference: string): OracleSession[] {
  const guideZones = new Map(data.guidebook.guides.map((g) => [g.id, g.timezone ?? 'UTC']));
  const trackNames = new Map(data.guidebook.tracks.map((t) => [t.id, t.name]));
  const locationNames = new Map(data.guidebook.locations.map((l) => [l.id, l.name]));
  const zone = data.planstone.timeZone;
  const clock = /^\s*\d{1,2}:\d{2}\s*[ap]m\s*$/i;
  return [
    ...data.guidebook.sessions.map((s): OracleSession => ({
      source: 'GUIDEBOOK',
      sourceId: String(s.id),
      start: guidebookMs(s.start_time),
      end: guidebookMs(s.end_time),
      importId: s.import_id?.trim() || null,
      published: true,
      allDay: s.all_day === true,
      zone: guideZones.get(s.guide) ?? 'UTC',
      conference: String(s.guide),
      rooms: s.locations.map(String),
      speakers: [],
      tracks: s.schedule_tracks.map(String),
      texts: [
        s.name,
        s.description_html ? htmlText(s.description_html) : '',
        ...s.schedule_tracks.map((id) => trackNames.get(id) ?? ''),
        ...s.locations.map((id) => locationNames.get(id) ?? ''),
      ],
    })),
    ...data.planstone.sessions.map((s): OracleSession => {
      const room = blank(s.roomname) ?? blank(s.sched_roomname) ?? blank(s.location);
      const hasDate = blank(s.startDate) !== null;
      const hasTime = clock.test(s.startTime ?? '') || blank(s.rstartmins) !== null;
      const roomId = s.roomid === null || s.roomid === undefined || s.roomid === '' ? null : String(s.roomid);
      return {
        source: 'PLANSTONE',
        sourceId: s.schedid,
        start: planstoneStartMs(s, zone),
        end: planstoneEndMs(s, zone),
        importId: null,
        published: false,
        allDay: hasDate && !hasTime,
        zone,
        conference: planstoneConference,
        rooms: room ? [`${planstoneConference}#${roomId ? `roomid:${roomId}` : `room:${room}`}`] : [],
        speakers: (s.speakers ?? []).map((e) => String(e.pid)),
        tracks: (s.tracks ?? []).map((t) => t.track.trim()).filter((t) => t !== ''),
        texts: [
          blank(s.sessionName) ?? '(untitled session)',
          s.description ? htmlText(s.description) : '',
          ...(s.speakers ?? []).map((e) => [blank(e.fname), blank(e.lname)].filter(Boolean).join(' ')),
          ...(s.tracks ?? []).map((t) => t.track),
          room ?? '',
        ],
      };
    }),
  ];
}

/** The end the time filters use: the end; else 24 h after the start for all-day sessions, the start for others. */
export function effectiveEnd(s: OracleSession): number | null {
  if (s.end !== null) return s.end;
  if (s.start === null) return null;
  return s.allDay ? s.start + DAY_MS : s.start;
}

/** Whether `s` matches every part of `f`, by the schema's words. */
export function oracleMatches(s: OracleSession, f: OracleFilter): boolean {
  if (f.sources && !f.sources.includes(s.source)) return false;
  const timed = f.startsAfter ?? f.startsBefore ?? f.endsAfter ?? f.endsBefore ?? f.happeningAt ?? f.day;
  if (timed !== undefined && s.start === null) return false;
  const start = s.start!;
  const end = effectiveEnd(s)!;
  if (f.startsAfter && !(start >= Date.parse(f.startsAfter))) return false;
  if (f.startsBefore && !(start < Date.parse(f.startsBefore))) return false;
  if (f.endsAfter && !(end > Date.parse(f.endsAfter))) return false;
  if (f.endsBefore && !(end <= Date.parse(f.endsBefore))) return false;
  if (f.happeningAt && !(start <= Date.parse(f.happeningAt) && end > Date.parse(f.happeningAt))) return false;
  if (f.day && localDateOf(start, s.zone) !== f.day) return false;
  if (f.conference && (f.conference.source !== s.source || f.conference.id !== s.conference)) return false;
  if (f.room && (f.room.source !== s.source || !s.rooms.includes(f.room.id))) return false;
  if (f.speakerPid && !s.speakers.includes(f.speakerPid)) return false;
  if (f.track && (f.track.source !== s.source || !s.tracks.includes(f.track.id))) return false;
  if (f.search) {
    const haystacks = s.texts.map(fold);
    if (!oracleWords(f.search).every((word) => haystacks.some((h) => h.includes(word)))) return false;
  }
  return true;
}

/** The keys (`SOURCE:id`) of the sessions `f` matches, in the API's default order. */
export function expectedKeys(sessions: readonly OracleSession[], f: OracleFilter): string[] {
  return sortSessions(sessions.filter((s) => oracleMatches(s, f))).map((s) => `${s.source}:${s.sourceId}`);
}
