import { inputPath, type UserError, type UserErrorCode } from '../../models/writes/index.js';
import type { DrfFieldError } from './drfFieldErrors.js';

/**
 * How a provider's wire field names map back to a mutation's input fields: a name, or a
 * name plus the map of a nested object (`app_profile` → `profile` with its own keys).
 */
export type InputFieldMap = Readonly<Record<string, string | { field: string; nested: InputFieldMap }>>;

/**
 * Provider field errors as user errors at input paths (`description_html` →
 * `["input", "descriptionHtml"]`). A wire field the map does not know is reported at
 * `["input"]` with its name in the message, so nothing the provider said is lost.
 */
export function toUserErrors(errors: DrfFieldError[], map: InputFieldMap, code: UserErrorCode = 'UPSTREAM_REJECTED'): UserError[] {
  return errors.map(({ path, message }) => {
    const mapped: string[] = [];
    let current: InputFieldMap | undefined = map;
    for (const [index, segment] of path.entries()) {
      const entry: InputFieldMap[string] | undefined = current?.[segment];
      if (entry !== undefined) {
        mapped.push(typeof entry === 'string' ? entry : entry.field);
        current = typeof entry === 'string' ? undefined : entry.nested;
      } else if (/^\d+$/.test(segment) && index > 0) {
        mapped.push(segment);
      } else {
        return { field: inputPath(...mapped), message: `${path.slice(index).join('.')}: ${message}`, code };
      }
    }
    return { field: inputPath(...mapped), message, code };
  });
}
