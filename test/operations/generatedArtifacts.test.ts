import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

import { configVariables, renderConfigReference, renderEnvExample, undocumentedVariables } from '../../scripts/configReference.js';
import { CONFIG_REFERENCE_PATH, ENV_EXAMPLE_PATH } from '../../scripts/docsConfig.js';
import { PRINTED_SCHEMA_PATH, renderPrintedSchema } from '../../scripts/printSchema.js';
import { loadOperationManifest } from '../../src/persistedOperations/operationManifest.js';
import { projectRoot } from '../../src/projectRoot.js';

// Committed files generated from the sources: each must match what its command prints now.

describe('generated artifacts are current', () => {
  it('schema.graphql is the schema printed from schema/ (run `npm run schema:print` after changing schema/)', () => {
    expect(readFileSync(PRINTED_SCHEMA_PATH, 'utf8')).toBe(renderPrintedSchema());
  });

  it('every environment variable the gateway reads has a description in CONFIG_VARIABLES (src/config/variables.ts)', () => {
    expect(undocumentedVariables()).toEqual([]);
  });

  it('docs/configuration.md is current (run `npm run docs:config` after changing src/config/)', () => {
    expect(readFileSync(CONFIG_REFERENCE_PATH, 'utf8')).toBe(renderConfigReference());
  });

  it('.env.example lists every variable and is current (run `npm run docs:config`)', () => {
    const example = readFileSync(ENV_EXAMPLE_PATH, 'utf8');
    expect(example).toBe(renderEnvExample());
    for (const { name } of configVariables()) expect(example).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
  });

  it('the persisted-operations manifest holds every operation of examples/operations (run `npm run codegen`)', () => {
    const dir = path.join(projectRoot(), 'examples', 'operations');
    const names = readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => parse(readFileSync(path.join(dir, file), 'utf8')).definitions)
      .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
    expect(names.length).toBeGreaterThanOrEqual(7);
    const manifestPath = path.join(projectRoot(), 'examples', 'generated', 'persisted-documents.json');
    const manifest = loadOperationManifest(manifestPath);
    const raw = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
    const inManifest = Object.values(raw).flatMap((document) =>
      parse(document).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])),
    );
    expect(inManifest.sort()).toEqual([...names].sort());
    expect(manifest.size).toBe(names.length);
  });
});
