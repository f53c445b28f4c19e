import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { detail } from './responses.js';

/** `request.data` as DRF hands it to a view. */
export type RequestData =
  /** A JSON object, or a form whose fields keep their last value (QueryDict `[]`). */
  | { kind: 'dict'; data: Record<string, unknown>; fromForm: boolean }
  /** Valid JSON that is not an object: views that index into it crash. */
  | { kind: 'other'; value: unknown }
  | { kind: 'error'; response: EmulatorResponse };

const PARSED_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Reads a request body with DRF's default parsers (JSON, form, multipart). A body of any
 * other type, or of none at all, is DRF's 415; a broken body is its 400 ParseError.
 */
export function readRequestData(req: EmulatorRequest, allow: readonly string[]): RequestData {
  const contentType = req.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const body = req.body;
  if (body.kind === 'none') return { kind: 'dict', data: {}, fromForm: mediaType !== 'application/json' && mediaType !== '' };
  if (!PARSED_TYPES.includes(mediaType)) {
    return { kind: 'error', response: detail(415, `Unsupported media type "${contentType}" in request.`, allow) };
  }
  if (body.kind === 'invalid') return { kind: 'error', response: detail(400, body.reason, allow) };
  if (body.kind === 'form') {
    const data: Record<string, unknown> = {};
    for (const [key, values] of body.fields) data[key] = values.at(-1) ?? '';
    return { kind: 'dict', data, fromForm: true };
  }
  const value = body.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { kind: 'dict', data: { ...(value as Record<string, unknown>) }, fromForm: false };
  }
  return { kind: 'other', value };
}
