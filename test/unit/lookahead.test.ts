import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';

import { operationFieldNames, selects } from '../../src/resolvers/lookahead.js';

const schema = buildSchema(`
  type Track { name: String }
  type Session { name: String description: String tracks: [Track] }
  type Edge { node: Session }
  type Connection { edges: [Edge] }
  type Query { sessions: Connection }
`);

/** Runs `document` and gives what `probe` answered inside each `sessions` resolver, in order. */
function insideSessions<T>(document: string, variables: Record<string, unknown>, probe: (info: GraphQLResolveInfo) => T): T[] {
  const answers: T[] = [];
  execute({
    schema,
    document: parse(document),
    variableValues: variables,
    rootValue: {
      sessions: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answers.push(probe(info));
        return null;
      },
    },
  });
  if (answers.length === 0) throw new Error('the sessions resolver did not run');
  return answers;
}

/** What `selects(info, ['edges', 'node', 'tracks'])` says inside the first `sessions` resolver of `document`. */
const asksForTracks = (document: string, variables: Record<string, unknown> = {}): boolean =>
  insideSessions(document, variables, (info) => selects(info, ['edges', 'node', 'tracks']))[0]!;

describe('selects', () => {
  it('finds a field below the resolved one, under aliases', () => {
    expect(asksForTracks('{ sessions { edges { node { tracks { name } } } } }')).toBe(true);
    expect(asksForTracks('{ s: sessions { e: edges { n: node { t: tracks { name } } } } }')).toBe(true);
    expect(asksForTracks('{ sessions { edges { node { name } } } }')).toBe(false);
    expect(asksForTracks('{ sessions { edges { node { name } } } other: sessions { edges { node { tracks { name } } } } }')).toBe(false);
  });

  it('looks through inline and named fragments', () => {
    expect(asksForTracks('{ sessions { edges { ... on Edge { node { ...S } } } } } fragment S on Session { tracks { name } }')).toBe(true);
    expect(asksForTracks('{ sessions { ...C } } fragment C on Connection { edges { node { ...S } } } fragment S on Session { name }')).toBe(false);
  });

  it('honours @skip and @include, with literals and variables', () => {
    expect(asksForTracks('{ sessions { edges { node { tracks @skip(if: true) { name } } } } }')).toBe(false);
    expect(asksForTracks('query($t: Boolean!) { sessions { edges { node { tracks @include(if: $t) { name } } } } }', { t: false })).toBe(false);
    expect(asksForTracks('query($t: Boolean!) { sessions { edges { node { tracks @include(if: $t) { name } } } } }', { t: true })).toBe(true);
    expect(asksForTracks('query($s: Boolean!) { sessions { edges { ... @skip(if: $s) { node { tracks { name } } } } } }', { s: true })).toBe(false);
  });
});

/** What `operationFieldNames(info)` gives inside every `sessions` resolver of `document`. */
const namesIn = (document: string, variables: Record<string, unknown> = {}): string[][] =>
  insideSessions(document, variables, (info) => [...operationFieldNames(info)].sort());

describe('operationFieldNames', () => {
  it('names every field of the whole operation, not only below the resolved one, by name not alias', () => {
    expect(namesIn('{ a: sessions { edges { node { name } } } b: sessions { edges { node { d: description } } } }')).toStrictEqual([
      ['description', 'edges', 'name', 'node', 'sessions'],
      ['description', 'edges', 'name', 'node', 'sessions'],
    ]);
  });

  it('looks through fragments, whatever their type condition, and honours @skip/@include', () => {
    expect(
      namesIn('{ sessions { ...C } } fragment C on Connection { edges { ... on Edge { node { ...S } } } } fragment S on Session { description }'),
    ).toStrictEqual([['description', 'edges', 'node', 'sessions']]);
    const query =
      'query($d: Boolean!) { sessions { edges { node { name description @include(if: $d) ...T @skip(if: $d) } } } } fragment T on Session { tracks { name } }';
    expect(namesIn(query, { d: false })).toStrictEqual([['edges', 'name', 'node', 'sessions', 'tracks']]);
    expect(namesIn(query, { d: true })).toStrictEqual([['description', 'edges', 'name', 'node', 'sessions']]);
  });
});
