import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, spawnListening } from './loopbackServer.js';
import { requiredTool, type ToolCheck } from './requiredTool.js';

/** A throw-away `varnishd` on a free loopback port, in front of one backend. */
export interface VarnishServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Whether `varnishd` runs here. Where it does not, the Varnish tests are skipped loudly (and
 * listed in the summary at the end of the run), except with `REQUIRE_VARNISH=1` (set by
 * `.ci/run`), where that fails the test file. Pass `suite` as the options of their `describe()`.
 */
export function varnishCheck(): ToolCheck {
  return requiredTool({
    tool: 'Varnish',
    requireVariable: 'REQUIRE_VARNISH',
    install: 'sudo apt-get install -y varnish   (Debian/Ubuntu)',
    missing: () => {
      const probe = spawnSync(varnishd(), ['-V'], { encoding: 'utf8' });
      return !probe.error && probe.status === 0 ? undefined : `varnishd does not run (${probe.error?.message ?? `exit ${probe.status}`})`;
    },
  });
}

/** Debian installs it in /usr/sbin, which a non-root PATH often lacks. */
function varnishd(): string {
  const found = spawnSync('varnishd', ['-V'], { encoding: 'utf8' });
  return !found.error ? 'varnishd' : '/usr/sbin/varnishd';
}

/**
 * Starts `varnishd -F` on a free loopback port with the VCL file `vclPath`, its `backend`
 * block pointed at `127.0.0.1:backendPort` (varnishd compiles it with `cc`), and waits until
 * it accepts connections. Its working directory is a fresh temporary folder.
 */
export async function startVarnish({ backendPort, vclPath }: { backendPort: number; vclPath: string }): Promise<VarnishServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-varnish-'));
  // Run as root, varnishd reads the VCL and its working directory as its own unprivileged user.
  chmodSync(dir, 0o755);
  const vcl = readFileSync(vclPath, 'utf8')
    .replace(/\.host = "[^"]*";/, '.host = "127.0.0.1";')
    .replace(/\.port = "[^"]*";/, `.port = "${backendPort}";`);
  if (!vcl.includes(`.port = "${backendPort}"`)) throw new Error(`${vclPath} has no backend .port to point at the gateway`);
  const vclFile = path.join(dir, 'gateway.vcl');
  writeFileSync(vclFile, vcl, { mode: 0o644 });
  const port = await freePort();
  return spawnListening({
    command: varnishd(),
    args: ['-F', '-a', `127.0.0.1:${port}`, '-f', vclFile, '-n', path.join(dir, 'work'), '-s', 'malloc,32m'],
    port,
    dir,
    timeoutMs: 30_000,
  });
}
