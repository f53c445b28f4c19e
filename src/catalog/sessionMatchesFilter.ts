import { matchesGuidebookFilter, type GuidebookNames } from '../datasources/guidebook/index.js';
import { matchesPlanstoneFilter } from '../datasources/planstone/index.js';
import type { DataSources } from '../datasources/providers.js';
import type { SessionModel } from '../models/index.js';
import type { ValidSessionFilter } from '../validation/sessionFilterInput.js';
import { guidebookSessionFilter, guideTimeZone, planstoneSessionFilter, windowOnDay, type PlanstoneScope } from './sessionFilter.js';

/** What a filter needs beside a session to judge it in memory (see sessionMatchScope). */
export interface SessionMatchScope {
  /** The served Planstone conferences, by `account/conference`. */
  planstone: ReadonlyMap<string, PlanstoneScope>;
  /** Guidebook guides' time zones by guide id (for `day`); a guide not listed matches no `day`. */
  guideTimeZones?: ReadonlyMap<string, string>;
  /** Guidebook track and location names (for `search`); without them a search reads only name and description. */
  guidebookNames?: GuidebookNames;
}

const NO_NAMES: GuidebookNames = { track: () => undefined, location: () => undefined };

/**
 * Whether `session` is one a session connection with `filter` would list: the same rules
 * (docs/filters.md) as the connections, applied to one model in memory — the provider's own
 * filter (guidebookSessionFilter / planstoneSessionFilter) and its `matches…Filter`, with
 * `day` in the guide's or conference's zone.
 * The one predicate for change events (`sessionChanges`) and subscriptions.
 */
export function sessionMatchesFilter(session: SessionModel, filter: ValidSessionFilter, scope: SessionMatchScope): boolean {
  if (session.source === 'GUIDEBOOK') {
    const base = guidebookSessionFilter(filter);
    if (!base) return false;
    if (filter.day === undefined) return matchesGuidebookFilter(session, base, scope.guidebookNames ?? NO_NAMES);
    const zone = session.guideId === null ? undefined : scope.guideTimeZones?.get(session.guideId);
    if (zone === undefined) return false;
    return matchesGuidebookFilter(session, { ...base, window: windowOnDay(base.window ?? {}, filter.day, zone) }, scope.guidebookNames ?? NO_NAMES);
  }
  const conference = scope.planstone.get(session.planstoneConference?.key ?? '') ?? [...scope.planstone.values()].find((s) => s.first);
  if (!conference) return false;
  const planstoneFilter = planstoneSessionFilter(filter, conference);
  return planstoneFilter !== null && matchesPlanstoneFilter(session, planstoneFilter);
}

/**
 * The scope sessionMatchesFilter needs for `filter`: the Planstone conferences always; the
 * guides' zones only with a `day`, Guidebook's names only with a `search` (each one cached
 * list read).
 */
export async function sessionMatchScope(dataSources: DataSources, filter: ValidSessionFilter): Promise<SessionMatchScope> {
  const planstone = new Map<string, PlanstoneScope>(
    dataSources.planstoneConferences.map((p) => [p.conferenceId, { conferenceId: p.conferenceId, timeZone: p.timeZone, first: p === dataSources.planstone }]),
  );
  const guidebook = dataSources.guidebook;
  const [guides, guidebookNames] = await Promise.all([
    filter.day !== undefined && guidebook ? guidebook.allGuides() : undefined,
    filter.search && guidebook ? guidebook.searchNames() : undefined,
  ]);
  return {
    planstone,
    ...(guides ? { guideTimeZones: new Map(guides.map((guide) => [guide.sourceId, guideTimeZone(guide)])) } : {}),
    ...(guidebookNames ? { guidebookNames } : {}),
  };
}
