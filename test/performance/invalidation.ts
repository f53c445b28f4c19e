import { startEmulators } from '@sessions-gateway/emulators';
import { ROUNDWARE_DEMO_TOKEN, ROUNDWARE_PROJECTS } from '@sessions-gateway/emulators/roundware';
import { request } from 'undici';
import { expect } from 'vitest';

import { roundwareSessionList } from '../../src/datasources/roundware/wire.js';
import { UpstreamClient, type ResponseCache } from '../../src/upstream/index.js';

/**
 * Shared by the memory and Redis suites: a cached Roundware list, a write through
 * `UpstreamClient.send` that names it in `invalidates`, and the next read goes upstream
 * and sees the write.
 */
export async function invalidationAfterWrite(cache: ResponseCache): Promise<void> {
  const emulators = await startEmulators();
  const client = new UpstreamClient({
    provider: 'roundware',
    baseUrl: emulators.roundware.baseUrl,
    authorization: `token ${ROUNDWARE_DEMO_TOKEN}`,
    timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
    cache,
  });
  const log = emulators.roundware.log;
  try {
    const projectId = ROUNDWARE_PROJECTS[0]!.id;
    const read = () => client.get('sessions/', { project_id: projectId }, roundwareSessionList, { ttlMs: 60_000 });
    const before = await read();
    await read();
    expect(log.count({ method: 'GET' })).toBe(1);

    const created = await client.send('POST', 'sessions/', { project_id: projectId, timezone: '+0000' }, null, { invalidates: ['sessions/'] });
    expect(created).toEqual({ value: null, status: 200 });
    const after = await read();
    expect(log.count({ method: 'GET' })).toBe(2);
    expect(after.length).toBe(before.length + 1);
    // An unrelated write does not touch this entry.
    await client.send('POST', 'sessions/', { project_id: projectId, timezone: '+0000' }, null, { invalidates: ['projects/'] });
    await read();
    expect(log.count({ method: 'GET' })).toBe(2);
    expect((await request(`${emulators.roundware.baseUrl}sessions/`, { headers: { authorization: `token ${ROUNDWARE_DEMO_TOKEN}` } })).statusCode).toBe(200);
  } finally {
    await client.close();
    await emulators.close();
  }
}
