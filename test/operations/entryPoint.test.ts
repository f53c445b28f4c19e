import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real entry point (src/index.ts) in a child process, for what only a process shows:
// whether it starts, its exit code, what it prints. Issue 17: with NODE_ENV=production and
// no provider URL it served the emulators' seed data, ignored GATEWAY_API_KEYS and said
// ready on /readyz; a busy port printed a stack trace.

const KEY = 'k1-entry-point-key';
const QUERY = '{ tracks(first: 1) { totalCount } }';

interface Child {
  url: string;
  stdout: () => string;
  stop: () => Promise<void>;
}

/** A child's environment: nothing of this process's but PATH, so the test controls it all. */
const childEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env });

/** Runs the entry point to its exit; resolves to its exit code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** Starts the entry point and waits for its "ready at" line. */
async function startEntryPoint(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 1_200 && !/ready at http/.test(output) && child.exitCode === null; i += 1) await sleep(50);
  const url = /ready at (http:\/\/\S+\/graphql)/.exec(output)?.[1];
  if (!url) {
    child.kill('SIGKILL');
    throw new Error(`the gateway did not start:\n${output}`);
  }
  return {
    url,
    stdout: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function post(url: string, headers: Record<string, string> = {}) {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
  return { status: response.statusCode, body: (await response.body.json()) as { data?: unknown; errors?: Array<{ extensions: { code: string } }> } };
}

describe('NODE_ENV=production without a provider URL', () => {
  it('refuses to start: exit 1 and one line on stderr naming the variables to set and DEMO=true', async () => {
    const { code, stdout, stderr } = await runToExit({ NODE_ENV: 'production', GATEWAY_API_KEYS: 'k1' });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    for (const name of ['GUIDEBOOK_API_URL', 'ROUNDWARE_API_URL', 'PLANSTONE_API_URL', 'DEMO=true']) expect(lines[0]).toContain(name);
    expect(stdout).not.toMatch(/ready at|Demo mode/);
  }, 90_000);
});

describe.each([
  ['demo mode by default (no provider URL, not production)', {}, { sandbox: true }],
  ['demo mode on purpose in production (DEMO=true)', { NODE_ENV: 'production', DEMO: 'true' }, { sandbox: false }],
])('%s', (_name, env: Record<string, string>, { sandbox }) => {
  let gateway: Child;
  beforeAll(async () => {
    gateway = await startEntryPoint({ ...env, GATEWAY_API_KEYS: KEY });
  }, 90_000);
  afterAll(() => gateway?.stop());

  it('says demo in the start-up log', () => {
    expect(gateway.stdout()).toMatch(/ready at http:\/\/\S+\/graphql \(demo: emulated providers/);
  });

  it('enforces GATEWAY_API_KEYS: no key is 401 UNAUTHENTICATED, the key answers', async () => {
    const refused = await post(gateway.url);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const answered = await post(gateway.url, { 'x-api-key': KEY });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ data: { tracks: { totalCount: expect.any(Number) } } });
  });

  it('says demo on /readyz', async () => {
    const response = await request(new URL('/readyz', gateway.url));
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ status: 'ready', mode: 'demo' });
  });

  it(`redirects GET / to /graphql, where a browser gets ${sandbox ? 'the Sandbox landing page without a key' : 'no Sandbox (production)'}`, async () => {
    const root = await request(new URL('/', gateway.url), { headers: { accept: 'text/html' } });
    await root.body.dump();
    expect(root.statusCode).toBe(302);
    const target = new URL(String(root.headers.location), gateway.url);
    expect(target.href).toBe(gateway.url);
    const page = await request(target, { headers: { accept: 'text/html' } });
    const text = await page.body.text();
    if (sandbox) {
      expect(page.statusCode).toBe(200);
      expect(text).toMatch(/sandbox/i);
    } else {
      expect(text).not.toMatch(/sandbox/i);
    }
  });
});

describe('a busy port', () => {
  let emulators: EmulatorSet;
  let holder: Server;
  beforeAll(async () => {
    emulators = await startEmulators();
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    await emulators?.close();
  });

  it('is one line naming PORT and the port, exit 1, no stack trace', async () => {
    const { port } = holder.address() as { port: number };
    const { code, stdout, stderr } = await runToExit({ ...emulators.env, PORT: String(port) });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(`PORT=${port}: port ${port} on 127.0.0.1 is already in use`)]);
    expect(stderr).not.toMatch(/\bat \S+ \(|EADDRINUSE/);
    expect(stdout).not.toMatch(/ready at/);
  }, 90_000);
});
