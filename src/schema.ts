import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';

import { projectRoot } from './projectRoot.js';
import { resolvers } from './resolvers/index.js';

/** The SDL folder, one file per domain area (found from `src/` and from `dist/src/`). */
const SCHEMA_DIR = path.join(projectRoot(), 'schema') + path.sep;

/** All SDL files, in name order (base.graphql defines what the others extend). */
export function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)))
    .map((name) => readFileSync(new URL(name, `file://${dir}`), 'utf8'));
}

/** The executable schema: SDL from schema/, resolvers from src/resolvers. */
export function createSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers, inheritResolversFromInterfaces: true });
}
