import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/projectRoot.js';

// Issue 17: on a machine without Chromium `npm test` failed. Now the rest runs and the last
// thing printed is a summary of what was skipped with the command that installs it — but
// with REQUIRE_BROWSER=1 (CI) a missing browser fails the run. Vitest in a child process
// over a fixture suite, with CHROMIUM_PATH pointing nowhere.

const root = projectRoot();

function runFixture(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const args = [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'test/fixtures/skipSummary/vitest.config.ts'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', CHROMIUM_PATH: '/nonexistent/chromium', ...env }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stderr}${stdout}` }),
    );
  });
}

describe('a test run on a machine without Chromium', () => {
  it('runs everything else and ends with a box naming what it skipped and how to install it', async () => {
    const { code, output } = await runFixture({});
    expect(code).toBe(0);
    expect(output).toMatch(/Tests\s+1 passed \| 1 skipped/);
    const box = output.trimEnd().split('\n').slice(-8);
    expect(box[0]).toMatch(/^\+-+\+$/);
    expect(box.at(-1)).toMatch(/^\+-+\+$/);
    const text = box.join('\n');
    expect(text).toContain('NOT RUN: 1 tests');
    expect(text).toContain('Chromium (no /nonexistent/chromium): 1 tests skipped in test/fixtures/skipSummary/needsBrowser.suite.ts');
    expect(text).toContain('install: sudo apt-get install -y chromium');
    expect(text).toContain('REQUIRE_BROWSER=1');
  }, 120_000);

  it('fails with REQUIRE_BROWSER=1, as CI sets it', async () => {
    const { code, output } = await runFixture({ REQUIRE_BROWSER: '1' });
    expect(code).not.toBe(0);
    expect(output).toContain('REQUIRE_BROWSER=1 but Chromium is missing (no /nonexistent/chromium). Install it: sudo apt-get install -y chromium');
    expect(output).not.toContain('NOT RUN');
  }, 120_000);
});
