import { describe, expect, it } from 'vitest';

import { compareTokens } from '../../src/changes/changeLog.js';
import { MemoryChangeLog } from '../../src/changes/memoryChangeLog.js';
import type { SessionChangeRecord } from '../../src/models/sessionChange.js';

const record = (sessionId: string): SessionChangeRecord => ({
  entity: 'Session',
  kind: 'CREATED',
  sessionId,
  changedFields: [],
  detectedAt: new Date().toISOString(),
  before: null,
  after: null,
});

describe('MemoryChangeLog', () => {
  it('pages events after a token, oldest first, with ascending tokens', async () => {
    const log = new MemoryChangeLog({ maxLength: 100, maxAgeMs: 60_000 });
    const start = (await log.read(undefined, 10)).token;
    const appended = await log.append(['a', 'b', 'c'].map(record));
    expect(appended.map((e) => e.sessionId)).toEqual(['a', 'b', 'c']);
    expect(compareTokens(appended[0]!.token, appended[1]!.token)).toBeLessThan(0);
    const first = await log.read(start, 2);
    expect(first.events.map((e) => e.sessionId)).toEqual(['a', 'b']);
    expect(first.hasMore).toBe(true);
    const rest = await log.read(first.token, 2);
    expect(rest.events.map((e) => e.sessionId)).toEqual(['c']);
    expect(rest.hasMore).toBe(false);
    expect((await log.read(rest.token, 2)).events).toEqual([]);
  });

  it('refuses a token whose events were trimmed, or one from before the log began', async () => {
    const log = new MemoryChangeLog({ maxLength: 2, maxAgeMs: 60_000 });
    const start = (await log.read(undefined, 1)).token;
    await log.append(['a', 'b', 'c'].map(record));
    await expect(log.read(start, 10)).rejects.toMatchObject({ extensions: { code: 'SYNC_TOKEN_EXPIRED' } });
    await expect(log.read('1-0', 10)).rejects.toMatchObject({ extensions: { code: 'SYNC_TOKEN_EXPIRED' } });
    await expect(log.read('yesterday', 10)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('follows: missed events first, then new ones as they are appended, until aborted', async () => {
    const log = new MemoryChangeLog({ maxLength: 100, maxAgeMs: 60_000 });
    const start = (await log.read(undefined, 1)).token;
    await log.append([record('missed')]);
    const stop = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of log.follow(start, stop.signal)) {
        seen.push(event.sessionId);
        if (seen.length === 3) stop.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await log.append([record('live-1'), record('live-2')]);
    await done;
    expect(seen).toEqual(['missed', 'live-1', 'live-2']);
  });
});
