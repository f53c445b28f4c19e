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

/** What `operationFieldNames(info)` gives inside every `sessions` resolver of `document`. */
function namesIn(document: string, variables: Record<string, unknown> = {}): string[][] {
  const answers: string[][] = [];
  execute({
    schema,
    document: parse(document),
    variableValues: variables,
    rootValue: {
      sessions: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answers.push([...operationFieldNames(info)].sort());
        return null;
      },
    },
  });
  return answers;
}

describe('operationFieldNames', () => {
  it('names every field of the whole operation, not only below the resolved one, by name not alias', () => {
    expect(namesIn('{ a: sessions { edges { node { name } } } b: sessions { edges { node { d: description } } } }')).toStrictEqual([
      ['description', 'edges', 'name', 'node', 'sessions'],
      ['description', 'edges', 'name', 'node', 'sessions'],
    ]);
  });

  it('looks through fragments, whatever their type condition, and honours @skip/@include', () => {
    expect(namesIn('{ sessions { ...C } } fragment C on Connection { edges { ... on Edge { node { ...S } } } } fragment S on Session { description }')).toStrictEqual([
      ['description', 'edges', 'node', 'sessions'],
    ]);
    const query = 'query($d: Boolean!) { sessions { edges { node { name description @include(if: $d) ...T @skip(if: $d) } } } } fragment T on Session { tracks { name } }';
    expect(namesIn(query, { d: false })).toStrictEqual([['edges', 'name', 'node', 'sessions', 'tracks']]);
    expect(namesIn(query, { d: true })).toStrictEqual([['description', 'edges', 'name', 'node', 'sessions']]);
  });
});
