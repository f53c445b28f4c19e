import type { SessionChangeRecord } from '../models/sessionChange.js';

/** What every record of a change log has (`entity` names what changed: a session, a personalized schedule, a client session). */
export interface ChangeRecordBase {
  entity: string;
  kind: string;
  /** ISO instant of detection. */
  detectedAt: string;
}

/**
 * A record as a log holds it: with its position, the sync token just after it. `live`:
 * delivered to a subscriber as it was recorded (its entity is as detected, not read again).
 */
export type LoggedChange<R extends ChangeRecordBase> = R & { token: string; live?: true };

/** A page of the log: events after the token asked for, oldest first. */
export interface ChangeLogPage<E = LoggedChange<SessionChangeRecord>> {
  events: E[];
  /** The position after the last event returned (the log's end when there is none). */
  token: string;
  /** More events follow `token`. */
  hasMore: boolean;
}

/**
 * The ordered, shared record of detected changes (issue 20): a Redis Stream with
 * `REDIS_URL`, in process memory without. Tokens are the log's own positions, in the form of
 * Redis Stream ids (`<ms>-<seq>`), so they mean the same on every replica and order as
 * strings of equal shape do not: compare them with `compareTokens`. One log holds one kind of
 * record `R` (sessions' changes by default; personalized schedules and client sessions have
 * their own logs, see kindPollScopes.ts).
 */
export interface ChangeLog<R extends ChangeRecordBase = SessionChangeRecord> {
  /** Appends records in order; resolves with them as recorded (each with its token). */
  append(records: readonly R[]): Promise<Array<LoggedChange<R>>>;
  /**
   * Up to `limit` events after `since` (omitted: none, the page only gives the end token).
   * Rejects with `SyncTokenExpiredError` when events after `since` were already trimmed by
   * retention, with `UserInputError` for a string that is not a token, and with
   * `ChangeLogUnavailableError` when the log's store (Redis) cannot be read.
   */
  read(since: string | undefined, limit: number): Promise<ChangeLogPage<LoggedChange<R>>>;
  /**
   * The events after `since` (omitted: from now on), then each new one as it is appended,
   * until `signal` aborts. Rejects (through the iterator) like `read` for an expired token.
   */
  follow(since: string | undefined, signal: AbortSignal): AsyncIterable<LoggedChange<R>>;
  /** Releases connections and wakes followers so they end; the gateway calls it on stop. */
  close(): Promise<void>;
}

/** Orders two tokens `<ms>-<seq>` numerically: negative when `a` comes first. */
export function compareTokens(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/** True for a string of the token form `<ms>-<seq>`. */
export function isToken(value: string): boolean {
  return /^\d{1,16}-\d{1,16}$/.test(value);
}
