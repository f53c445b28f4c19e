import { Kind, parse, visit, type DirectiveNode, type DocumentNode } from 'graphql';

import type { NodeType } from '../ids/globalId.js';

/**
 * The entities this subgraph offers a supergraph, each keyed by its global `id` (which
 * already names the provider and the provider's id, so one field is a complete key).
 */
export const ENTITY_TYPES: readonly NodeType[] = ['Session', 'Track', 'Attendee', 'Speaker', 'ClientSession', 'Guide', 'PersonalizedSchedule'];

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

const KEY: DirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'key' },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: 'id' } }],
};

/**
 * The gateway's SDL as a Federation v2 subgraph document: the `@link` to the federation
 * spec, and `@key(fields: "id")` on the definition of every entity. `schema/` itself stays
 * plain GraphQL.
 */
export function federatedTypeDefs(typeDefs: string[]): DocumentNode {
  const entities = new Set<string>(ENTITY_TYPES);
  return visit(parse([...typeDefs, FEDERATION_LINK].join('\n')), {
    ObjectTypeDefinition(node) {
      return entities.has(node.name.value) ? { ...node, directives: [KEY, ...(node.directives ?? [])] } : undefined;
    },
  });
}
