import type { PlanstoneDocument } from './types.js';

/** Fields a projection never removes: Eve adds them back (`_id`, dates, etag) or builds them (`_links`). */
const ALWAYS_KEPT = ['_id', '_created', '_updated', '_etag', '_links'];

export type Projection = { mode: 'include' | 'exclude'; paths: string[][] } | undefined;

/**
 * Parses `projection` (`{"sessionName": 1}` or `{"description": 0}`, dotted paths allowed).
 * `{ ok: false }` when Eve would answer 400: not a JSON object, or inclusion mixed with exclusion.
 */
export function parseProjection(raw: string | null): { ok: true; projection: Projection } | { ok: false } {
  if (raw === null || raw === '') return { ok: true, projection: undefined };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false };
  const entries = Object.entries(value);
  if (entries.length === 0) return { ok: true, projection: undefined };
  const included = entries.filter(([, flag]) => Boolean(flag));
  if (included.length !== 0 && included.length !== entries.length) return { ok: false };
  return { ok: true, projection: { mode: included.length ? 'include' : 'exclude', paths: entries.map(([path]) => path.split('.')) } };
}

/** A projected copy (the stored document is never touched). */
export function applyProjection(document: PlanstoneDocument, projection: Projection): PlanstoneDocument {
  if (!projection) return document;
  if (projection.mode === 'include') {
    const out: PlanstoneDocument = {};
    for (const [key, value] of Object.entries(document)) {
      if (ALWAYS_KEPT.includes(key)) out[key] = value;
      else {
        const sub = projection.paths.filter((p) => p[0] === key).map((p) => p.slice(1));
        if (sub.length === 0) continue;
        out[key] = sub.some((p) => p.length === 0) ? value : include(value, sub);
      }
    }
    return out;
  }
  return exclude(
    document,
    projection.paths.filter((p) => !(p.length === 1 && ALWAYS_KEPT.includes(p[0]!))),
  ) as PlanstoneDocument;
}

function include(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && typeof v === 'object').map((v) => include(v, paths));
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const sub = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (sub.length === 0) continue;
    out[key] = sub.some((p) => p.length === 0) ? child : include(child, sub);
  }
  return out;
}

function exclude(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return value.map((v) => exclude(v, paths));
  if (value === null || typeof value !== 'object' || paths.length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const sub = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (sub.some((p) => p.length === 0)) continue;
    out[key] = sub.length ? exclude(child, sub) : child;
  }
  return out;
}
