import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The real entry point (src/index.ts) in a child process, pointed at emulators in this
// process, with Guidebook slowed down. SIGTERM mid-request: the listener closes at once,
// the in-flight operation still gets its answer within SHUTDOWN_TIMEOUT_MS, then the
// process exits; past the deadline the request is cut and the process exits anyway.

const QUERY = '{ sessions(first: 1, filter: { sources: [GUIDEBOOK] }) { totalCount } }';
let emulators: EmulatorSet;

beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());
beforeEach(() => emulators.guidebook.reset());

interface Child {
  process: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startGateway(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', ...emulators.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', GUIDEBOOK_CACHE_TTL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 200 && !/ready at (\S+)/.test(output); i += 1) await sleep(50);
  const url = /ready at (http:\/\/\S+\/graphql)/.exec(output)?.[1];
  if (!url) throw new Error(`gateway did not start:\n${output}`);
  return { process: child, url, port: Number(new URL(url).port), output: () => output, exited };
}

/** Resolves true when a TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await condition()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function query(url: string) {
  return request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) }).then(async (response) => ({
    status: response.statusCode,
    body: (await response.body.json()) as { data?: { sessions: { totalCount: number } }; errors?: unknown[] },
  }));
}

describe('graceful shutdown on SIGTERM', () => {
  it('refuses new connections, finishes the in-flight request, then exits 0', async () => {
    const gateway = await startGateway({ SHUTDOWN_TIMEOUT_MS: '8000' });
    emulators.guidebook.setLatency({ fixedMs: 2_500 });
    let settled = false;
    const inFlight = query(gateway.url).finally(() => (settled = true));
    await waitFor(() => emulators.guidebook.log.count() > 0, 'the upstream call');

    gateway.process.kill('SIGTERM');
    await waitFor(() => refused(gateway.port), 'the listener to close');
    // The listener closed while the operation was still being served.
    expect(settled).toBe(false);

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.sessions.totalCount).toBeGreaterThan(0);
    expect(await gateway.exited).toBe(0);
    expect(gateway.output()).toMatch(/SIGTERM: refusing new connections[\s\S]*Stopped\./);
  });

  it('past SHUTDOWN_TIMEOUT_MS the in-flight request is cut and the process exits anyway', async () => {
    const gateway = await startGateway({ SHUTDOWN_TIMEOUT_MS: '300', UPSTREAM_HEADERS_TIMEOUT_MS: '60000', UPSTREAM_DEADLINE_MS: '60000' });
    emulators.guidebook.setLatency({ fixedMs: 15_000 });
    const inFlight = query(gateway.url).then(
      () => 'answered',
      () => 'cut',
    );
    await waitFor(() => emulators.guidebook.log.count() > 0, 'the upstream call');
    gateway.process.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    // The provider would have answered after 15 s; the gateway did not wait for it.
    expect(await inFlight).toBe('cut');
  });
});
