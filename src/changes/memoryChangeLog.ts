import { SyncTokenExpiredError, UserInputError } from '../errors/index.js';
import type { SessionChangeRecord } from '../models/sessionChange.js';
import { compareTokens, isToken, type ChangeLog, type ChangeLogPage, type ChangeRecordBase, type LoggedChange } from './changeLog.js';
import { followPages } from './followPages.js';
import { signal } from './signal.js';

export interface ChangeLogRetention {
  /** Keep at most this many events. */
  maxLength: number;
  /** Drop events older than this (ms). */
  maxAgeMs: number;
}

/**
 * The change log of a single process (no `REDIS_URL`): an array trimmed by length and age.
 * Its tokens have the Redis Stream id form; a token from before this process started
 * (another process's log, lost on restart) is expired, since the changes around the
 * restart were never recorded.
 */
export class MemoryChangeLog<R extends ChangeRecordBase = SessionChangeRecord> implements ChangeLog<R> {
  readonly #retention: ChangeLogRetention;
  readonly #events: Array<LoggedChange<R>> = [];
  /** The log's first position: every token before it is expired. */
  readonly #epoch: string;
  /** The token of the last event trimmed away, if any. */
  #trimmedThrough: string | undefined;
  #last: { ms: number; seq: number };
  /** Followers waiting for the next append (resolved and replaced on each). */
  #appended = signal();
  #closed = false;

  constructor(retention: ChangeLogRetention, now = Date.now()) {
    this.#retention = retention;
    this.#last = { ms: now, seq: 0 };
    this.#epoch = `${now}-0`;
  }

  async append(records: readonly R[]): Promise<Array<LoggedChange<R>>> {
    const recorded: Array<LoggedChange<R>> = records.map((record) => ({ ...record, token: this.#nextToken() }));
    this.#events.push(...recorded);
    this.#trim(Date.now());
    if (recorded.length > 0) this.#wake();
    return recorded;
  }

  async read(since: string | undefined, limit: number): Promise<ChangeLogPage<LoggedChange<R>>> {
    const head = this.#head();
    if (since === undefined) return { events: [], token: head, hasMore: false };
    this.#assertReadable(since);
    const start = this.#indexAfter(since);
    const events = this.#events.slice(start, start + limit);
    const token = events.at(-1)?.token ?? (compareTokens(since, head) > 0 ? since : head);
    return { events, token, hasMore: start + events.length < this.#events.length };
  }

  async *follow(since: string | undefined, stop: AbortSignal): AsyncIterable<LoggedChange<R>> {
    const cursor = since ?? this.#head();
    this.#assertReadable(cursor);
    yield* followPages({ read: (from, limit) => this.read(from, limit), nextAppend: () => this.#appended.promise, closed: () => this.#closed }, cursor, stop);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake();
  }

  #head(): string {
    return this.#events.at(-1)?.token ?? this.#trimmedThrough ?? this.#epoch;
  }

  #assertReadable(since: string): void {
    if (!isToken(since)) throw new UserInputError('`since` is not a sync token: pass the `token` of an earlier answer, or omit it.', 'since');
    const expired =
      compareTokens(since, this.#epoch) < 0 ||
      (this.#trimmedThrough !== undefined && compareTokens(since, this.#trimmedThrough) < 0) ||
      compareTokens(since, `${this.#last.ms}-${this.#last.seq}`) > 0;
    if (expired) throw new SyncTokenExpiredError();
  }

  /** Index of the first event after `token` (binary search: tokens ascend). */
  #indexAfter(token: string): number {
    let low = 0;
    let high = this.#events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareTokens(this.#events[mid]!.token, token) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #nextToken(): string {
    const ms = Date.now();
    this.#last = ms > this.#last.ms ? { ms, seq: 0 } : { ms: this.#last.ms, seq: this.#last.seq + 1 };
    return `${this.#last.ms}-${this.#last.seq}`;
  }

  #trim(now: number): void {
    const tooOld = now - this.#retention.maxAgeMs;
    let drop = Math.max(0, this.#events.length - this.#retention.maxLength);
    while (drop < this.#events.length && Number(this.#events[drop]!.token.split('-')[0]) < tooOld) drop += 1;
    if (drop === 0) return;
    this.#trimmedThrough = this.#events[drop - 1]!.token;
    this.#events.splice(0, drop);
  }

  #wake(): void {
    const woken = this.#appended;
    this.#appended = signal();
    woken.resolve();
  }
}
