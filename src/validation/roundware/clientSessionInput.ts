import { z } from 'zod';

import type { ClientSessionDraft } from '../../models/writes/index.js';
import { characterCount, optional, requiredText, text } from '../fields.js';

/** Roundware's `Session.timezone`: `max_length=5` and `validate_timezone`'s pattern. */
const ROUNDWARE_TIMEZONE = /^[+-]?\d{4}$/;

const positiveId = (what: string) =>
  z
    .number()
    .int()
    .min(1, { error: `A Roundware ${what} id (a positive integer).` });

const timeZone = z
  .string()
  .refine((value) => characterCount(value) <= 5, { error: 'At most 5 characters.', abort: true })
  .refine((value) => ROUNDWARE_TIMEZONE.test(value), { error: 'A UTC offset in RFC 822 form, e.g. "-0800" or "+0530".' });

/**
 * `startClientSession`'s input → a ClientSessionDraft. Everything Roundware would crash
 * on (no project; a language that is not text; a body that is not an object) is made
 * impossible here, and what it would silently ignore (`languageId` beside a
 * `languageCode`) is refused.
 */
export const startClientSessionInput = z
  .object({
    projectId: positiveId('project'),
    clientSystem: requiredText(128),
    clientType: optional(text(128)),
    languageCode: optional(z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, { error: 'A language code, e.g. "es" or "en-US".' })),
    languageId: optional(positiveId('language')),
    demoStreamEnabled: optional(z.boolean()),
    geoListenEnabled: optional(z.boolean()),
    timeZone: optional(timeZone),
  })
  .superRefine((v, ctx) => {
    if (v.languageCode !== undefined && v.languageId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['languageId'], message: 'Give `languageCode` or `languageId`, not both: Roundware would ignore `languageId`.' });
    }
  })
  .transform((v): ClientSessionDraft => v);
