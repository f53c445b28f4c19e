/** What must never appear in a log line or a client-visible message. */
export interface SensitiveValues {
  /** Credentials: provider keys and tokens, client API keys, the JWT secret. */
  secrets: string[];
  /** Upstream hosts (`host:port` as configured) → the placeholder to show instead. */
  hosts: Array<{ host: string; label: string }>;
}

/** Secrets shorter than this are not scrubbed: they would mangle ordinary text. Config refuses none that short in practice. */
const MIN_SECRET_LENGTH = 4;

export const REDACTED = '[REDACTED]';

/**
 * A function that replaces every configured secret — as written, JSON-escaped,
 * URL-encoded, base64-encoded, and in the `user:` form HTTP Basic encodes — with
 * `[REDACTED]`, and every upstream `host:port` with its provider label. Longest match
 * first, one pass, so a secret that contains another is replaced whole.
 */
export function createScrubber(values: SensitiveValues): (text: string) => string {
  const replacements = new Map<string, string>();
  for (const secret of values.secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) replacements.set(form, REDACTED);
  }
  for (const { host, label } of values.hosts) if (host) replacements.set(host, label);
  if (replacements.size === 0) return (text) => text;
  const alternatives = [...replacements.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, (match) => replacements.get(match) ?? REDACTED);
}

function secretForms(secret: string): string[] {
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${secret}:`).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
  return [...new Set(forms)].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
