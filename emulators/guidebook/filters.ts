import type { ValidationErrors } from './responses.js';

/**
 * One django-filter filter, exact match. `number` filters use django's DecimalField
 * (a non-number is 400 "Enter a number."); `boolean` uses django-filter's BooleanWidget
 * (`true/false/1/0`, any case; anything else means "no filter"); `string` is exact and
 * case-sensitive. An empty value means "no filter". When a key is repeated, the last
 * value is used (QueryDict.get).
 */
export type FilterSpec<T> =
  | { kind: 'number'; read: (record: T) => number | number[] | null }
  | { kind: 'string'; read: (record: T) => string | null | (string | null)[] }
  | { kind: 'boolean'; read: (record: T) => boolean };

export type FilterSet<T> = Record<string, FilterSpec<T>>;

const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Applies every filter present in the query; returns the 400 body when a value is invalid. */
export function applyFilters<T>(records: T[], query: URLSearchParams, filters: FilterSet<T>): T[] | { errors: ValidationErrors } {
  const active: ((record: T) => boolean)[] = [];
  const errors: ValidationErrors = {};
  for (const [name, spec] of Object.entries(filters)) {
    const values = query.getAll(name);
    const raw = values[values.length - 1];
    if (raw === undefined || raw.trim() === '') continue;
    const matcher = buildMatcher(spec, raw.trim());
    if (matcher === 'invalid') errors[name] = ['Enter a number.'];
    else if (matcher) active.push(matcher);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return active.length === 0 ? records : records.filter((record) => active.every((test) => test(record)));
}

function buildMatcher<T>(spec: FilterSpec<T>, raw: string): ((record: T) => boolean) | 'invalid' | undefined {
  switch (spec.kind) {
    case 'number': {
      if (!DECIMAL_RE.test(raw)) return 'invalid';
      const wanted = Number(raw);
      return (record) => {
        const value = spec.read(record);
        return Array.isArray(value) ? value.includes(wanted) : value === wanted;
      };
    }
    case 'string':
      return (record) => {
        const value = spec.read(record);
        return Array.isArray(value) ? value.includes(raw) : value === raw;
      };
    case 'boolean': {
      const wanted = ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[raw.toLowerCase()];
      if (wanted === undefined) return undefined;
      return (record) => spec.read(record) === wanted;
    }
  }
}
