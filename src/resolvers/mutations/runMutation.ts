import type { z } from 'zod';
import { refused, type UserError, type WriteOutcome } from '../../models/writes/index.js';
import { validateInput } from '../../validation/validateInput.js';

/** The parts every mutation payload shares, plus the changed object (null when refused). */
export interface MutationResult<T> {
  clientMutationId: string | null;
  userErrors: UserError[];
  value: T | null;
}

/**
 * The one mutation convention: validate `input` (user errors, no upstream call, when
 * refused), then write; provider failures other than refusals propagate as GraphQL errors.
 */
export async function runMutation<I, T>(
  input: { clientMutationId?: string | null },
  schema: z.ZodType<I>,
  write: (value: I) => Promise<WriteOutcome<T>>,
): Promise<MutationResult<T>> {
  const validated = validateInput(schema, input);
  const outcome: WriteOutcome<T> = validated.ok ? await write(validated.value) : refused(validated.userErrors);
  return {
    clientMutationId: input.clientMutationId ?? null,
    userErrors: outcome.ok ? [] : outcome.userErrors,
    value: outcome.ok ? outcome.value : null,
  };
}
