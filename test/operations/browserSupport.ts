import { existsSync } from 'node:fs';

import { requiredTool, type ToolCheck } from '../support/requiredTool.js';

/** Debian's Chromium, as `.ci/run` installs it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-less headless run in a container or CI machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests run: wherever Chromium is installed. Without it they are
 * skipped loudly (and listed in the summary at the end of the run) — except with
 * `REQUIRE_BROWSER=1` (set by `.ci/run`), where a missing browser fails the test file.
 * Pass `suite` as the options of the browser tests' `describe()`.
 */
export function browserCheck(): ToolCheck {
  return requiredTool({
    tool: 'Chromium',
    requireVariable: 'REQUIRE_BROWSER',
    install: 'sudo apt-get install -y chromium   (Debian/Ubuntu; or set CHROMIUM_PATH)',
    missing: () => (existsSync(CHROMIUM_PATH) ? undefined : `no ${CHROMIUM_PATH}`),
  });
}
