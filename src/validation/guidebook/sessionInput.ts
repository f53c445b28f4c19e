import { z } from 'zod';

import { isCanonicalIntegerId } from '../../ids/canonicalSourceId.js';
import type { SessionChanges, SessionDraft } from '../../models/writes/index.js';
import { atLeastOne } from '../atLeastOne.js';
import { dateTime, notNull, optional, requiredText, text } from '../fields.js';
import { sourceIdField } from '../sourceIdField.js';
import { sessionRuleIssues, type KnownSessionValues } from './sessionRules.js';

/** Guidebook's limit on `description_html`. */
const DESCRIPTION_HTML_MAX = 20_000;

const locationId = z.string().refine(isCanonicalIntegerId, { error: 'A Guidebook location id (`Location.sourceId`), e.g. "42".' });
const capacity = z.number(notNull).int().min(0, { error: 'Must be 0 or more.' });

function addRuleIssues(values: KnownSessionValues, ctx: z.RefinementCtx): void {
  for (const issue of sessionRuleIssues(values)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
}

/** `createSession`'s input → a SessionDraft; the provider's defaults stand in for omitted fields in the rules. */
export const createSessionInput = z
  .object({
    guideId: sourceIdField('Guide', 'guidebook'),
    name: requiredText(),
    descriptionHtml: optional(text(DESCRIPTION_HTML_MAX)),
    startTime: dateTime(),
    endTime: optional(dateTime()),
    allDay: optional(z.boolean()),
    allowRating: optional(z.boolean()),
    addToSchedule: optional(z.boolean()),
    importId: optional(text()),
    locationSourceIds: optional(z.array(locationId)),
    trackIds: optional(z.array(sourceIdField('Track', 'guidebook'))),
    rank: optional(z.number()),
    requireLogin: optional(z.boolean()),
    maxCapacity: optional(capacity),
    waitlist: optional(z.boolean()),
    registrationStartTime: optional(dateTime()),
    registrationEndTime: optional(dateTime()),
  })
  .superRefine((v, ctx) =>
    addRuleIssues(
      {
        startTime: v.startTime,
        endTime: v.endTime ?? null,
        addToSchedule: v.addToSchedule ?? true,
        requireLogin: v.requireLogin ?? false,
        waitlist: v.waitlist ?? false,
        maxCapacity: v.maxCapacity ?? null,
        registrationStartTime: v.registrationStartTime ?? null,
        registrationEndTime: v.registrationEndTime ?? null,
      },
      ctx,
    ),
  )
  .transform(({ locationSourceIds, ...rest }): SessionDraft => ({ ...rest, locationIds: locationSourceIds }));

const CHANGE_KEYS = [
  'name',
  'descriptionHtml',
  'startTime',
  'endTime',
  'allDay',
  'allowRating',
  'addToSchedule',
  'importId',
  'locationSourceIds',
  'trackIds',
  'rank',
  'requireLogin',
  'maxCapacity',
  'waitlist',
  'registrationStartTime',
  'registrationEndTime',
] as const;

/**
 * `updateSession`'s input → the session's source id and its SessionChanges. Only the
 * rules whose every value is in the input are checked here; Guidebook checks the rest
 * against the stored session (and its 400 is mapped back to the input fields).
 */
export const updateSessionInput = z
  .object({
    id: sourceIdField('Session', 'guidebook'),
    name: requiredText().optional(),
    descriptionHtml: text(DESCRIPTION_HTML_MAX).nullable().optional(),
    startTime: dateTime().optional(),
    endTime: dateTime().nullable().optional(),
    allDay: z.boolean(notNull).optional(),
    allowRating: z.boolean(notNull).optional(),
    addToSchedule: z.boolean(notNull).optional(),
    importId: text().nullable().optional(),
    locationSourceIds: z.array(locationId, notNull).optional(),
    trackIds: z.array(sourceIdField('Track', 'guidebook'), notNull).optional(),
    rank: z.number(notNull).optional(),
    requireLogin: z.boolean(notNull).optional(),
    maxCapacity: capacity.nullable().optional(),
    waitlist: z.boolean(notNull).optional(),
    registrationStartTime: dateTime().nullable().optional(),
    registrationEndTime: dateTime().nullable().optional(),
  })
  .superRefine(atLeastOne(CHANGE_KEYS))
  .superRefine((v, ctx) => addRuleIssues(v, ctx))
  .transform(({ id, locationSourceIds, ...rest }): { id: string; changes: SessionChanges } => ({
    id,
    changes: { ...rest, locationIds: locationSourceIds },
  }));
