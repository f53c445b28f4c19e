import { describe, expect, it } from 'vitest';

import { decodeCursor, encodeCursor, fingerprint } from '../../src/connections/index.js';
import { badInput } from './fakes.js';

const identity = { kind: 'Query.sessions', fingerprint: fingerprint({ filter: { day: 1 } }) };

describe('cursors', () => {
  it('round-trip offsets and merged positions as short base64url', () => {
    const single = encodeCursor(identity, { offset: 42 });
    expect(single).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(single, identity, 'after')).toEqual({ offset: 42 });
    const merged = encodeCursor(identity, { offsets: { p: 3, g: null }, source: 'p' });
    expect(decodeCursor(merged, identity, 'before')).toEqual({ offsets: { g: null, p: 3 }, source: 'p' });
    // Deterministic, whatever the key order it was built with.
    expect(encodeCursor(identity, { offsets: { g: null, p: 3 }, source: 'p' })).toBe(merged);
    expect(merged.length).toBeLessThan(100);
  });

  it('refuse what is not a cursor of this connection, naming the argument', async () => {
    const check = (cursor: string, argumentName: 'after' | 'before') =>
      badInput(
        Promise.resolve().then(() => decodeCursor(cursor, identity, argumentName)),
        argumentName,
      );
    await check('%%%', 'after');
    await check('x'.repeat(5000), 'before');
    await check(Buffer.from('[1,2]').toString('base64url'), 'after');
    const wire = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    await check(wire({ v: 1, k: identity.kind, f: identity.fingerprint, o: 1.5 }), 'after');
    await check(wire({ v: 1, k: identity.kind, f: identity.fingerprint, o: { g: 1 }, s: 'p' }), 'after'); // own source missing
    await check(wire({ v: 1, k: identity.kind, f: identity.fingerprint, o: { g: null }, s: 'g' }), 'after'); // own source has no offset
    await check(wire({ v: 1, k: identity.kind, f: identity.fingerprint, o: 1, s: 'g' }), 'after');
    expect((await check(wire({ v: 0, k: identity.kind, f: identity.fingerprint, o: 1 }), 'before')).message).toMatch(/version/);
  });
});

describe('fingerprint', () => {
  it('is short, stable under key order and blind to undefined properties', () => {
    const a = fingerprint({ field: 'sessions', filter: { day: 1, track: 'x' }, orderBy: ['START_TIME'] });
    const b = fingerprint({ orderBy: ['START_TIME'], filter: { track: 'x', day: 1, room: undefined }, field: 'sessions' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });

  it('tells different filters, orders and fields apart', () => {
    const base = { field: 'sessions', filter: { day: 1 }, orderBy: ['START_TIME'] };
    const variants = [
      base,
      { ...base, filter: { day: 2 } },
      { ...base, filter: { day: '1' } },
      { ...base, filter: null },
      { ...base, orderBy: ['TITLE'] },
      { ...base, orderBy: ['START_TIME', 'TITLE'] },
      { ...base, field: 'Track.sessions' },
    ];
    expect(new Set(variants.map(fingerprint)).size).toBe(variants.length);
  });
});
