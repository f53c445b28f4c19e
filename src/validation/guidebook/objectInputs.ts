import { z } from 'zod';
import { globalIdOf } from '../globalIdField.js';

// Inputs that only name one Guidebook object (deletes and publishes): its source id.

export const deleteSessionInput = z.object({ id: globalIdOf('Session', 'guidebook') }).transform((v) => v.id);
export const deleteTrackInput = z.object({ id: globalIdOf('Track', 'guidebook') }).transform((v) => v.id);
export const deletePersonalizedScheduleInput = z.object({ id: globalIdOf('PersonalizedSchedule', 'guidebook') }).transform((v) => v.id);
export const publishGuideInput = z.object({ guideId: globalIdOf('Guide', 'guidebook') }).transform((v) => v.guideId);
export const publishAttendeeInput = z.object({ attendeeId: globalIdOf('Attendee', 'guidebook') }).transform((v) => v.attendeeId);
