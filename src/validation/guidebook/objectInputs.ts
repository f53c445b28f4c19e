import { z } from 'zod';

import { sourceIdField } from '../sourceIdField.js';

// Inputs that only name one Guidebook object (deletes and publishes): its source id.

export const deleteSessionInput = z.object({ id: sourceIdField('Session', 'guidebook') }).transform((v) => v.id);
export const deleteTrackInput = z.object({ id: sourceIdField('Track', 'guidebook') }).transform((v) => v.id);
export const deletePersonalizedScheduleInput = z.object({ id: sourceIdField('PersonalizedSchedule', 'guidebook') }).transform((v) => v.id);
export const publishGuideInput = z.object({ guideId: sourceIdField('Guide', 'guidebook') }).transform((v) => v.guideId);
export const publishAttendeeInput = z.object({ attendeeId: sourceIdField('Attendee', 'guidebook') }).transform((v) => v.attendeeId);
