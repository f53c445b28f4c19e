import { PLANSTONE_MAX_RESULTS } from '../datasources/planstone/client.js';
import type { DataSources } from '../datasources/providers.js';
import type { SessionModel } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import type { ScopeState } from './detectionStore.js';

/** One fresh read of a scope, and what the next poll starts from. */
export interface ScopeRead {
  sessions: SessionModel[];
  /** The whole list (sessions missing from it were deleted), not only the sessions changed since the cursor. */
  complete: boolean;
  cursor: string | null;
  /** Planstone: how many sessions hold `cursor`'s stamp (see ScopeState.atCursor). */
  atCursor?: number;
  /**
   * A complete read was due, but the cheap read ran first (its changes are recorded without
   * waiting for the whole feed): read again with `followUp` for the complete read.
   */
  followUp?: boolean;
}

/** A list change detection polls: Guidebook's sessions, or one Planstone conference's. */
export interface PollScope {
  key: string;
  provider: ProviderName;
  /** Read from the provider afresh (past the shared cache, the answers stored in it), not through the cache: the read is as old as the poll. */
  fresh?: boolean;
  /** `followUp`: the second read of a poll, after a read that answered `followUp`. */
  read(state: ScopeState, followUp?: boolean): Promise<ScopeRead>;
}

/** The scope key of a provider's session list (Planstone: of one conference, `account/conference`). */
export function sessionScopeKey(provider: 'guidebook' | 'planstone', conferenceId?: string): string {
  return provider === 'planstone' ? `planstone:${conferenceId}` : 'guidebook';
}

/** `instant` as Planstone writes local times: `YYYY-MM-DD HH:MM:SS` in `zone`. */
export function planstoneLocalTimestamp(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The lists to poll, read through `dataSources` (fresh for this poll, so every read goes
 * through the shared upstream cache and costs a call only when its entry expired):
 *
 * - Guidebook: every session of every guide, the whole list each time (its pages are the
 *   ones the home page reads, so an entry younger than the TTL costs nothing).
 * - Planstone, per conference, read through `planstoneDataSources` when given (datasources
 *   whose reads go to the provider afresh and store their answers in the shared cache, so an
 *   edit is found at the next poll, not after the cached page expired): `where
 *   session_updated_at >= cursor` (one small page when nothing changed; `>=`, not `>`, because
 *   the timestamp has whole seconds and an edit in the cursor's own second must not be missed
 *   — an unchanged session found again is no event). But when more sessions hold the cursor's
 *   stamp than one page holds (a feed loaded in bulk: every session has the same stamp), `>=`
 *   would return all of them at every poll, so the poll asks `>` instead: one empty page when
 *   nothing changed, and an edit in that very second (rare: the stamp is the bulk load's) is
 *   found by the next complete read. Every `completeEvery`-th poll (and the first) reads the
 *   whole feed, the only read that shows a deletion — after that poll's cheap read, whose
 *   events are recorded first.
 */
export function pollScopes(dataSources: DataSources, completeEvery: number, planstoneDataSources?: DataSources): PollScope[] {
  const scopes: PollScope[] = [];
  const guidebook = dataSources.guidebook;
  if (guidebook) {
    scopes.push({
      key: sessionScopeKey('guidebook'),
      provider: 'guidebook',
      read: async () => ({ sessions: await guidebook.allSessions(), complete: true, cursor: null }),
    });
  }
  for (const planstone of (planstoneDataSources ?? dataSources).planstoneConferences) {
    scopes.push({
      key: sessionScopeKey('planstone', planstone.conferenceId),
      provider: 'planstone',
      fresh: planstoneDataSources !== undefined,
      read: async (state, followUp = false) => {
        const first = !state.known || state.cursor === null;
        const due = first || state.sinceComplete + 1 >= completeEvery;
        // A due complete read (113 pages at 10,000 sessions) comes after the cheap one, so an
        // edit is delivered after one small request, not after the whole feed.
        const complete = first || (due && followUp);
        const after = !complete && (state.atCursor ?? 0) > PLANSTONE_MAX_RESULTS;
        const sessions = complete
          ? await planstone.allSessions('whole')
          : await planstone.sessionsWhere({ session_updated_at: { [after ? '$gt' : '$gte']: state.cursor } }, 'whole');
        const stamps = sessions.flatMap((session) => (session.updatedAt ? [planstoneLocalTimestamp(session.updatedAt, planstone.timeZone)] : []));
        // A `>` read that found nothing keeps the cursor and its count; any other read holds
        // every session at or after the cursor, so it counts those at the new one exactly.
        const again = due && !complete;
        if (after && stamps.length === 0) return { sessions, complete, cursor: state.cursor, atCursor: state.atCursor, followUp: again };
        let cursor = state.cursor;
        for (const stamp of stamps) if (cursor === null || stamp > cursor) cursor = stamp;
        return { sessions, complete, cursor, atCursor: stamps.filter((stamp) => stamp === cursor).length, followUp: again };
      },
    });
  }
  return scopes;
}
