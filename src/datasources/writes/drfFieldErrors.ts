/** One message of a Django REST Framework 400 body, at its wire path (`[]` = not one field's). */
export interface DrfFieldError {
  path: string[];
  message: string;
}

/** Keys DRF uses for errors that belong to no field. */
const NON_FIELD_KEYS = new Set(['non_field_errors', 'detail']);
const MAX_MESSAGE = 500;

/**
 * Flattens a DRF 400 body — `{"field": ["msg"]}`, `{"non_field_errors": [...]}`,
 * `{"detail": "..."}`, nested serializer and list errors (`{"items": [{}, {"name": [...]}]}`
 * or `{"items": {"1": [...]}}`) — into messages with wire paths. A body that is not JSON
 * (an HTML error page) gives one generic message: provider pages are never echoed.
 */
export function flattenDrfErrors(body: unknown, fallback: string): DrfFieldError[] {
  const out: DrfFieldError[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value === 'string') out.push({ path, message: value.length > MAX_MESSAGE ? `${value.slice(0, MAX_MESSAGE)}…` : value });
    else if (Array.isArray(value)) {
      const nested = value.some((item) => item !== null && typeof item === 'object');
      value.forEach((item, index) => visit(item, nested ? [...path, String(index)] : path));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, path.length === 0 && NON_FIELD_KEYS.has(key) ? path : [...path, key]);
    }
  };
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) visit(body, []);
  return out.length > 0 ? out : [{ path: [], message: fallback }];
}
