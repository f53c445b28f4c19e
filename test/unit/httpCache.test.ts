import {
  buildSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';

import { createSchema } from '../../src/schema.js';
import { schemaCacheHints } from '../../src/server/httpCache/cacheHints.js';
import { operationCachePolicy } from '../../src/server/httpCache/operationCachePolicy.js';
import { providerMaxAges, TYPE_PROVIDERS, typeMaxAges } from '../../src/server/httpCache/typeMaxAges.js';

function policy(schema: GraphQLSchema, source: string, defaults: Record<string, number> = {}, fallbackMaxAge = 5) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return operationCachePolicy({
    schema,
    hints: schemaCacheHints(schema),
    operation,
    fragments,
    defaultMaxAge: (type: GraphQLNamedType) => defaults[type.name],
    fallbackMaxAge,
  });
}

describe("the gateway's schema", () => {
  const schema = createSchema();
  const hints = schemaCacheHints(schema);

  it('gives every object and interface type a query can reach a maxAge: its own, inherited, or its providers’ TTL', () => {
    const seen = new Set<GraphQLNamedType>();
    const visit = (type: GraphQLNamedType) => {
      if (seen.has(type) || !(isObjectType(type) || isInterfaceType(type))) return;
      seen.add(type);
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
      for (const implementation of isInterfaceType(type) ? schema.getPossibleTypes(type) : []) visit(implementation);
    };
    visit(schema.getQueryType()!);
    seen.delete(schema.getQueryType()!);
    const uncovered = [...seen]
      .filter((type) => hints.type(type)?.maxAge === undefined && !hints.type(type)?.inheritMaxAge && !(type.name in TYPE_PROVIDERS))
      .map((type) => type.name);
    expect(seen.size).toBeGreaterThan(10);
    expect(uncovered).toEqual([]);
  });

  it('marks attendee and personalized-schedule data PRIVATE, and sessions public', () => {
    for (const name of ['Attendee', 'AttendeeConnection', 'PersonalizedSchedule', 'PersonalizedScheduleConnection'])
      expect(hints.type(schema.getType(name)!)?.scope).toBe('PRIVATE');
    expect(hints.type(schema.getType('Session')!)?.scope).toBeUndefined();
    const defaults = Object.fromEntries(typeMaxAges({ guidebook: 60, roundware: 15, planstone: 300 }));
    expect(policy(schema, '{ sessions { edges { node { name speakers { speaker { displayName } } } } } }', defaults)).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(policy(schema, '{ tracks { edges { node { sessions { edges { node { guide { name } } } } } } } }', defaults)).toEqual({
      maxAge: 60,
      scope: 'PUBLIC',
    });
    expect(policy(schema, '{ speakers { totalCount } }', defaults)).toEqual({ maxAge: 300, scope: 'PUBLIC' });
    expect(policy(schema, '{ personalizedSchedules { edges { node { sessions { totalCount } } } } }', defaults)).toEqual({ maxAge: 60, scope: 'PRIVATE' });
    expect(policy(schema, '{ nodes(ids: []) { ... on PersonalizedSchedule { name } } }', defaults)).toEqual({ maxAge: 15, scope: 'PRIVATE' });
    expect(policy(schema, 'mutation { deleteTrack(input: { id: "x" }) { clientMutationId } }', defaults).maxAge).toBe(0);
  });
});

describe('providerMaxAges', () => {
  it('is each provider’s TTL in whole seconds, shortened by a shorter resource override; a switched-off provider is left out', () => {
    const ages = providerMaxAges({
      cacheTtlMs: { guidebook: 60_000, roundware: 15_500, planstone: 300_000 },
      caching: { ttlByResource: { guidebook: {}, roundware: {}, planstone: { speakers: 120_000 } } } as never,
      guidebook: {} as never,
      roundware: null,
      planstone: {} as never,
    });
    expect(ages).toEqual({ guidebook: 60, planstone: 120 });
    expect(typeMaxAges(ages).get('ClientSession')).toBe(0);
    expect(typeMaxAges(ages).get('Session')).toBe(60);
  });
});

describe("Apollo's @cacheControl rules, statically", () => {
  const schema = buildSchema(`
    enum CacheControlScope { PUBLIC PRIVATE }
    directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
    type Query { book: Book, hinted: Book @cacheControl(maxAge: 7), secret: String @cacheControl(scope: PRIVATE), plain: String, wrap: Wrapper, raw: Raw }
    type Book @cacheControl(maxAge: 30) { title: String, author: Author, stale: String @cacheControl(maxAge: 2) }
    type Author { name: String }
    type Wrapper @cacheControl(inheritMaxAge: true) { book: Book, count: Int }
    type Raw { x: Int }
  `);

  it('a field hint wins over its type’s; scalars restrict nothing unless hinted; a type without a maxAge takes its default, else 0', () => {
    expect(policy(schema, '{ book { title } }')).toEqual({ maxAge: 30, scope: 'PUBLIC' });
    expect(policy(schema, '{ hinted { title } }')).toEqual({ maxAge: 7, scope: 'PUBLIC' });
    expect(policy(schema, '{ book { stale } }')).toEqual({ maxAge: 2, scope: 'PUBLIC' });
    expect(policy(schema, '{ book { author { name } } }', { Author: 12 })).toEqual({ maxAge: 12, scope: 'PUBLIC' });
    expect(policy(schema, '{ book { author { name } } }')).toEqual({ maxAge: 0, scope: 'PUBLIC' });
    expect(policy(schema, '{ plain secret }')).toEqual({ maxAge: 5, scope: 'PRIVATE' });
    expect(policy(schema, '{ wrap { count book { title } } }')).toEqual({ maxAge: 30, scope: 'PUBLIC' });
    expect(policy(schema, '{ raw { x } }')).toEqual({ maxAge: 0, scope: 'PUBLIC' });
  });

  it('follows named fragments (once) and inline fragments; introspection is never cacheable', () => {
    expect(policy(schema, '{ ...F ...F } fragment F on Query { book { ... on Book { stale } } }')).toEqual({ maxAge: 2, scope: 'PUBLIC' });
    expect(policy(schema, '{ __typename }')).toEqual({ maxAge: 5, scope: 'PUBLIC' });
    expect(policy(schema, '{ __type(name: "Book") { name } }').maxAge).toBe(0);
  });
});
