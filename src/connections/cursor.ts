import { UserInputError } from '../errors/index.js';

/** The cursor format's version; bump it when the JSON inside changes meaning. */
export const CURSOR_VERSION = 1;

/** Cursors longer than this are refused before decoding (ours are well under 200 characters). */
const MAX_CURSOR_LENGTH = 1024;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What a cursor must match to be accepted by a connection. */
export interface CursorIdentity {
  /** Which connection issued it, e.g. `Query.sessions` or `Track.sessions`. */
  kind: string;
  /** {@link fingerprint} of the connection's arguments other than paging (filter, orderBy, ...). */
  fingerprint: string;
}

/** An item's place in a single offset source: its offset. */
export interface OffsetPosition {
  offset: number;
}

/**
 * An item's place in a merge of several sources: for each source, how many of that source's
 * items come strictly before it (`null` = "all of them", the source's end, used when that
 * source's total was unknown), and the key of the item's own source.
 */
export interface MergedPosition {
  offsets: Record<string, number | null>;
  source: string;
}

/** What a cursor addresses. */
export type CursorPosition = OffsetPosition | MergedPosition;

/** The JSON inside a cursor; short keys keep cursors short. */
interface WireCursor {
  v: number;
  k: string;
  f: string;
  o: number | Record<string, number | null>;
  s?: string;
}

/**
 * An opaque cursor: base64url of `{"v":1,"k":kind,"f":fingerprint,"o":offset}` or, for a
 * merged position, `{..., "o":{source: offset}, "s":source}`. Deterministic: the same
 * position always encodes to the same string.
 */
export function encodeCursor(identity: CursorIdentity, position: CursorPosition): string {
  const wire: WireCursor =
    'offset' in position
      ? { v: CURSOR_VERSION, k: identity.kind, f: identity.fingerprint, o: position.offset }
      : { v: CURSOR_VERSION, k: identity.kind, f: identity.fingerprint, o: sortedOffsets(position.offsets), s: position.source };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

/**
 * Reads a cursor that a client passed as `argumentName`. Throws {@link UserInputError} (naming
 * the argument, saying what to do) when it is not a cursor we issued (bad base64, bad JSON,
 * wrong shape), is of another version, comes from another connection (`kind`), or was
 * issued for other arguments (`fingerprint`: another filter or orderBy). Offsets are
 * non-negative safe integers; the caller still checks which kind of position it expects.
 */
export function decodeCursor(cursor: string, expected: CursorIdentity, argumentName: 'after' | 'before'): CursorPosition {
  const wire = parseWire(cursor);
  if (!wire) throw malformedCursorError(argumentName);
  if (wire.v !== CURSOR_VERSION) {
    throw new UserInputError(`The "${argumentName}" cursor comes from an older version of this API. ${restartAdvice(argumentName)}`, argumentName);
  }
  if (wire.k !== expected.kind) {
    throw new UserInputError(
      `The "${argumentName}" cursor belongs to another connection. Pass a cursor from this connection's edges or pageInfo, or ${omitAdvice(argumentName)}.`,
      argumentName,
    );
  }
  if (wire.f !== expected.fingerprint) {
    throw new UserInputError(
      `The "${argumentName}" cursor was issued for different arguments (another filter or orderBy). Keep the arguments the cursor was issued for, or ${omitAdvice(argumentName)}.`,
      argumentName,
    );
  }
  return typeof wire.o === 'number' ? { offset: wire.o } : { offsets: wire.o, source: wire.s ?? '' };
}

/** The error for a cursor that is not one of ours, or not one this connection can use. */
export function malformedCursorError(argumentName: 'after' | 'before'): UserInputError {
  return new UserInputError(
    `The "${argumentName}" cursor is not valid here. Pass a cursor exactly as this connection returned it (an edge's cursor, or pageInfo.startCursor/endCursor), or ${omitAdvice(argumentName)}.`,
    argumentName,
  );
}

function omitAdvice(argumentName: 'after' | 'before'): string {
  return argumentName === 'after' ? 'omit "after" to start from the beginning' : 'omit "before" to start from the end';
}

function restartAdvice(argumentName: 'after' | 'before'): string {
  return `Start paging again: ${omitAdvice(argumentName)}.`;
}

function sortedOffsets(offsets: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(offsets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// null unless `cursor` is canonical base64url of a well-shaped WireCursor.
function parseWire(cursor: string): WireCursor | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  // Node ignores stray trailing bits; re-encoding catches tampered or truncated input.
  if (bytes.toString('base64url') !== cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const { v, k, f, o, s } = parsed;
  if (typeof v !== 'number' || typeof k !== 'string' || typeof f !== 'string') return null;
  if (isOffset(o)) return s === undefined ? { v, k, f, o } : null;
  if (!isRecord(o) || typeof s !== 'string' || !isOffset(o[s])) return null;
  const offsets: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(o)) {
    if (value !== null && !isOffset(value)) return null;
    offsets[key] = value;
  }
  return { v, k, f, o: offsets, s };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
