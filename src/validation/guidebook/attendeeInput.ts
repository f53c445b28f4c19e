import { z } from 'zod';

import type { AttendeeChanges, AttendeeDraft } from '../../models/writes/index.js';
import { atLeastOne } from '../atLeastOne.js';
import { email, notNull, optional, text } from '../fields.js';
import { sourceIdField } from '../sourceIdField.js';

const profile = z.object({
  website: optional(text()),
  position: optional(text()),
  company: optional(text()),
  contactEmail: optional(text()),
  phoneNumber: optional(text()),
});

/** `createAttendee`'s input → an AttendeeDraft. */
export const createAttendeeInput = z
  .object({
    guideId: sourceIdField('Guide', 'guidebook'),
    email: email(),
    firstName: optional(text()),
    lastName: optional(text()),
    importId: optional(text()),
    revoked: optional(z.boolean()),
    emailOptOut: optional(z.boolean()),
    profile: optional(profile),
  })
  .transform((v): AttendeeDraft => v);

/** `updateAttendee`'s input: Guidebook's PATCH changes only these three fields. */
export const updateAttendeeInput = z
  .object({
    id: sourceIdField('Attendee', 'guidebook'),
    revoked: z.boolean(notNull).optional(),
    emailOptOut: z.boolean(notNull).optional(),
    importId: text().nullable().optional(),
  })
  .superRefine(atLeastOne(['revoked', 'emailOptOut', 'importId']))
  .transform(({ id, ...changes }): { id: string; changes: AttendeeChanges } => ({ id, changes }));
