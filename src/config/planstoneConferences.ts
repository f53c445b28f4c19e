import { z } from 'zod';

import type { PlanstoneConferenceConfig } from './gatewayConfig.js';

/** Whether `zone` is an IANA time zone this runtime knows (what Intl accepts). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const nonBlank = z
  .string()
  .min(1)
  .refine((value) => value.trim() === value && value !== '', { message: 'must not be empty or start or end with spaces' });

// `account/conference` names the conference in IDs (`account/conference#…`): neither part may hold `/` or `#`.
const idPart = nonBlank.refine((value) => !/[/#]/.test(value), { message: 'must not contain "/" or "#"' });

/** One item of `PLANSTONE_CONFERENCES`. */
export const planstoneConferenceSchema = z.strictObject({
  account: idPart,
  conference: idPart,
  timeZone: z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone (e.g. "America/Chicago")' }),
  name: nonBlank.optional(),
});

/** `PLANSTONE_CONFERENCES`: a JSON array of at least one conference. */
export const planstoneConferencesSchema = z.array(planstoneConferenceSchema).min(1, { message: 'must list at least one conference' });

/**
 * The Planstone conferences to serve, from the list form (`PLANSTONE_CONFERENCES`, a JSON
 * array of `{"account","conference","timeZone","name"?}`) or, without it, the one
 * conference of `PLANSTONE_ACCOUNT`/`PLANSTONE_CONFERENCE`/`PLANSTONE_TIMEZONE`. Every problem
 * found is pushed onto `problems` (one start-up error lists them all); null when there are any.
 * With the list form the single-conference variables may still be set (a copied .env), but
 * then they must name its first conference.
 */
export function planstoneConferencesOf(env: NodeJS.ProcessEnv, problems: string[]): PlanstoneConferenceConfig[] | null {
  const list = env.PLANSTONE_CONFERENCES?.trim();
  if (!list) {
    const before = problems.length;
    for (const name of ['PLANSTONE_ACCOUNT', 'PLANSTONE_CONFERENCE', 'PLANSTONE_TIMEZONE']) {
      if (!env[name]) problems.push(`${name} is required when PLANSTONE_API_URL is set (or list the conferences in PLANSTONE_CONFERENCES)`);
    }
    const timeZone = env.PLANSTONE_TIMEZONE ?? '';
    if (timeZone && !isValidTimeZone(timeZone)) problems.push(`PLANSTONE_TIMEZONE is not an IANA time zone: ${JSON.stringify(timeZone)}`);
    if (problems.length > before) return null;
    return [{ account: env.PLANSTONE_ACCOUNT!, conference: env.PLANSTONE_CONFERENCE!, timeZone, name: null }];
  }
  let json: unknown;
  try {
    json = JSON.parse(list);
  } catch (error) {
    problems.push(
      `PLANSTONE_CONFERENCES is not JSON (${(error as Error).message}); write a JSON array such as [{"account":"acme","conference":"2026","timeZone":"America/Chicago","name":"Acme 2026"}]`,
    );
    return null;
  }
  const parsed = planstoneConferencesSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
      problems.push(`PLANSTONE_CONFERENCES${where}: ${issue.message}`);
    }
    return null;
  }
  const conferences = parsed.data.map((c) => ({ account: c.account, conference: c.conference, timeZone: c.timeZone, name: c.name ?? null }));
  const before = problems.length;
  const seen = new Set<string>();
  for (const [index, c] of conferences.entries()) {
    const key = `${c.account}/${c.conference}`;
    if (seen.has(key)) problems.push(`PLANSTONE_CONFERENCES[${index}]: ${JSON.stringify(key)} is listed twice`);
    seen.add(key);
  }
  const first = conferences[0]!;
  const legacy = { PLANSTONE_ACCOUNT: first.account, PLANSTONE_CONFERENCE: first.conference, PLANSTONE_TIMEZONE: first.timeZone } as const;
  for (const [name, value] of Object.entries(legacy)) {
    if (env[name] && env[name] !== value) {
      problems.push(`${name} (${JSON.stringify(env[name])}) contradicts the first conference of PLANSTONE_CONFERENCES (${JSON.stringify(value)}); unset it`);
    }
  }
  return problems.length > before ? null : conferences;
}
