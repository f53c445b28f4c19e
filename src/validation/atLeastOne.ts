import type { z } from 'zod';

/**
 * A PATCH must change something: refuses an input whose `keys` are all left out, at
 * `["input"]`.
 */
export function atLeastOne(keys: readonly string[]) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (keys.every((key) => value[key] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: `Give at least one field to change: ${keys.map((key) => `\`${key}\``).join(', ')}.` });
    }
  };
}
