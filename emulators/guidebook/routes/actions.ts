import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../../kit/index.js';
import { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { primaryKeyListField } from '../fields.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import { accepted, badRequest, notFound, respond, throttled } from '../responses.js';
import { findRecord } from './resource.js';

const DAY_MS = 86_400_000;

/**
 * The extra actions, POST only:
 * - `guides/{id}/publish/` → 202, at most 2 per minute per guide, else 429 [V];
 * - `guides/{id}/publish-personalized-schedules/` → 202 [V];
 * - `attendees/{id}/publish-personalized-schedules/` → 202 [V];
 * - `guides/{id}/send-attendee-invite-email/` with `{"attendees":[ids]}` (≤ 500) →
 *   `{"successful_emails":[ids]}`: ids of the guide's attendees that are neither opted
 *   out nor revoked nor emailed in the last 24 h [V]; ids outside the guide are a 400.
 * Every seeded guide counts as a published Premium guide, so publishing always succeeds.
 */
export function actionRoutes(ctx: GuidebookContext): RouteDefinition[] {
  const { store } = ctx;
  return [
    {
      path: '/guides/:id/publish/',
      methods: {
        POST: (req) => {
          const guide = findRecord(store.guides, req.params.id);
          if (!guide) return notFound();
          const wait = ctx.publishThrottle.take(guide.id, ctx.now());
          return wait === undefined ? accepted() : throttled(wait);
        },
      },
    },
    {
      path: '/guides/:id/publish-personalized-schedules/',
      methods: { POST: (req) => (findRecord(store.guides, req.params.id) ? accepted() : notFound()) },
    },
    {
      path: '/attendees/:id/publish-personalized-schedules/',
      methods: { POST: (req) => (findRecord(store.attendees, req.params.id) ? accepted() : notFound()) },
    },
    { path: '/guides/:id/send-attendee-invite-email/', methods: { POST: (req) => sendInvites(ctx, req) } },
  ];
}

function sendInvites(ctx: GuidebookContext, req: EmulatorRequest): EmulatorResponse {
  const guide = findRecord(ctx.store.guides, req.params.id);
  if (!guide) return notFound();
  const input = BodyInput.from(req.body);
  if (!(input instanceof BodyInput)) return badRequest(input.errors);
  const specs = {
    attendees: {
      required: true,
      list: true,
      parse: primaryKeyListField((id) => ctx.store.attendees.get(id)?.guide === guide.id, { maxLength: 500 }),
    } as FieldSpec<number[]>,
  };
  const { values, errors } = readFields(input, specs, false);
  if (hasErrors(errors)) return badRequest(errors);
  const nowMs = ctx.now();
  const sent: number[] = [];
  for (const id of values.attendees ?? []) {
    const attendee = ctx.store.attendees.get(id);
    if (!attendee || attendee.emailOptOut || attendee.revoked) continue;
    if (attendee.lastEmailSend !== null && attendee.lastEmailSend / 1000 > nowMs - DAY_MS) continue;
    attendee.lastEmailSend = nowMs * 1000;
    if (attendee.status === 0) attendee.status = 1;
    sent.push(id);
  }
  return respond(200, { successful_emails: sent });
}
