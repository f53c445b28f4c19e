import type { OffsetSource } from '../connections/index.js';
import type { PlanstoneDataSource } from '../datasources/planstone/index.js';
import { localDateIn } from '../datetime/index.js';
import { NotFoundError } from '../errors/index.js';
import { toGlobalId } from '../ids/globalId.js';
import type { ConferenceModel, GuideModel, LocationModel, SessionModel, TrackModel } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';
import { planstoneRooms } from './locations.js';
import { planstoneConferenceByKey, planstoneSourceOf } from './planstoneScopes.js';
import { requireProvider } from './requireProvider.js';

/** The zone of a guide that names none: its times are UTC instants, so its dates are UTC dates. */
const FALLBACK_ZONE = 'UTC';

/** A guide as a Conference. */
export function conferenceOfGuide(guide: GuideModel): ConferenceModel {
  return { source: 'GUIDEBOOK', sourceId: guide.sourceId, name: guide.name, timeZone: guide.timeZone ?? FALLBACK_ZONE };
}

/** A configured Planstone conference as a Conference. */
export function conferenceOfPlanstone(dataSource: PlanstoneDataSource): ConferenceModel {
  const ref = dataSource.conference;
  return { source: 'PLANSTONE', sourceId: ref?.key ?? '', name: ref?.name ?? '', timeZone: dataSource.timeZone };
}

/** A Conference's global ID (`Conference:guidebook:<guide id>` or `Conference:planstone:<account/conference>`). */
export function conferenceGlobalId(conference: ConferenceModel): string {
  return toGlobalId('Conference', conference.source === 'GUIDEBOOK' ? 'guidebook' : 'planstone', conference.sourceId);
}

/**
 * Every conference the gateway serves: each Guidebook guide the credentials see (by id, as
 * the provider lists them), then each configured Planstone conference in configuration
 * order. A provider switched off contributes none.
 */
export async function conferences(context: GatewayContext): Promise<ConferenceModel[]> {
  const { guidebook, planstoneConferences } = context.dataSources;
  const guides = guidebook ? await guidebook.guides() : [];
  return [...guides.map(conferenceOfGuide), ...planstoneConferences.map(conferenceOfPlanstone)];
}

/** One conference by the provider and source id of its global ID; NOT_FOUND naming the provider when there is none. */
export async function conferenceById(context: GatewayContext, provider: ProviderName, sourceId: string): Promise<ConferenceModel> {
  if (provider === 'guidebook') return conferenceOfGuide(await requireProvider(context, 'guidebook').guide.load(sourceId));
  requireProvider(context, 'planstone');
  const dataSource = planstoneConferenceByKey(context.dataSources, sourceId);
  if (!dataSource) throw new NotFoundError(`Planstone has no configured conference ${JSON.stringify(sourceId)}.`, 'planstone');
  return conferenceOfPlanstone(dataSource);
}

/** The conference a session belongs to: its guide's, or its Planstone conference; null for a Guidebook session without a guide. */
export async function conferenceOfSession(context: GatewayContext, session: SessionModel): Promise<ConferenceModel | null> {
  if (session.source === 'GUIDEBOOK') {
    return session.guideId ? conferenceOfGuide(await requireProvider(context, 'guidebook').guide.load(session.guideId)) : null;
  }
  return conferenceOfPlanstone(planstoneSourceOf(context.dataSources, session));
}

// Days per session snapshot and zone: the snapshot (an array shared while its pages are cached) keys it.
const daysOfSnapshots = new WeakMap<readonly SessionModel[], Map<string, string[]>>();

/** The distinct local dates (in `zone`) on which the sessions start, ascending; sessions without a start have none. */
export function sessionDays(sessions: readonly SessionModel[], zone: string): string[] {
  let byZone = daysOfSnapshots.get(sessions);
  if (!byZone) daysOfSnapshots.set(sessions, (byZone = new Map()));
  let days = byZone.get(zone);
  if (!days) {
    const distinct = new Set<string>();
    for (const session of sessions) if (session.startTime) distinct.add(localDateIn(session.startTime, zone));
    byZone.set(zone, (days = [...distinct].sort()));
  }
  return days;
}

/** Every session of a conference (Guidebook: the guide's whole list; Planstone: the conference snapshot, a list read). */
function sessionsOf(context: GatewayContext, conference: ConferenceModel): Promise<readonly SessionModel[]> {
  if (conference.source === 'GUIDEBOOK') return requireProvider(context, 'guidebook').sessionsOfGuide(conference.sourceId);
  return planstoneOf(context, conference).allSessions('list');
}

function planstoneOf(context: GatewayContext, conference: ConferenceModel): PlanstoneDataSource {
  requireProvider(context, 'planstone');
  const dataSource = planstoneConferenceByKey(context.dataSources, conference.sourceId);
  if (!dataSource) throw new NotFoundError(`Planstone has no configured conference ${JSON.stringify(conference.sourceId)}.`, 'planstone');
  return dataSource;
}

/** The local dates (in the conference's zone) holding at least one session, ascending. */
export async function conferenceDays(context: GatewayContext, conference: ConferenceModel): Promise<string[]> {
  return sessionDays(await sessionsOf(context, conference), conference.timeZone);
}

/**
 * The first and last local dates of a conference. Guidebook: the guide's `start_date` and
 * `end_date` as local dates in its zone — an end at local midnight is exclusive (a guide
 * ending at 00:00 on the 21st ends on the 20th) — each, when missing, its first or last day
 * with a session. Planstone: its first and last day with a session. Null without either.
 */
export async function conferenceDateRange(context: GatewayContext, conference: ConferenceModel): Promise<{ startDate: string | null; endDate: string | null }> {
  let start: string | null = null;
  let end: string | null = null;
  if (conference.source === 'GUIDEBOOK') {
    const guide = await requireProvider(context, 'guidebook').guide.load(conference.sourceId);
    if (guide.startDate) start = localDateIn(guide.startDate, conference.timeZone);
    if (guide.endDate) end = localDateIn(exclusiveEnd(guide.endDate, conference.timeZone), conference.timeZone);
    if (start && end && end < start) end = start;
  }
  if (start === null || end === null) {
    const days = await conferenceDays(context, conference);
    start ??= days[0] ?? null;
    end ??= days.at(-1) ?? null;
  }
  return { startDate: start, endDate: end };
}

/** An end instant at local midnight belongs to the day before it (the last moment of the conference is just before it). */
function exclusiveEnd(end: Date, zone: string): Date {
  const justBefore = new Date(end.getTime() - 1);
  return localDateIn(justBefore, zone) !== localDateIn(end, zone) ? justBefore : end;
}

/** The rooms and venues of a conference, by name (Guidebook: the guide's location list; Planstone: the distinct rooms of its sessions). */
export async function conferenceLocations(context: GatewayContext, conference: ConferenceModel): Promise<LocationModel[]> {
  const locations =
    conference.source === 'GUIDEBOOK'
      ? await requireProvider(context, 'guidebook').locationsOfGuide(conference.sourceId)
      : planstoneRooms(await planstoneOf(context, conference).allSessions('list'));
  return [...locations].sort(byName);
}

/** The tracks of a conference, by name. `fieldsRead`: see operationFieldNames. */
export async function conferenceTracks(context: GatewayContext, conference: ConferenceModel, fieldsRead?: ReadonlySet<string>): Promise<TrackModel[]> {
  if (conference.source === 'PLANSTONE') return planstoneOf(context, conference).tracks(fieldsRead);
  const tracks = await readAll(requireProvider(context, 'guidebook').trackSource({ guideId: conference.sourceId }));
  return tracks.sort(byName);
}

/** The Guidebook guide of a conference; null for Planstone. */
export function conferenceGuide(context: GatewayContext, conference: ConferenceModel): Promise<GuideModel> | null {
  return conference.source === 'GUIDEBOOK' ? requireProvider(context, 'guidebook').guide.load(conference.sourceId) : null;
}

async function readAll<T>(source: OffsetSource<T>): Promise<T[]> {
  const { totalCount } = await source.read(0, 0);
  return totalCount === 0 ? [] : (await source.read(0, totalCount)).items;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
