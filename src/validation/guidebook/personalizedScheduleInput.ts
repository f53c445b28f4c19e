import { z } from 'zod';

import type { PersonalizedScheduleChanges, PersonalizedScheduleDraft } from '../../models/writes/index.js';
import { atLeastOne } from '../atLeastOne.js';
import { notNull, requiredText } from '../fields.js';
import { sourceIdField } from '../sourceIdField.js';

const sessionIds = z.array(sourceIdField('Session', 'guidebook'), notNull);
const attendeeIds = z.array(sourceIdField('Attendee', 'guidebook'), notNull);

/** `createPersonalizedSchedule`'s input → a PersonalizedScheduleDraft (all four fields are required by Guidebook). */
export const createPersonalizedScheduleInput = z
  .object({ guideId: sourceIdField('Guide', 'guidebook'), name: requiredText(), sessionIds, attendeeIds })
  .transform((v): PersonalizedScheduleDraft => v);

/** `updatePersonalizedSchedule`'s input: Guidebook's PATCH changes only the two lists. */
export const updatePersonalizedScheduleInput = z
  .object({ id: sourceIdField('PersonalizedSchedule', 'guidebook'), sessionIds: sessionIds.optional(), attendeeIds: attendeeIds.optional() })
  .superRefine(atLeastOne(['sessionIds', 'attendeeIds']))
  .transform(({ id, ...changes }): { id: string; changes: PersonalizedScheduleChanges } => ({ id, changes }));
