import type { ProviderName } from '../providers.js';
import type { NodeType } from './globalId.js';

/** A decimal integer as a provider prints it: no sign, padding, leading zero, exponent or fraction. */
const DECIMAL_INTEGER = /^(?:0|[1-9][0-9]{0,15})$/;
/** Planstone's ids are text of decimal digits (`schedid`, `pid`), compared as text: `007` is its own id. */
const DIGIT_TEXT = /^[0-9]{1,32}$/;
/** An Eve `_id` (a MongoDB ObjectId in hex): what names a Planstone session that has no `schedid`. */
const OBJECT_ID = /^[0-9a-f]{24}$/;
/**
 * A Planstone conference key and the `#` that ends it: `account/conference#`, the prefix of
 * the ids of every configured conference after the first (models/conference.ts).
 */
const CONFERENCE_PREFIX = /^[^#/]+\/[^#/]+#/;
/** A Planstone room's id inside a Location ID: the conference key, then `roomid:<roomid>` or `room:<name>`. */
const PLANSTONE_ROOM = /^[^#/]+\/[^#/]+#(?:roomid|room):\S(?:.*\S)?$/s;
/** A Planstone conference: `account/conference`. */
const PLANSTONE_CONFERENCE = /^[^#/\s]+(?:[^#/]*[^#/\s])?\/[^#/\s]+(?:[^#/]*[^#/\s])?$/;

/**
 * Guidebook and Roundware ids (Django auto fields, printed by DRF as JSON numbers): a decimal
 * integer of at most 2^53 − 1, written as the provider writes it. `"007"`, `"+7"`, `" 7"`,
 * `"7.0"`, `"1e2"`, `"NaN"` are not ids those providers issue: sending them would either
 * miss (NOT_FOUND after an upstream call) or — worse — find object 7 under another name.
 */
export function isCanonicalIntegerId(sourceId: string): boolean {
  return DECIMAL_INTEGER.test(sourceId) && Number(sourceId) <= Number.MAX_SAFE_INTEGER;
}

/**
 * Planstone speaker pids and session `schedid`s: the feed's ids are strings of decimal digits
 * (PROVIDERS.md §3; the emulator's and the docs' samples), matched by the feed as text, so
 * leading zeros are part of an id — but a sign, spaces, a fraction or an exponent never are.
 */
export function isCanonicalPlanstoneId(sourceId: string): boolean {
  return DIGIT_TEXT.test(sourceId);
}

/** Which providers issue objects of each type (a Conference of Roundware was never issued). */
const ISSUERS: Readonly<Record<NodeType, readonly ProviderName[]>> = {
  Session: ['guidebook', 'planstone'],
  Track: ['guidebook', 'planstone'],
  Conference: ['guidebook', 'planstone'],
  Location: ['guidebook', 'planstone'],
  Guide: ['guidebook'],
  Attendee: ['guidebook'],
  PersonalizedSchedule: ['guidebook'],
  Speaker: ['planstone'],
  ClientSession: ['roundware'],
};

/**
 * The one rule for the source id inside a global ID, per provider and type: true when the
 * provider could have issued it (and issues that type at all). Checked when a global ID is decoded, so an id no provider
 * issues is BAD_USER_INPUT naming the argument, before any upstream call.
 *
 * - Guidebook (every type) and Roundware: `isCanonicalIntegerId`.
 * - Planstone sessions: `isCanonicalPlanstoneId` (the `schedid`), or a 24-hex `_id` (the
 *   mapper's stand-in for a session without one); speakers: `isCanonicalPlanstoneId`
 *   (the `pid`); tracks: the track's name as the mapper keeps it (trimmed, not empty) — each
 *   of them, for a conference after the first configured one, behind `account/conference#`.
 *   Conferences: `account/conference`; locations (rooms): `account/conference#roomid:<roomid>`
 *   or `account/conference#room:<name>`.
 */
export function isCanonicalSourceId(type: NodeType, provider: ProviderName, sourceId: string): boolean {
  if (!ISSUERS[type].includes(provider)) return false;
  if (provider !== 'planstone') return isCanonicalIntegerId(sourceId);
  switch (type) {
    case 'Conference':
      return PLANSTONE_CONFERENCE.test(sourceId);
    case 'Location':
      return PLANSTONE_ROOM.test(sourceId);
    case 'Track':
      return sourceId.length > 0 && sourceId.trim() === sourceId;
    default: {
      const own = sourceId.replace(CONFERENCE_PREFIX, '');
      return type === 'Session' ? isCanonicalPlanstoneId(own) || OBJECT_ID.test(own) : isCanonicalPlanstoneId(own);
    }
  }
}
