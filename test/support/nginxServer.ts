import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, spawnListening } from './loopbackServer.js';
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
  return spawnListening({
    command: nginx(),
    args: ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off; master_process off;'],
    port,
    dir,
    timeoutMs: 10_000,
  });
}
