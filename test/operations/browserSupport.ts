import { existsSync } from 'node:fs';

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
 * Whether the browser tests run. They always do in CI (`CI` set) and whenever Chromium is
 * installed. A developer without Chromium may opt out with `SKIP_BROWSER_TESTS=1` (and `CI`
 * unset); otherwise a missing browser is a loud failure that says how to install it.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (!process.env.CI && process.env.SKIP_BROWSER_TESTS === '1') return false;
  throw new Error(
    `Chromium is not installed at ${CHROMIUM_PATH}: the web example's browser test needs it.\n` +
      `  Install it (Debian/Ubuntu, as root): apt-get update && apt-get install -y chromium\n` +
      `  or point CHROMIUM_PATH at a Chromium binary, or (outside CI only) set SKIP_BROWSER_TESTS=1 to leave the browser test out.`,
  );
}
