import { isUploadedFile, pythonTypeName } from './bodyInput.js';
import { DATETIME_FORMAT_ERROR, parseDateTime } from './datetime.js';
import type { Micros } from './records.js';

/** The outcome of one DRF field's `to_internal_value` plus validators. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (error: string): FieldResult<never> => ({ ok: false, error });

/** DRF CharField: strings and numbers (not booleans), whitespace trimmed, blank and length checked. */
export function charField(options: { maxLength?: number; allowBlank?: boolean } = {}) {
  return (raw: unknown): FieldResult<string> => {
    if (typeof raw === 'boolean' || (typeof raw !== 'string' && typeof raw !== 'number')) return fail('Not a valid string.');
    const value = String(raw).trim();
    if (value === '' && !options.allowBlank) return fail('This field may not be blank.');
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      return fail(`Ensure this field has no more than ${options.maxLength} characters.`);
    }
    return ok(value);
  };
}

/** DRF IntegerField: ints, integral floats and strings such as "42" or "42.0". */
export function integerField(options: { minValue?: number; maxValue?: number } = {}) {
  return (raw: unknown): FieldResult<number> => {
    let value: number | undefined;
    if (typeof raw === 'number' && Number.isInteger(raw)) value = raw;
    else if (typeof raw === 'string' && /^\s*[+-]?\d+(?:_\d+)*(?:\.0*)?\s*$/.test(raw)) value = Number(raw.trim().replace(/_/g, '').replace(/\.0*$/, ''));
    if (value === undefined || !Number.isSafeInteger(value)) return fail('A valid integer is required.');
    if (options.minValue !== undefined && value < options.minValue) return fail(`Ensure this value is greater than or equal to ${options.minValue}.`);
    if (options.maxValue !== undefined && value > options.maxValue) return fail(`Ensure this value is less than or equal to ${options.maxValue}.`);
    return ok(value);
  };
}

/** DRF FloatField. */
export function floatField() {
  return (raw: unknown): FieldResult<number> => {
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN;
    return Number.isFinite(value) ? ok(value) : fail('A valid number is required.');
  };
}

const TRUE_VALUES = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true]);
const FALSE_VALUES = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false]);

/** DRF BooleanField with its TRUE_VALUES / FALSE_VALUES. */
export function booleanField() {
  return (raw: unknown): FieldResult<boolean> => {
    if (TRUE_VALUES.has(raw)) return ok(true);
    if (FALSE_VALUES.has(raw)) return ok(false);
    return fail('Must be a valid boolean.');
  };
}

/** DRF DateTimeField with ISO 8601 input; naive values are UTC. */
export function dateTimeField() {
  return (raw: unknown): FieldResult<Micros> => {
    const value = typeof raw === 'string' ? parseDateTime(raw.trim()) : undefined;
    return value === undefined ? fail(DATETIME_FORMAT_ERROR) : ok(value);
  };
}

/** DRF ChoiceField over integer choices (form strings are matched by their text). */
export function integerChoiceField(choices: readonly number[]) {
  return (raw: unknown): FieldResult<number> => {
    const match = choices.find((choice) => String(choice) === (typeof raw === 'string' ? raw.trim() : raw === true || raw === false ? '' : String(raw)));
    if (match === undefined) return fail(`"${typeof raw === 'string' ? raw : JSON.stringify(raw)}" is not a valid choice.`);
    return ok(match);
  };
}

/** DRF EmailField (Django's EmailValidator, simplified), lower-casing nothing. */
export function emailField(options: { maxLength?: number } = {}) {
  const text = charField({ maxLength: options.maxLength ?? 254 });
  return (raw: unknown): FieldResult<string> => {
    const result = text(raw);
    if (!result.ok) return result;
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(result.value) ? result : fail('Enter a valid email address.');
  };
}

/**
 * DRF PrimaryKeyRelatedField: `Invalid pk "999" - object does not exist.`, or
 * `Incorrect type. Expected pk value, received str.` when the value cannot be an id.
 * `exists` decides what the field's queryset contains.
 */
export function primaryKeyField(exists: (id: number) => boolean) {
  return (raw: unknown): FieldResult<number> => {
    let id: number | undefined;
    if (typeof raw === 'number' && Number.isInteger(raw)) id = raw;
    else if (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw)) id = Number(raw.trim());
    if (id === undefined) return fail(`Incorrect type. Expected pk value, received ${pythonTypeName(raw)}.`);
    if (!exists(id)) return fail(`Invalid pk "${typeof raw === 'string' ? raw : String(raw)}" - object does not exist.`);
    return ok(id);
  };
}

/**
 * DRF ManyRelatedField over PrimaryKeyRelatedField: a list (form: every value of the
 * repeated key), the first bad item's message; ids come back unique and ascending.
 * A comma list or a JSON string in one form value is one item, so it is rejected as DRF
 * would ("Incorrect type. Expected pk value, received str.").
 */
export function primaryKeyListField(exists: (id: number) => boolean, options: { allowEmpty?: boolean; maxLength?: number } = {}) {
  const child = primaryKeyField(exists);
  return (raw: unknown): FieldResult<number[]> => {
    if (!Array.isArray(raw)) return fail(`Expected a list of items but got type "${pythonTypeName(raw)}".`);
    if (options.allowEmpty === false && raw.length === 0) return fail('This list may not be empty.');
    if (options.maxLength !== undefined && raw.length > options.maxLength) return fail(`Ensure this field has no more than ${options.maxLength} elements.`);
    const ids = new Set<number>();
    for (const item of raw) {
      const result = child(item);
      if (!result.ok) return result;
      ids.add(result.value);
    }
    return ok([...ids].sort((a, b) => a - b));
  };
}

/** DRF ImageField: a multipart upload of a PNG or JPEG; stored as a media URL built by `toUrl`. */
export function imageField(toUrl: (filename: string) => string) {
  return (raw: unknown): FieldResult<string> => {
    if (!isUploadedFile(raw)) return fail('The submitted data was not a file. Check the encoding type on the form.');
    if (raw.size === 0) return fail('The submitted file is empty.');
    if (!['image/png', 'image/jpeg', 'image/jpg'].includes(raw.mimeType.toLowerCase())) {
      return fail('Upload a valid image. The file you uploaded was either not an image or a corrupted image.');
    }
    return ok(toUrl(raw.filename || 'upload.png'));
  };
}

/**
 * DRF JSONField: a JSON object in a JSON body, or a JSON string in a form field (the
 * docs send `address` that way), checked to be an object whose values are strings.
 */
export function jsonObjectField(keys: readonly string[]) {
  return (raw: unknown): FieldResult<Record<string, string>> => {
    let value = raw;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        return fail('Value must be valid JSON.');
      }
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('Expected a JSON object.');
    const out: Record<string, string> = {};
    for (const key of keys) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined && item !== null) out[key] = String(item);
    }
    return ok(out);
  };
}
