import type { SessionSource } from './session.js';

/**
 * A conference: one Guidebook guide or one configured Planstone account and conference.
 * `sourceId` is the guide id, or `account/conference` for Planstone.
 */
export interface ConferenceModel {
  source: SessionSource;
  sourceId: string;
  name: string;
  /** IANA time zone of its local dates and times. */
  timeZone: string;
}

/**
 * Which configured Planstone conference a feed object (session, track, room, speaker)
 * belongs to. `key` is `account/conference`, the Conference's `sourceId`. `idPrefix` is what
 * the object's source id carries inside its global ID: `''` for the first configured
 * conference — its IDs are the feed's own ids, as when one conference was all there was, so
 * IDs clients hold keep working — and `${key}#` for every later one (see `scopedSourceId`).
 */
export interface PlanstoneConferenceRef {
  key: string;
  idPrefix: string;
  /** Its display name: the configured name, else the conference id. */
  name: string;
}

/** `account/conference`: a Planstone conference's key (its Conference's `sourceId`). */
export function planstoneConferenceKey(account: string, conference: string): string {
  return `${account}/${conference}`;
}

/** The reference of the configured Planstone conference at `index` (0: the first, whose IDs are unprefixed). */
export function planstoneConferenceRef(account: string, conference: string, index: number, name?: string | null): PlanstoneConferenceRef {
  const key = planstoneConferenceKey(account, conference);
  return { key, idPrefix: index === 0 ? '' : `${key}#`, name: name ?? conference };
}

/**
 * The source id a global ID carries for a model: its own `sourceId`, behind its Planstone
 * conference's `idPrefix` when it has one (so ids of several conferences stay distinct).
 */
export function scopedSourceId(model: { sourceId: string; planstoneConference?: PlanstoneConferenceRef | undefined }): string {
  const prefix = model.planstoneConference?.idPrefix;
  return prefix ? prefix + model.sourceId : model.sourceId;
}
