import type { TaskMeta } from 'vitest';

/** What a skipped suite needed, carried to the reporter that prints the skip summary. */
export interface MissingTool {
  /** e.g. "Chromium". */
  tool: string;
  /** Why it counts as missing, e.g. "/usr/bin/chromium does not exist". */
  reason: string;
  /** The one command that installs it. */
  install: string;
  /** The variable that turns the skip into a failure (set by `.ci/run`). */
  requireVariable: string;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a suite skipped because a program is missing (see `requiredTool`). */
    missingTool?: MissingTool;
  }
}

export interface ToolCheck {
  available: boolean;
  /**
   * Options for the `describe()` of the tests that need the tool: where it is missing the
   * suite is skipped and says so in its meta, which the skip summary printed after the test
   * run reads (test/support/skipSummaryReporter.ts).
   */
  suite: { skip: boolean; meta: Partial<TaskMeta> };
}

/**
 * Whether tests needing an outside program (Chromium, redis-server) run here. Where it is
 * missing: with `<requireVariable>=1` (CI) that is an error thrown at collection, which
 * fails the test file; otherwise a loud banner now, a skip, and a line in the summary that
 * closes the run with the command that installs it.
 */
export function requiredTool(options: { tool: string; requireVariable: string; install: string; missing: () => string | undefined }): ToolCheck {
  const reason = options.missing();
  if (reason === undefined) return { available: true, suite: { skip: false, meta: {} } };
  const { tool, requireVariable, install } = options;
  if (process.env[requireVariable] === '1') throw new Error(`${requireVariable}=1 but ${tool} is missing (${reason}). Install it: ${install}`);
  const bar = '!'.repeat(100);
  console.warn(
    `\n${bar}\n!! SKIPPING the tests that need ${tool}: ${reason}.\n!! Install it: ${install}\n!! (CI sets ${requireVariable}=1, where this is a failure.)\n${bar}\n`,
  );
  return { available: false, suite: { skip: true, meta: { missingTool: { tool, reason, install, requireVariable } } } };
}
