/**
 * Thrown at boot with every problem found, so one start fixes them all. The message is one
 * line when there is one problem, a list otherwise; each problem says what to set.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
