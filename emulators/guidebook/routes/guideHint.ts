import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { primaryKeyField } from '../fields.js';

/**
 * The guide a create names, when it names an existing one: related ids (tracks,
 * locations, sessions, attendees) are then looked up within that guide only, as a
 * queryset scoped to the guide would.
 */
export function guideHint(ctx: GuidebookContext, input: BodyInput): number | undefined {
  const parsed = primaryKeyField((id) => ctx.store.guides.has(id))(input.value('guide'));
  return parsed.ok ? parsed.value : undefined;
}
