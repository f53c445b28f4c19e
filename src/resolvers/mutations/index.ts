import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { toGlobalId } from '../../ids/globalId.js';
import { createAttendeeInput, updateAttendeeInput } from '../../validation/guidebook/attendeeInput.js';
import {
  deletePersonalizedScheduleInput,
  deleteSessionInput,
  deleteTrackInput,
  publishAttendeeInput,
  publishGuideInput,
} from '../../validation/guidebook/objectInputs.js';
import { createPersonalizedScheduleInput, updatePersonalizedScheduleInput } from '../../validation/guidebook/personalizedScheduleInput.js';
import { createSessionInput, updateSessionInput } from '../../validation/guidebook/sessionInput.js';
import { createTrackInput, updateTrackInput } from '../../validation/guidebook/trackInput.js';
import { startClientSessionInput } from '../../validation/roundware/clientSessionInput.js';
import { mutation } from './runMutation.js';

export { PublishRequest } from './publishRequest.js';

/**
 * Every mutation, one row each: the provider, the input schema, the write through the
 * provider's writes (the catalog's `providerWrites`), and the payload field the result goes to (see `mutation`).
 */
export const mutationResolvers: MutationResolvers = {
  createSession: mutation(
    'guidebook',
    createSessionInput,
    (gb, draft) => gb.create('session', draft),
    (session) => ({ session }),
  ),
  updateSession: mutation(
    'guidebook',
    updateSessionInput,
    (gb, { id, changes }) => gb.update('session', id, changes),
    (session) => ({ session }),
  ),
  deleteSession: mutation(
    'guidebook',
    deleteSessionInput,
    (gb, id) => gb.delete('session', id),
    (id) => ({
      deletedSessionId: id && toGlobalId('Session', 'guidebook', id),
    }),
  ),

  createTrack: mutation(
    'guidebook',
    createTrackInput,
    (gb, draft) => gb.create('track', draft),
    (track) => ({ track }),
  ),
  updateTrack: mutation(
    'guidebook',
    updateTrackInput,
    (gb, { id, changes }) => gb.update('track', id, changes),
    (track) => ({ track }),
  ),
  deleteTrack: mutation(
    'guidebook',
    deleteTrackInput,
    (gb, id) => gb.delete('track', id),
    (id) => ({
      deletedTrackId: id && toGlobalId('Track', 'guidebook', id),
    }),
  ),

  createPersonalizedSchedule: mutation(
    'guidebook',
    createPersonalizedScheduleInput,
    (gb, draft) => gb.create('personalizedSchedule', draft),
    (personalizedSchedule) => ({
      personalizedSchedule,
    }),
  ),
  updatePersonalizedSchedule: mutation(
    'guidebook',
    updatePersonalizedScheduleInput,
    (gb, { id, changes }) => gb.update('personalizedSchedule', id, changes),
    (personalizedSchedule) => ({
      personalizedSchedule,
    }),
  ),
  deletePersonalizedSchedule: mutation(
    'guidebook',
    deletePersonalizedScheduleInput,
    (gb, id) => gb.delete('personalizedSchedule', id),
    (id) => ({
      deletedPersonalizedScheduleId: id && toGlobalId('PersonalizedSchedule', 'guidebook', id),
    }),
  ),

  createAttendee: mutation(
    'guidebook',
    createAttendeeInput,
    (gb, draft) => gb.createAttendee(draft),
    (value) => ({
      attendee: value?.attendee ?? null,
      created: value?.created ?? false,
    }),
  ),
  updateAttendee: mutation(
    'guidebook',
    updateAttendeeInput,
    (gb, { id, changes }) => gb.update('attendee', id, changes),
    (attendee) => ({ attendee }),
  ),

  publishGuide: mutation(
    'guidebook',
    publishGuideInput,
    (gb, guideId) => gb.publishGuide(guideId),
    (publishRequest) => ({ publishRequest }),
  ),
  publishPersonalizedSchedules: mutation(
    'guidebook',
    publishGuideInput,
    (gb, guideId) => gb.publishPersonalizedSchedules(guideId),
    (publishRequest) => ({
      publishRequest,
    }),
  ),
  publishAttendeePersonalizedSchedules: mutation(
    'guidebook',
    publishAttendeeInput,
    (gb, attendeeId) => gb.publishAttendeePersonalizedSchedules(attendeeId),
    (publishRequest) => ({
      publishRequest,
    }),
  ),

  startClientSession: mutation(
    'roundware',
    startClientSessionInput,
    (rw, draft) => rw.startClientSession(draft),
    (clientSession) => ({ clientSession }),
  ),
};
