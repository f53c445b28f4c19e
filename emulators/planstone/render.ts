import type { EmulatorResponse } from '../kit/index.js';
import { pythonJsonDumps } from './pythonJson.js';
import { renderXml } from './xml.js';

/** Eve's renderers in its order: JSON first, so it wins ties and is the fallback (never a 406). */
const MIME_TYPES = ['application/json', 'application/xml', 'text/xml', 'application/x-xml'] as const;

/** What Flask/Werkzeug put in Content-Type for each (charset only for the XML types Werkzeug knows). */
const CONTENT_TYPES: Record<(typeof MIME_TYPES)[number], string> = {
  'application/json': 'application/json',
  'application/xml': 'application/xml; charset=utf-8',
  'text/xml': 'text/xml; charset=utf-8',
  'application/x-xml': 'application/x-xml',
};

export interface RenderContext {
  accept: string | undefined;
  /** Eve's `?pretty` indents JSON by 4. */
  pretty: boolean;
}

/** Renders a payload as Eve's `_prepare_response` does, by the request's Accept header. */
export function render(context: RenderContext, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): EmulatorResponse {
  const mime = bestMime(context.accept);
  const payload = mime === 'application/json' ? pythonJsonDumps(body, context.pretty ? 4 : undefined) : renderXml(body);
  return { status, headers: { ...headers, 'content-type': CONTENT_TYPES[mime] }, body: payload };
}

/** Werkzeug's `MIMEAccept.best_match` over Eve's renderers, defaulting to JSON. */
export function bestMime(accept: string | undefined): (typeof MIME_TYPES)[number] {
  if (!accept) return 'application/json';
  const ranges = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { type, quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((r) => r.type.includes('/'))
    .sort((a, b) => b.quality - a.quality || specificity(b.type) - specificity(a.type));
  let best: (typeof MIME_TYPES)[number] | undefined;
  let bestQuality = -1;
  let bestSpecificity = -1;
  for (const server of MIME_TYPES) {
    for (const range of ranges) {
      if (range.quality <= 0 || range.quality < bestQuality) break;
      if (!matches(server, range.type)) continue;
      const spec = specificity(range.type);
      if (range.quality > bestQuality || spec > bestSpecificity) {
        best = server;
        bestQuality = range.quality;
        bestSpecificity = spec;
      }
    }
  }
  return best ?? 'application/json';
}

function matches(server: string, range: string): boolean {
  if (range === '*/*' || range === '*') return true;
  const [type, subtype] = range.split('/');
  const [serverType, serverSubtype] = server.split('/');
  return type === serverType && (subtype === '*' || subtype === serverSubtype);
}

function specificity(range: string): number {
  const [type, subtype] = range.split('/');
  return (type === '*' ? 0 : 1) + (subtype === '*' ? 0 : 1);
}
