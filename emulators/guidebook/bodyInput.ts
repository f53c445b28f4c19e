import type { ParsedBody, UploadedFile } from '../kit/index.js';
import type { ValidationErrors } from './responses.js';

/**
 * A write's `request.data` as DRF sees it. Form and multipart bodies (and an empty body,
 * which DRF treats as an empty QueryDict) are "HTML input": a key maps to its last value,
 * list fields read every value of a repeated key, and files sit beside the fields. A JSON
 * body keeps its own types.
 */
export class BodyInput {
  readonly html: boolean;
  readonly #json: Record<string, unknown>;
  readonly #fields: Map<string, string[]>;
  readonly #files: Map<string, UploadedFile>;

  private constructor(html: boolean, json: Record<string, unknown>, fields: Map<string, string[]>, files: Map<string, UploadedFile>) {
    this.html = html;
    this.#json = json;
    this.#fields = fields;
    this.#files = files;
  }

  /** The input, or the 400 DRF sends for an unreadable body or a JSON body that is not an object. */
  static from(body: ParsedBody): BodyInput | { status: 400; errors: ValidationErrors | { detail: string } } {
    switch (body.kind) {
      case 'none':
        return new BodyInput(true, {}, new Map(), new Map());
      case 'form':
        return new BodyInput(true, {}, body.fields, body.files);
      case 'invalid':
        return { status: 400, errors: { detail: body.reason } };
      case 'json': {
        const value = body.value;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          const type = value === null ? 'NoneType' : Array.isArray(value) ? 'list' : pythonTypeName(value);
          return { status: 400, errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] } };
        }
        return new BodyInput(false, value as Record<string, unknown>, new Map(), new Map());
      }
    }
  }

  has(key: string): boolean {
    return this.html ? this.#fields.has(key) || this.#files.has(key) : Object.hasOwn(this.#json, key);
  }

  /** One value: the uploaded file, the last form value, or the JSON value. */
  value(key: string): unknown {
    if (!this.html) return this.#json[key];
    const file = this.#files.get(key);
    if (file) return file;
    const values = this.#fields.get(key);
    return values?.[values.length - 1];
  }

  /** A list field's value: every form value of the key (QueryDict.getlist), or the JSON value. */
  list(key: string): unknown {
    return this.html ? [...(this.#fields.get(key) ?? [])] : this.#json[key];
  }
}

/** Python's `type(x).__name__` for a JSON value, as DRF messages print it. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'mimeType' in value && 'filename' in value && 'size' in value;
}
