import { z } from 'zod';

import type { TrackChanges, TrackDraft } from '../../models/writes/index.js';
import { atLeastOne } from '../atLeastOne.js';
import { hexColor, optional, requiredText, text } from '../fields.js';
import { sourceIdField } from '../sourceIdField.js';

/** `createTrack`'s input → a TrackDraft. */
export const createTrackInput = z
  .object({
    guideId: sourceIdField('Guide', 'guidebook'),
    name: requiredText(),
    color: optional(hexColor()),
    importId: optional(text()),
  })
  .transform((v): TrackDraft => v);

/** `updateTrack`'s input → the track's source id and its TrackChanges. */
export const updateTrackInput = z
  .object({
    id: sourceIdField('Track', 'guidebook'),
    name: requiredText().optional(),
    color: hexColor().nullable().optional(),
    importId: text().nullable().optional(),
  })
  .superRefine(atLeastOne(['name', 'color', 'importId']))
  .transform(({ id, ...changes }): { id: string; changes: TrackChanges } => ({ id, changes }));
