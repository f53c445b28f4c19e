import { z } from 'zod';

// Building blocks of the mutation input schemas. GraphQL has already checked the types;
// these check what GraphQL cannot say (blank, length, format) and normalise values the
// way the providers (Django REST Framework) would: strings trimmed, null = not given on
// creates.

const NOT_NULL = 'Must not be null: leave the field out to keep its value.';

/** For PATCH fields that cannot be emptied: null is refused with a clear message. */
export const notNull = { error: (issue: { input?: unknown }) => (issue.input === null ? NOT_NULL : undefined) };

/** Length in characters as the providers (Python) count them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** A string, trimmed (DRF's `trim_whitespace`), of at most `max` characters. */
export function text(max?: number) {
  return z
    .string(notNull)
    .transform((value) => value.trim())
    .refine((value) => max === undefined || characterCount(value) <= max, {
      error: (issue) => `At most ${max!.toLocaleString('en-US')} characters (this has ${characterCount(String(issue.input)).toLocaleString('en-US')}).`,
    });
}

/** A trimmed string that must not be blank. */
export function requiredText(max?: number) {
  return text(max).refine((value) => value.length > 0, { error: 'Must not be blank.' });
}

/** An optional field of a create: null means the same as leaving it out. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => (value === null ? undefined : value));
}

/** An email address as Django's EmailValidator accepts it (simplified, as lenient as it). */
export function email() {
  return text(254).refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), { error: 'Not a valid email address.' });
}

/** `#RRGGBB` or `#RGB`, as Guidebook accepts track colors. */
export function hexColor() {
  return z.string(notNull).regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'A color as `#RRGGBB` or `#RGB`, e.g. "#000080".' });
}

/** A Date from the DateTime scalar. */
export function dateTime() {
  return z.date(notNull);
}
