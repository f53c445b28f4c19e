import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';

import { freePort } from './loopbackServer.js';
import { requiredTool, type ToolCheck } from './requiredTool.js';

/** A throw-away `redis-server` on a free loopback port, no persistence. */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Whether `redis-server` can run here. Where it cannot, `REQUIRE_REDIS=1` (set by
 * `.ci/run`) makes that a failure; elsewhere the Redis tests are skipped loudly and listed
 * in the summary at the end of the run. Pass `suite` as the options of their `describe()`.
 */
export function redisAvailability(): ToolCheck {
  return requiredTool({
    tool: 'redis-server',
    requireVariable: 'REQUIRE_REDIS',
    install: 'sudo apt-get install -y redis-server   (Debian/Ubuntu)',
    missing: () => {
      const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
      if (!probe.error && probe.status === 0) return undefined;
      return (probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
        ? 'not on PATH'
        : `does not run (${probe.error?.message ?? `exit ${probe.status}`})`;
    },
  });
}

/**
 * Starts `redis-server` on a free loopback port (or on `port`, to restart one) and waits until
 * it answers PING. `dir`: keep an append-only file there, so a restart on the same `dir` finds
 * the data again (otherwise nothing is persisted).
 */
export async function startRedisServer(options: { port?: number; dir?: string } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const persistence = options.dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dir] : ['--appendonly', 'no'];
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--daemonize', 'no'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
