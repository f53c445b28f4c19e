/**
 * The credentials and identifiers of the emulator's one conference. The account and
 * conference are the docs' own sample values (`"myaccount"`, `"2018"`); the sessions are
 * local times in `timezone`, over days that cross the end of US daylight saving time.
 */
export const PLANSTONE_DEMO = {
  token: 'demo-planstone-token',
  account: 'myaccount',
  conference: '2018',
  timezone: 'America/Chicago',
} as const;
