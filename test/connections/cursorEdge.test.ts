import { describe, expect, it } from 'vitest';

import { CursorEdge } from '../../src/connections/cursorEdge.js';
import { decodeCursor, encodeCursor, type CursorIdentity } from '../../src/connections/index.js';

// Edges encode their cursor when it is read; what a client gets is the same cursor an
// eager encoding gave, and it decodes to the edge's position.

const identity: CursorIdentity = { kind: 'Query.sessions', fingerprint: 'f1' };

describe('CursorEdge', () => {
  it('reads as the cursor encodeCursor makes, for offset and merged positions', () => {
    const merged = { offsets: { planstone: 4, guidebook: null }, source: 'planstone' };
    const edges = [new CursorEdge('a', identity, { offset: 7 }), new CursorEdge('b', identity, merged)];
    expect(edges.map((edge) => edge.cursor)).toEqual([encodeCursor(identity, { offset: 7 }), encodeCursor(identity, merged)]);
    expect(decodeCursor(edges[1]!.cursor, identity, 'after')).toEqual(merged);
    expect(edges[1]!.cursor).toBe(edges[1]!.cursor);
    expect(edges.map((edge) => edge.node)).toEqual(['a', 'b']);
  });

  it('keeps node and cursor readable by property, as a resolver-less field reads them', () => {
    const edge = new CursorEdge({ id: 1 }, identity, { offset: 0 });
    const read = (object: object, field: string) => (object as Record<string, unknown>)[field];
    expect(read(edge, 'node')).toEqual({ id: 1 });
    expect(read(edge, 'cursor')).toBe(encodeCursor(identity, { offset: 0 }));
  });
});
