import type { ChangeLogPage } from './changeLog.js';

/** What `followPages` needs of a change log. */
export interface FollowedLog<E extends { token: string }> {
  read(since: string, limit: number): Promise<ChangeLogPage<E>>;
  /** Resolves at the next append (taken before each read, so an append during it is not missed). */
  nextAppend(): Promise<void>;
  closed(): boolean;
}

/**
 * The follow loop both change logs share: page through the events after `cursor`, then wait
 * for the next append (or `stop`) and read on, until `stop` aborts or the log closes.
 */
export async function* followPages<E extends { token: string }>(log: FollowedLog<E>, cursor: string, stop: AbortSignal): AsyncGenerator<E> {
  const aborted = new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  while (!stop.aborted && !log.closed()) {
    const appended = log.nextAppend();
    const page = await log.read(cursor, 100);
    for (const event of page.events) {
      if (stop.aborted) return;
      yield event;
    }
    cursor = page.token;
    if (!page.hasMore) await Promise.race([appended, aborted]);
  }
}
