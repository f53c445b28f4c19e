import fc from 'fast-check';

import { toGlobalId, type NodeType } from '../../src/ids/globalId.js';
import { PROVIDER_NAMES } from '../../src/providers.js';

/**
 * Hostile and edge values for the gateway's arguments, shared by `npm test` (test/fuzz/)
 * and `npm run fuzz` (scripts/fuzz.ts).
 */

/** Strings a careless gateway mishandles: empty, huge, emoji, right-to-left, NUL, lone surrogates, markup. */
export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  'a'.repeat(10_000),
  '🎉👩‍💻🏳️‍🌈',
  'مرحبا بالعالم',
  '\u202eevil\u202c',
  'nul\u0000byte',
  '\u0000',
  '\udc00',
  '\ud800',
  'a\ud83dz',
  '\r\n\t',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"$ne":null}',
  '../../etc/passwd',
  '%00%2e%2e',
  '${jndi:ldap://x}',
  '-1',
  '1e2',
  'NaN',
  'null',
];

/** Numbers at and beyond every range the schema states (`first` 0–100, 32-bit Int, floats for ints). */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -1,
  1,
  100,
  101,
  -100,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e20,
  1.5,
  -0.5,
  1e-7,
];

const NODE_TYPES: readonly NodeType[] = ['Session', 'Track', 'Guide', 'Attendee', 'PersonalizedSchedule', 'Speaker', 'ClientSession'];

/** Source ids that look numeric to one reader and not to another. */
const ODD_SOURCE_IDS = ['0', '-1', '1', '42', '999999999999', 'abc', ' 1', '1 ', '0x10', '%2e', ':', '1:2', '🎉'];

/** Global ids of every type and provider, with sensible and odd source ids (foreign for most arguments). */
export const globalIdArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...NODE_TYPES), fc.constantFrom(...PROVIDER_NAMES), fc.oneof(fc.constantFrom(...ODD_SOURCE_IDS), fc.nat({ max: 3_000 }).map(String)))
  .map(([type, provider, sourceId]) => toGlobalId(type, provider, sourceId));

/** Things that are not global ids at all: random base64, wrong alphabets, missing parts. */
export const malformedIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '=',
    '!!!',
    'U2Vzc2lvbg',
    Buffer.from('Session:guidebook:').toString('base64url'),
    Buffer.from('Nope:guidebook:1').toString('base64url'),
    Buffer.from('Session:nope:1').toString('base64url'),
    'U2Vzc2lvbjpndWlkZWJvb2s6MQ==',
  ),
  fc.string({ maxLength: 40 }).map((text) => Buffer.from(text, 'utf8').toString('base64url')),
  fc.string({ maxLength: 20 }),
);

/** Cursors the gateway never issued: base64 of random JSON, of nothing, of other cursors' shapes. */
export const bogusCursorArb: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8').toString('base64url')),
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8').toString('base64')),
  fc.constantFrom('', 'v1:', 'djE6', 'eyJ9', 'bnVsbA'),
  fc.string({ maxLength: 30 }),
);

/** Any string: mostly edge cases, then random unicode (lone surrogates included), then ids and cursors. */
export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) }) },
  { weight: 1, arbitrary: globalIdArb },
  { weight: 1, arbitrary: malformedIdArb },
  { weight: 1, arbitrary: bogusCursorArb },
);

/** Any number: edge cases first, then random integers and doubles (never NaN or ±Infinity, which JSON cannot carry). */
export const hostileNumberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);
