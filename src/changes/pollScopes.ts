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
}

/** A list change detection polls: Guidebook's sessions, or one Planstone conference's. */
export interface PollScope {
  key: string;
  provider: ProviderName;
  read(state: ScopeState): Promise<ScopeRead>;
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
 * - Planstone, per conference: `where session_updated_at >= cursor` (one small page when
 *   nothing changed; `>=`, not `>`, because the timestamp has whole seconds and an edit in the
 *   cursor's own second must not be missed — an unchanged session found again is no event),
 *   and every `completeEvery`-th poll (and the first) the whole feed, the only read that
 *   shows a deletion.
 */
export function pollScopes(dataSources: DataSources, completeEvery: number): PollScope[] {
  const scopes: PollScope[] = [];
  const guidebook = dataSources.guidebook;
  if (guidebook) {
    scopes.push({
      key: sessionScopeKey('guidebook'),
      provider: 'guidebook',
      read: async () => ({ sessions: await guidebook.allSessions(), complete: true, cursor: null }),
    });
  }
  for (const planstone of dataSources.planstoneConferences) {
    scopes.push({
      key: sessionScopeKey('planstone', planstone.conferenceId),
      provider: 'planstone',
      read: async (state) => {
        const complete = !state.known || state.cursor === null || state.sinceComplete + 1 >= completeEvery;
        const sessions = complete
          ? await planstone.allSessions('whole')
          : await planstone.sessionsWhere({ session_updated_at: { $gte: state.cursor } }, 'whole');
        let cursor = state.cursor;
        for (const session of sessions) {
          if (!session.updatedAt) continue;
          const stamp = planstoneLocalTimestamp(session.updatedAt, planstone.timeZone);
          if (cursor === null || stamp > cursor) cursor = stamp;
        }
        return { sessions, complete, cursor };
      },
    });
  }
  return scopes;
}
