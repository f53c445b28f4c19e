import siftModule from 'sift';

import { parsePythonWhere } from './pythonWhere.js';

// sift is CommonJS: under Node's ESM loader only its default export (module.exports) exists.
const { default: sift, createEqualsOperation } = siftModule;
type SiftOptions = Parameters<typeof createEqualsOperation>[2];

/** A parsed `where`: the Mongo query and a tester for documents, or why Eve would answer 400. */
export type WhereResult = { ok: true; query: Record<string, unknown>; matches: (document: unknown) => boolean } | { ok: false; message: string | undefined };

/** Every operator Eve's Mongo layer knows (`Mongo.operators`); anything else is a 400. */
const EVE_OPERATORS = new Set([
  '$gt',
  '$gte',
  '$in',
  '$lt',
  '$lte',
  '$ne',
  '$nin',
  '$eq',
  '$or',
  '$and',
  '$not',
  '$nor',
  '$mod',
  '$regex',
  '$text',
  '$where',
  '$options',
  '$search',
  '$language',
  '$caseSensitive',
  '$diacriticSensitive',
  '$exists',
  '$type',
  '$geoWithin',
  '$geoIntersects',
  '$near',
  '$nearSphere',
  '$centerSphere',
  '$geometry',
  '$maxDistance',
  '$minDistance',
  '$box',
  '$all',
  '$elemMatch',
  '$size',
  '$bitsAllClear',
  '$bitsAllSet',
  '$bitsAnyClear',
  '$bitsAnySet',
  '$center',
  '$expr',
]);

/** Eve's default `MONGO_QUERY_BLACKLIST`. */
const BLACKLIST = new Set(['$where', '$regex']);

/** Operators the emulator evaluates; the other Eve operators ($text, geo, $expr, bits) are a 400 here. */
const EMULATED = new Set([
  '$gt',
  '$gte',
  '$in',
  '$lt',
  '$lte',
  '$ne',
  '$nin',
  '$eq',
  '$or',
  '$and',
  '$not',
  '$nor',
  '$mod',
  '$exists',
  '$type',
  '$all',
  '$elemMatch',
  '$size',
]);

/** Mongo `$type` aliases and numbers, for the BSON types JSON documents can hold. */
const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  bool: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number',
};
const TYPE_NUMBERS: Record<number, string> = { 1: 'double', 2: 'string', 3: 'object', 4: 'array', 8: 'bool', 10: 'null', 16: 'int', 18: 'long' };

/**
 * Parses `where` as Eve does (`_convert_where_request_to_dict`): Mongo JSON first, else the
 * Python syntax; then `_sanitize` (unknown operators, then the blacklist) and
 * `validate_filters` (`$or`/`$and`/`$nor` need a list of sub-queries). A failure carries
 * the message Eve would show with DEBUG off: undefined (Werkzeug's generic 400 text) except
 * for `validate_filters`, whose message Eve always shows.
 */
export function parseWhere(raw: string): WhereResult {
  let query: unknown;
  try {
    query = JSON.parse(raw);
  } catch {
    query = parsePythonWhere(raw);
    if (query === undefined) return { ok: false, message: undefined };
  }
  // Eve would crash (500) on a JSON scalar or array; a 400 is the useful answer.
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return { ok: false, message: undefined };

  const sanitized = sanitize(query);
  if (sanitized !== undefined) return { ok: false, message: sanitized || undefined };
  const filterError = validateFilters(query as Record<string, unknown>);
  if (filterError) return { ok: false, message: filterError };

  try {
    const tester = sift(query as never, { operations: { $type: typeOperation } });
    return {
      ok: true,
      query: query as Record<string, unknown>,
      matches: (document) => tester(document),
    };
  } catch {
    return { ok: false, message: undefined };
  }
}

/** `''` = 400 with the generic text; undefined = fine. */
function sanitize(spec: unknown): string | undefined {
  if (Array.isArray(spec)) {
    for (const value of spec) {
      const error = sanitize(value);
      if (error !== undefined) return error;
    }
    return undefined;
  }
  if (spec === null || typeof spec !== 'object') return undefined;
  const keys = Object.keys(spec);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.some((op) => !EVE_OPERATORS.has(op))) return '';
  if (keys.some((key) => BLACKLIST.has(key))) return '';
  if (operators.some((op) => !EMULATED.has(op))) return '';
  for (const value of Object.values(spec)) {
    const error = sanitize(value);
    if (error !== undefined) return error;
  }
  return undefined;
}

function validateFilters(filter: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and' || key === '$nor') {
      if (!Array.isArray(value)) return `operator '${key}' expects a list of sub-queries`;
      for (const sub of value) {
        if (sub === null || typeof sub !== 'object' || Array.isArray(sub)) return `operator '${key}' expects a list of sub-queries`;
        const error = validateFilters(sub as Record<string, unknown>);
        if (error) return error;
      }
    }
  }
  return undefined;
}

/** Mongo's `$type` (sift's own only knows JS class names and a few aliases). */
function typeOperation(params: unknown, ownerQuery: unknown, options: SiftOptions) {
  const alias = typeof params === 'number' ? TYPE_NUMBERS[params] : typeof params === 'string' ? params : undefined;
  const test = alias === undefined ? undefined : TYPE_TESTS[alias];
  if (!test) throw new Error(`unsupported $type ${String(params)}`);
  return createEqualsOperation(test, ownerQuery, options);
}

/**
 * Whether a query pins a field with a top-level condition (directly or inside a top-level
 * `$and`), the way the docs' required `{"account": ..., "conference": ...}` does.
 */
export function constrains(query: Record<string, unknown>, field: string): boolean {
  if (field in query) return true;
  const and = query.$and;
  return Array.isArray(and) && and.some((sub) => sub !== null && typeof sub === 'object' && constrains(sub as Record<string, unknown>, field));
}

/**
 * The string a query requires a field to equal, when a top-level condition (directly or
 * inside a top-level `$and`) is a plain string or `{"$eq": string}`; undefined otherwise.
 * Lets the feed narrow to one conference's documents before matching (same answer).
 */
export function pinnedString(query: Record<string, unknown>, field: string): string | undefined {
  const direct = query[field];
  if (typeof direct === 'string') return direct;
  if (direct !== null && typeof direct === 'object' && !Array.isArray(direct)) {
    const keys = Object.keys(direct);
    const eq = (direct as Record<string, unknown>).$eq;
    if (keys.length === 1 && typeof eq === 'string') return eq;
  }
  const and = query.$and;
  if (!Array.isArray(and)) return undefined;
  for (const sub of and) {
    if (sub === null || typeof sub !== 'object') continue;
    const pinned = pinnedString(sub as Record<string, unknown>, field);
    if (pinned !== undefined) return pinned;
  }
  return undefined;
}
