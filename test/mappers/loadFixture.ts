import { readFileSync } from 'node:fs';

/** A sample payload from `test/fixtures/upstream-docs/`, parsed but untyped, as it would come off the wire. */
export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/upstream-docs/${name}`, import.meta.url), 'utf8'));
}
