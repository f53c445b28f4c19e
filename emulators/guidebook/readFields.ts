import type { BodyInput } from './bodyInput.js';
import type { FieldResult } from './fields.js';
import type { ValidationErrors } from './responses.js';

/** One writable serializer field. */
export interface FieldSpec<T> {
  parse: (raw: unknown) => FieldResult<T>;
  /** "This field is required." on create when absent. */
  required?: boolean;
  /** null accepted (a form's empty string means null). */
  nullable?: boolean;
  /** A many-field: form input reads every value of the repeated key. */
  list?: boolean;
  /** A string field whose empty form value stays `''`. */
  allowBlank?: boolean;
}

export type FieldSpecs = Record<string, FieldSpec<unknown>>;

/** The values a serializer accepted: present keys only; null where null was sent. */
export type FieldValues<S extends FieldSpecs> = { [K in keyof S]?: S[K] extends FieldSpec<infer T> ? T | null : never };

const EMPTY = Symbol('empty');

/**
 * Runs every field of a DRF serializer over the input, collecting each field's first
 * error: absent fields are skipped on PATCH (`partial`) and "This field is required."
 * on create when required; null is "This field may not be null." unless nullable; then
 * the field's own parsing and validators. Unknown keys are ignored, as DRF does.
 */
export function readFields<S extends FieldSpecs>(input: BodyInput, specs: S, partial: boolean): { values: FieldValues<S>; errors: ValidationErrors } {
  const values: Record<string, unknown> = {};
  const errors: ValidationErrors = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = getValue(input, name, spec, partial);
    if (raw === EMPTY) {
      if (!partial && spec.required) errors[name] = ['This field is required.'];
      continue;
    }
    if (raw === null || raw === undefined) {
      if (spec.nullable) values[name] = null;
      else errors[name] = ['This field may not be null.'];
      continue;
    }
    const result = spec.parse(raw);
    if (result.ok) values[name] = result.value;
    else errors[name] = [result.error];
  }
  return { values: values as FieldValues<S>, errors };
}

// DRF Field.get_value / ManyRelatedField.get_value for HTML (form) and JSON input.
function getValue(input: BodyInput, name: string, spec: FieldSpec<unknown>, partial: boolean): unknown {
  if (!input.html) return input.has(name) ? input.value(name) : EMPTY;
  if (spec.list) {
    if (!input.has(name) && partial) return EMPTY;
    return input.list(name);
  }
  if (!input.has(name)) return EMPTY;
  const value = input.value(name);
  if (value === '') {
    if (spec.nullable) return spec.allowBlank ? '' : null;
    if (!spec.required) return spec.allowBlank ? '' : EMPTY;
  }
  return value;
}

/** True when a 400 body has at least one field error. */
export function hasErrors(errors: ValidationErrors): boolean {
  return Object.keys(errors).length > 0;
}
