import type { ConnectionArgs, OffsetSource } from '../connections/index.js';
import type { DataSources } from '../datasources/providers.js';
import { ProviderDisabledError, UserInputError } from '../errors/index.js';
import { sessionComparator, type SessionModel, type SessionOrder } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import { validateSessionFilter, type FilterRef, type SessionFilterInput, type ValidSessionFilter } from '../validation/sessionFilterInput.js';
import type { GatewayContext } from './context.js';
import { deferredSource, EMPTY_SOURCE } from './deferredSource.js';
import { planstoneRoomOf } from './locations.js';
import { planstoneScopeOf, planstoneSourceKey } from './planstoneScopes.js';
import { providerConnection, type ProviderConnectionResult } from './providerConnection.js';
import { requireProvider } from './requireProvider.js';
import { guidebookDayFilter, guidebookSessionFilter, planstoneMayMatch, planstoneSessionFilter } from './sessionFilter.js';

/** `SessionFilter` as GraphQL gives it (see validateSessionFilter). */
export type SessionQuery = SessionFilterInput;

/** A page of sessions, and the providers that failed while the others answered. */
export type SessionConnectionResult = ProviderConnectionResult<SessionModel>;

export interface SessionConnectionOptions {
  /** The connection's kind, in its cursors (`sessions` by default). */
  kind?: string;
  /** The operation asks for the sessions' tracks: Guidebook's track list is read alongside its sessions. */
  withTracks?: boolean;
  /** Every field name the operation selects, when known: a provider may then read less (see PlanstoneDataSource). */
  fieldsRead?: ReadonlySet<string>;
}

/**
 * The sessions of every session provider that `query` (a `SessionFilter`) allows, as one
 * connection. The filter is checked first (BAD_USER_INPUT naming the argument, before any
 * provider is asked). With one contributing provider it is that provider's list; with
 * several it is a merge in `order` whose cursors resume each provider where it stopped. A
 * provider that fails while another answers is reported in `failures` and its sessions are
 * left out of this page. The cursors carry a fingerprint of the checked filter and order.
 */
export async function sessionConnection(
  dataSources: DataSources,
  query: SessionQuery,
  order: SessionOrder,
  args: ConnectionArgs,
  options: SessionConnectionOptions = {},
): Promise<SessionConnectionResult> {
  return filteredSessionConnection(dataSources, validateSessionFilter(query), order, args, options);
}

/**
 * A track's sessions (`Track.sessions`): `filter` as for sessionConnection, within the track.
 * `filter.trackId`, if given, must be this track's (else BAD_USER_INPUT).
 */
export function trackSessionConnection(
  dataSources: DataSources,
  track: FilterRef,
  filter: SessionQuery,
  order: SessionOrder,
  args: ConnectionArgs,
  options: SessionConnectionOptions = {},
): Promise<SessionConnectionResult> {
  const valid = validateSessionFilter(filter);
  if (valid.track && !sameRef(valid.track, track)) throw new UserInputError("`filter.trackId` must be this track's ID, or be left out.", 'filter.trackId');
  return filteredSessionConnection(dataSources, { ...valid, track }, order, args, { kind: 'trackSessions', ...options });
}

/**
 * A conference's sessions (`Conference.sessions`): `filter` as for sessionConnection, within
 * the conference (a Guidebook guide, or a Planstone `account/conference`).
 * `filter.conferenceId`, if given, must be this conference's (else BAD_USER_INPUT).
 */
export function conferenceSessionConnection(
  dataSources: DataSources,
  conference: FilterRef,
  filter: SessionQuery,
  order: SessionOrder,
  args: ConnectionArgs,
  options: SessionConnectionOptions = {},
): Promise<SessionConnectionResult> {
  const valid = validateSessionFilter(filter);
  if (valid.conference && !sameRef(valid.conference, conference)) {
    throw new UserInputError("`filter.conferenceId` must be this conference's ID, or be left out.", 'filter.conferenceId');
  }
  return filteredSessionConnection(dataSources, { ...valid, conference }, order, args, { kind: 'conferenceSessions', ...options });
}

/**
 * A speaker's sessions (`Speaker.sessions`): `filter` as for sessionConnection, among the
 * sessions the person (Planstone pid) has an engagement in. `filter.speakerId`, if given,
 * must be this speaker's (else BAD_USER_INPUT).
 */
export function speakerSessionConnection(
  dataSources: DataSources,
  speakerPid: string,
  filter: SessionQuery,
  order: SessionOrder,
  args: ConnectionArgs,
  options: SessionConnectionOptions = {},
): Promise<SessionConnectionResult> {
  const valid = validateSessionFilter(filter);
  if (valid.speakerPid !== undefined && valid.speakerPid !== speakerPid) {
    throw new UserInputError("`filter.speakerId` must be this speaker's ID, or be left out.", 'filter.speakerId');
  }
  return filteredSessionConnection(dataSources, { ...valid, speakerPid }, order, args, { kind: 'speakerSessions', ...options });
}

/**
 * One session by the provider and source id of its global ID (`session`, `node`); rejects
 * with NotFoundError naming the provider when it has none. `fieldsRead`: see operationFieldNames.
 */
export function sessionById(context: GatewayContext, provider: ProviderName, sourceId: string, fieldsRead?: ReadonlySet<string>): Promise<SessionModel> {
  if (provider === 'guidebook') return requireProvider(context, 'guidebook').session.load(sourceId);
  requireProvider(context, 'planstone');
  const { dataSource, ownId } = planstoneScopeOf(context.dataSources, sourceId);
  return dataSource.session(ownId, fieldsRead);
}

function filteredSessionConnection(
  dataSources: DataSources,
  filter: ValidSessionFilter,
  order: SessionOrder,
  args: ConnectionArgs,
  { kind = 'sessions', withTracks = false, fieldsRead }: SessionConnectionOptions,
): Promise<SessionConnectionResult> {
  const sources = sessionSources(dataSources, filter, order, fieldsRead);
  if (withTracks && sources.guidebook) dataSources.guidebook?.prefetchTracks();
  return providerConnection(sources, sessionComparator(order), args, { kind, identity: { kind, filter, order } });
}

/**
 * The Planstone conferences' datasources, each with its key as a source of a merged
 * connection and whether it is the first configured conference (see PlanstoneScope).
 */
function planstoneSources(dataSources: DataSources): Array<[string, NonNullable<DataSources['planstone']>, boolean]> {
  return dataSources.planstoneConferences.map((planstone) => [planstoneSourceKey(dataSources, planstone), planstone, planstone === dataSources.planstone]);
}

/** A Planstone conference or room of a conference the gateway does not serve is BAD_USER_INPUT naming the argument. */
function refuseUnservedConference(filter: ValidSessionFilter, served: readonly string[]): void {
  if (filter.conference?.provider === 'planstone' && !served.includes(filter.conference.sourceId)) {
    throw new UserInputError(`\`filter.conferenceId\` names a Planstone conference this gateway does not serve.`, 'filter.conferenceId');
  }
  const room = filter.location?.provider === 'planstone' ? planstoneRoomOf(filter.location.sourceId) : undefined;
  if (room !== undefined && (room === null || !served.includes(room.conferenceId))) {
    throw new UserInputError(`\`filter.locationId\` names a room of a Planstone conference this gateway does not serve.`, 'filter.locationId');
  }
}

/**
 * The offset source of each provider (and Planstone conference) whose sessions may match.
 * A provider the filter may match and names explicitly (`sources`, a guide, track,
 * conference, room or speaker) but that is switched off is PROVIDER_DISABLED; one the filter
 * does not name is left out.
 */
function sessionSources(
  dataSources: DataSources,
  filter: ValidSessionFilter,
  order: SessionOrder,
  fieldsRead: ReadonlySet<string> | undefined,
): Record<string, OffsetSource<SessionModel>> {
  const sources: Record<string, OffsetSource<SessionModel>> = {};
  const explicit = namesProviders(filter);
  const guidebook = dataSources.guidebook;
  const guidebookFilter = guidebookSessionFilter(filter);
  if (guidebookFilter && !guidebook && explicit) throw new ProviderDisabledError('guidebook');
  if (guidebookFilter && guidebook) {
    const { day } = filter;
    sources.guidebook =
      day === undefined
        ? guidebook.sessionSource(guidebookFilter, order)
        : // A day needs the guides' time zones: read (cached) when the page is read, with the other providers.
          deferredSource(async () => {
            const onDay = await guidebookDayFilter(guidebookFilter, day, guidebook);
            return onDay ? guidebook.sessionSource(onDay, order) : EMPTY_SOURCE;
          });
  }
  const planstones = planstoneSources(dataSources);
  if (planstones.length === 0 && explicit && planstoneMayMatch(filter)) throw new ProviderDisabledError('planstone');
  if (planstones.length > 0 && planstoneMayMatch(filter)) {
    refuseUnservedConference(
      filter,
      planstones.map(([, planstone]) => planstone.conferenceId),
    );
  }
  for (const [key, planstone, first] of planstones) {
    const planstoneFilter = planstoneSessionFilter(filter, { timeZone: planstone.timeZone, conferenceId: planstone.conferenceId, first });
    if (planstoneFilter) sources[key] = planstone.sessionSource(planstoneFilter, order, fieldsRead);
  }
  return sources;
}

/** Whether the filter names providers explicitly: sources, or a guide, track, conference, room or speaker. */
function namesProviders(filter: ValidSessionFilter): boolean {
  return (
    filter.sources !== undefined ||
    filter.guideId !== undefined ||
    filter.track !== undefined ||
    filter.conference !== undefined ||
    filter.location !== undefined ||
    filter.speakerPid !== undefined
  );
}

function sameRef(a: FilterRef, b: FilterRef): boolean {
  return a.provider === b.provider && a.sourceId === b.sourceId;
}
