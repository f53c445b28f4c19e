/**
 * JSON as Eve's renderer writes it (`simplejson.dumps`): `", "` and `": "` separators,
 * non-ASCII escaped as lowercase `\uXXXX` (ensure_ascii), and with `indent` (Eve's `?pretty`)
 * one value per line. Any JSON parser reads it like `JSON.stringify`'s output.
 */
export function pythonJsonDumps(value: unknown, indent?: number): string {
  return dump(value, indent, 0);
}

function dump(value: unknown, indent: number | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'string') return quote(value);
  const inner = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const outer = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
  const separator = indent === undefined ? ', ' : `,${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${inner}${value.map((v) => dump(v, indent, depth + 1)).join(separator)}${outer}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{${inner}${entries.map(([k, v]) => `${quote(k)}: ${dump(v, indent, depth + 1)}`).join(separator)}${outer}}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
