import { compareBson } from './bsonCompare.js';

/** `[field, 1 | -1]` pairs, most significant first. */
export type SortSpec = [field: string, direction: 1 | -1][];

/**
 * Parses `sort` as Eve does (`_convert_sort_request_to_dict`): first as a Python literal
 * (`[("startDate", 1), ("rstartmins", -1)]`), else as the comma form (`-startDate,sessionName`).
 * Undefined when Eve would answer 400 (not valid Python, or a literal that is not a list of
 * (field, ±1) pairs).
 */
export function parseSort(raw: string): SortSpec | undefined {
  const literal = parsePythonLiteral(raw);
  if (literal.kind === 'literal') return toSpec(literal.value);
  if (literal.kind === 'syntax-error') return undefined;
  const spec: SortSpec = [];
  for (const part of raw.split(',').map((s) => s.trim())) {
    if (part === '') return undefined;
    spec.push(part.startsWith('-') ? [part.slice(1), -1] : [part, 1]);
  }
  return spec;
}

/** Mongo-ordered copy of `documents`; ties keep natural order. */
export function sortDocuments<T extends Record<string, unknown>>(documents: readonly T[], spec: SortSpec): T[] {
  if (spec.length === 0) return [...documents];
  const keyed = documents.map((document) => ({ document, keys: spec.map(([field, direction]) => sortKey(document, field, direction)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const order = compareBson(a.keys[i], b.keys[i]) * spec[i]![1];
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map((k) => k.document);
}

/** The value Mongo sorts a document by: for arrays, the smallest element ascending, the largest descending. */
function sortKey(document: unknown, path: string, direction: 1 | -1): unknown {
  const values = collect(document, path.split('.'));
  if (values.length === 0) return null;
  if (values.length === 1 && !Array.isArray(values[0])) return values[0];
  const flat = values.flatMap((v) => (Array.isArray(v) ? (v.length === 0 ? [undefined] : v) : [v]));
  return flat.reduce((best, v) => (compareBson(v, best) * direction < 0 ? v : best));
}

function collect(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((element) => collect(element, path));
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = path;
  const next = (value as Record<string, unknown>)[head!];
  return next === undefined ? [] : collect(next, rest);
}

function toSpec(value: unknown): SortSpec | undefined {
  const pairs = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.entries(value) : undefined;
  if (!pairs) return undefined;
  const spec: SortSpec = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [field, direction] = pair as [unknown, unknown];
    if (typeof field !== 'string' || (direction !== 1 && direction !== -1)) return undefined;
    spec.push([field, direction]);
  }
  return spec;
}

type LiteralResult = { kind: 'literal'; value: unknown } | { kind: 'not-literal' } | { kind: 'syntax-error' };

/**
 * Enough of Python's `ast.literal_eval` for sort specs: lists, tuples, dicts, strings,
 * integers. Text made only of (dotted) names, `-` and commas is valid Python but not a literal
 * (Eve then falls back to the comma form); anything else is a syntax error.
 */
function parsePythonLiteral(text: string): LiteralResult {
  const source = text.trim();
  let at = 0;
  const skip = () => {
    while (at < source.length && /\s/.test(source[at]!)) at++;
  };
  const value = (): unknown => {
    skip();
    const ch = source[at];
    if (ch === '[' || ch === '(') {
      const close = ch === '[' ? ']' : ')';
      at++;
      const items: unknown[] = [];
      skip();
      while (source[at] !== close) {
        items.push(value());
        skip();
        if (source[at] === ',') at++;
        else if (source[at] !== close) throw new SyntaxError('expected , or close');
        skip();
      }
      at++;
      return items;
    }
    if (ch === '{') {
      at++;
      const entries: [unknown, unknown][] = [];
      skip();
      while (source[at] !== '}') {
        const key = value();
        skip();
        if (source[at++] !== ':') throw new SyntaxError('expected :');
        entries.push([key, value()]);
        skip();
        if (source[at] === ',') at++;
        else if (source[at] !== '}') throw new SyntaxError('expected , or }');
        skip();
      }
      at++;
      return Object.fromEntries(entries.map(([k, v]) => [String(k), v]));
    }
    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, at + 1);
      if (end < 0) throw new SyntaxError('unterminated string');
      const text = source.slice(at + 1, end);
      at = end + 1;
      return text;
    }
    const number = /^[+-]?\d+/.exec(source.slice(at));
    if (number) {
      at += number[0].length;
      return Number(number[0]);
    }
    throw new SyntaxError('not a literal');
  };
  try {
    const parsed = value();
    skip();
    if (at !== source.length) throw new SyntaxError('trailing text');
    return { kind: 'literal', value: parsed };
  } catch {
    const namesOnly = /^\s*-?\s*[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*\s*(,\s*-?\s*[A-Za-z_]\w*(\.[A-Za-z_]\w*)*\s*)*$/.test(source);
    return namesOnly ? { kind: 'not-literal' } : { kind: 'syntax-error' };
  }
}
