import type { Reporter, TestModule } from 'vitest/node';

import type { MissingTool } from './requiredTool.js';

/** One missing program and what its absence left out. */
export interface SkippedForTool extends MissingTool {
  tests: number;
  files: string[];
}

/** Every suite skipped for a missing program (see `requiredTool`), grouped by program. */
export function skippedForTools(modules: ReadonlyArray<TestModule>): SkippedForTool[] {
  const byTool = new Map<string, SkippedForTool>();
  for (const module of modules) {
    for (const suite of module.children.allSuites()) {
      const missing = suite.meta().missingTool;
      if (missing === undefined) continue;
      const entry = byTool.get(missing.tool) ?? { ...missing, tests: 0, files: [] };
      entry.tests += [...suite.children.allTests('skipped')].length;
      if (!entry.files.includes(module.relativeModuleId)) entry.files.push(module.relativeModuleId);
      byTool.set(missing.tool, entry);
    }
  }
  return [...byTool.values()];
}

/** The box printed last: what was skipped, why, and the one command that installs each program. */
export function renderSkipSummary(skipped: SkippedForTool[]): string {
  const lines = [`NOT RUN: ${skipped.reduce((sum, entry) => sum + entry.tests, 0)} tests need programs missing on this machine.`];
  for (const entry of skipped) {
    lines.push('', `${entry.tool} (${entry.reason}): ${entry.tests} tests skipped in ${entry.files.join(', ')}`, `  install: ${entry.install}`);
  }
  lines.push('', `CI sets ${[...new Set(skipped.map((entry) => `${entry.requireVariable}=1`))].join(' and ')}, where a missing program fails the run.`);
  const width = Math.max(...lines.map((line) => line.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  return ['', bar, ...lines.map((line) => `| ${line.padEnd(width)} |`), bar, ''].join('\n');
}

/**
 * Listed after vitest's default reporter, so its box is the last thing `npm test` prints:
 * a green run that left tests out (no Chromium, no redis-server) says so where it is seen.
 */
export class SkipSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = skippedForTools(modules);
    if (skipped.length > 0) process.stdout.write(`${renderSkipSummary(skipped)}\n`);
  }
}
