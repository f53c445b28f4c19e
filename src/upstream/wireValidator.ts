import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';

/** A provider answer checked against its wire schema: the answer itself, or where it is wrong. */
export type WireCheck<T> = { ok: true; value: T } | { ok: false; where: string };

// zod describes every wire schema (and gives its types); the answers are checked by that
// schema's JSON Schema compiled with ajv. Measured on Planstone feed pages, zod's parse
// costs more than JSON.parse itself and copies every object (garbage the next GC must
// sweep); ajv checks in place and answers with the very objects JSON.parse built.
// Strict (a schema ajv would have to guess about is refused), with the `type: [a, b]` lists
// that zod writes for unions such as Planstone's string-or-number ids.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
// Compiled once per schema object: the wire schemas are module-level (or memoised) values.
const compiled = new WeakMap<z.ZodType, ValidateFunction>();
let compilations = 0;

function validatorOf(schema: z.ZodType): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // Output mode refuses transforms; input mode lets answers carry fields the schema does not name.
    z.toJSONSchema(schema, { io: 'output' });
    validate = ajv.compile(z.toJSONSchema(schema, { io: 'input' }));
    compiled.set(schema, validate);
    compilations += 1;
  }
  return validate;
}

/**
 * Compiles the checks of `schemas` now — a provider client does it for the answers it
 * reads when it is built — so that the first requests after boot do not pay for it
 * (tens of milliseconds for Planstone's feed page).
 */
export function prepareWire(schemas: readonly z.ZodType[]): void {
  for (const schema of schemas) validatorOf(schema);
}

/** How many wire schemas this process has compiled so far (tests check that boot covers the reads). */
export function wireCompilations(): number {
  return compilations;
}

/**
 * Checks `json` against `schema` without copying it. The schema must be pure shape, no
 * transforms (so that what is checked is what the types say): compiling one that has a
 * transform throws, on its first use.
 */
export function checkWire<T>(schema: z.ZodType<T>, json: unknown): WireCheck<T> {
  const validate = validatorOf(schema);
  if (validate(json)) return { ok: true, value: json as T };
  const error = validate.errors?.[0];
  const path = (error?.instancePath ?? '').split('/').filter(Boolean).join('.');
  return { ok: false, where: `${path || 'body'}: ${error?.message ?? 'unexpected shape'}` };
}
