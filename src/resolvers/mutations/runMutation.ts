import type { z } from 'zod';

import { providerWrites, type GatewayContext, type ProviderWrites, type WritingProvider } from '../../catalog/index.js';
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

/** The resolver signature every mutation shares: one `input` argument, the payload out. */
export type MutationResolver<F> = (
  parent: unknown,
  args: { input: { clientMutationId?: string | null } },
  context: GatewayContext,
) => Promise<Omit<MutationResult<unknown>, 'value'> & F>;

/**
 * One mutation resolver from its table entry: the provider it writes to (switched off →
 * PROVIDER_DISABLED, before anything else), the input schema, the write through the
 * catalog's `providerWrites`, and the payload field(s) the changed object (null when refused) goes to.
 */
export function mutation<P extends WritingProvider, I, T, F>(
  provider: P,
  schema: z.ZodType<I>,
  write: (writes: ProviderWrites<P>, value: I) => Promise<WriteOutcome<T>>,
  payload: (value: T | null) => F,
): MutationResolver<F> {
  return async (_parent, { input }, context) => {
    const writes = providerWrites(context, provider);
    const { value, ...result } = await runMutation(input, schema, (validated) => write(writes, validated));
    return { ...result, ...payload(value) };
  };
}
