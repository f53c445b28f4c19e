import type { z } from 'zod';

import { ErrorCode } from '../errors/index.js';
import { inputPath, refused, succeeded, type UserError, type WriteOutcome } from '../models/writes/index.js';

/**
 * Checks a mutation's `input` against its schema: the validated value (ids decoded,
 * strings trimmed, nulls normalised), or one BAD_USER_INPUT user error per problem, each
 * naming the input field (`["input", "descriptionHtml"]`). Nothing here calls a provider.
 */
export function validateInput<T>(schema: z.ZodType<T>, input: unknown): WriteOutcome<T> {
  const result = schema.safeParse(input);
  if (result.success) return succeeded(result.data);
  const seen = new Set<string>();
  const userErrors: UserError[] = [];
  for (const issue of result.error.issues) {
    const field = inputPath(...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment.description) : segment)));
    const key = `${field.join('.')}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    userErrors.push({ field, message: issue.message, code: ErrorCode.BAD_USER_INPUT });
  }
  return refused(userErrors);
}
