/**
 * Session values as far as the gateway knows them: `undefined` = unknown (a PATCH that
 * does not touch the field), `null` = known to be empty.
 */
export interface KnownSessionValues {
  startTime?: Date | null;
  endTime?: Date | null;
  addToSchedule?: boolean;
  requireLogin?: boolean;
  waitlist?: boolean;
  maxCapacity?: number | null;
  registrationStartTime?: Date | null;
  registrationEndTime?: Date | null;
}

export interface RuleIssue {
  /** The input field that breaks the rule (as Guidebook keys its error). */
  path: string;
  message: string;
}

/**
 * Guidebook's cross-field session rules (`_sessions.md`: `registration_*` needs
 * `require_login`, `require_login` needs `add_to_schedule`, `waitlist` needs
 * `max_capacity`; plus end not before start). A rule is checked only when every value it
 * involves is known, so the gateway never refuses a write the provider would accept.
 */
export function sessionRuleIssues(v: KnownSessionValues): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (v.startTime instanceof Date && v.endTime instanceof Date && v.endTime < v.startTime) {
    issues.push({ path: 'endTime', message: 'Must not be before `startTime`.' });
  }
  for (const path of ['registrationStartTime', 'registrationEndTime'] as const) {
    if (v[path] instanceof Date && v.requireLogin === false) issues.push({ path, message: 'Needs `requireLogin: true`.' });
  }
  if (v.registrationStartTime instanceof Date && v.registrationEndTime instanceof Date && v.registrationEndTime < v.registrationStartTime) {
    issues.push({ path: 'registrationEndTime', message: 'Must not be before `registrationStartTime`.' });
  }
  if (v.requireLogin === true && v.addToSchedule === false) issues.push({ path: 'requireLogin', message: 'Needs `addToSchedule: true`.' });
  if (v.waitlist === true && v.maxCapacity === null) issues.push({ path: 'waitlist', message: 'Needs `maxCapacity`.' });
  return issues;
}
