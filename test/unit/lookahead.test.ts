import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selects } from '../../src/resolvers/lookahead.js';

const schema = buildSchema(`
  type Track { name: String }
  type Session { name: String tracks: [Track] }
  type Edge { node: Session }
  type Connection { edges: [Edge] }
  type Query { sessions: Connection }
`);

/** What `selects(info, ['edges', 'node', 'tracks'])` says inside the first `sessions` resolver of `document`. */
function asksForTracks(document: string, variables: Record<string, unknown> = {}): boolean {
  let answer: boolean | undefined;
  execute({
    schema,
    document: parse(document),
    variableValues: variables,
    rootValue: {
      sessions: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer ??= selects(info, ['edges', 'node', 'tracks']);
        return null;
      },
    },
  });
  if (answer === undefined) throw new Error('the sessions resolver did not run');
  return answer;
}

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
