/**
 * The emulators' gateway environment with only the first Planstone conference: without
 * `PLANSTONE_CONFERENCES` the gateway serves the one PLANSTONE_ACCOUNT/CONFERENCE names.
 * Scenarios (a)–(d) and side-by-side runs use it, so every build — including refs from before
 * several conferences existed, which serve one — reads the same data.
 */
export function firstConferenceOnly(env: Record<string, string>): Record<string, string> {
  const { PLANSTONE_CONFERENCES: _all, ...rest } = env;
  return rest;
}
