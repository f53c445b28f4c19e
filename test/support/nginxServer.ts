import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { requiredTool, type ToolCheck } from './requiredTool.js';

/** A throw-away `nginx` on a free loopback port, in front of the gateway replicas. */
export interface NginxServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
}

/** Debian installs it in /usr/sbin, which a non-root PATH often lacks. */
function nginx(): string {
  const found = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  return !found.error ? 'nginx' : '/usr/sbin/nginx';
}

/**
 * Whether `nginx` runs here. Where it does not, the nginx tests are skipped loudly, except
 * with `REQUIRE_NGINX=1` (set by `.ci/run`). Pass `suite` as the options of their `describe()`.
 */
export function nginxCheck(): ToolCheck {
  return requiredTool({
    tool: 'nginx',
    requireVariable: 'REQUIRE_NGINX',
    install: 'sudo apt-get install -y nginx   (Debian/Ubuntu)',
    missing: () => {
      const probe = spawnSync(nginx(), ['-v'], { encoding: 'utf8' });
      return !probe.error && probe.status === 0 ? undefined : `nginx does not run (${probe.error?.message ?? `exit ${probe.status}`})`;
    },
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx in the foreground with `confPath` (an `http {}`-level file with one `upstream`
 * and one `server`) included as written, except: its upstream `server` lines point at
 * `backendPorts` on 127.0.0.1 and its `listen` at a free loopback port. Logs, pid and
 * temporary files go to a fresh temporary folder.
 */
export async function startNginx({ backendPorts, confPath }: { backendPorts: number[]; confPath: string }): Promise<NginxServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-nginx-'));
  mkdirSync(path.join(dir, 'logs'));
  const port = await freePort();
  const original = readFileSync(confPath, 'utf8');
  const servers = [...original.matchAll(/^(\s*)server 127\.0\.0\.1:\d+;$/gm)];
  if (servers.length !== backendPorts.length) throw new Error(`${confPath} has ${servers.length} upstream servers, not ${backendPorts.length}`);
  let index = 0;
  const conf = original
    .replace(/^(\s*)server 127\.0\.0\.1:\d+;$/gm, (_line, indent: string) => `${indent}server 127.0.0.1:${backendPorts[index++]};`)
    .replace(/^(\s*)listen \d+;$/m, (_line, indent: string) => `${indent}listen 127.0.0.1:${port};`);
  writeFileSync(path.join(dir, 'gateway.conf'), conf);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${path.join(dir, name)};`).join(' ');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `pid ${path.join(dir, 'nginx.pid')};\nerror_log ${path.join(dir, 'logs', 'error.log')};\nevents {}\nhttp {\n  access_log off;\n  ${temp}\n  include ${path.join(dir, 'gateway.conf')};\n}\n`,
  );
  const child: ChildProcess = spawn(nginx(), ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off; master_process off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start on port ${port}: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
