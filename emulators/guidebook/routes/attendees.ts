import { createHash } from 'node:crypto';

import type { RouteDefinition } from '../../kit/index.js';
import type { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { formatNullableDateTime } from '../datetime.js';
import { booleanField, charField, emailField, imageField, jsonObjectField, primaryKeyField } from '../fields.js';
import { quotePlus } from '../queryString.js';
import { hasErrors, readFields, type FieldSpec } from '../readFields.js';
import type { AppProfile, AttendeeRecord } from '../records.js';
import { resourceRoutes, type WriteResult } from './resource.js';

const PROFILE_KEYS = ['website', 'position', 'company', 'contact_email', 'phone_number'] as const;

/**
 * `attendees/`: GET/POST (idempotent); `attendees/{id}/`: GET/PATCH. DELETE is 405 [V
 * "we do NOT allow Attendee objects to be deleted", I status].
 */
export function attendeeRoutes(ctx: GuidebookContext): RouteDefinition[] {
  return resourceRoutes<AttendeeRecord>(ctx, {
    path: '/attendees',
    table: () => ctx.store.attendees,
    serialize: serializeAttendee,
    filters: {
      guide: { kind: 'number', read: (a) => a.guide },
      revoked: { kind: 'boolean', read: (a) => a.revoked },
      status: { kind: 'number', read: (a) => a.status },
      import_id: { kind: 'string', read: (a) => a.importId },
      account__email: { kind: 'string', read: (a) => a.email },
    },
    ordering: {
      email: (a) => a.email,
      first_name: (a) => a.firstName,
      last_name: (a) => a.lastName,
      revoked: (a) => a.revoked,
      status: (a) => a.status,
    },
    create: (input) => createAttendee(ctx, input),
    update: (attendee, input) => updateAttendee(input, attendee),
  });
}

/** Field order of the docs' create sample; `created_at` is documented but absent from every example, so left out. */
export function serializeAttendee(a: AttendeeRecord): Record<string, unknown> {
  return {
    id: a.id,
    guide_id: a.guide,
    account_id: a.accountId,
    import_id: a.importId,
    first_name: a.firstName,
    last_name: a.lastName,
    email: a.email,
    avatar: a.avatar,
    cover: a.cover,
    app_profile: { ...a.appProfile },
    revoked: a.revoked,
    email_opt_out: a.emailOptOut,
    status: a.status,
    last_email_send: formatNullableDateTime(a.lastEmailSend),
    qr_badge: qrBadge(a),
  };
}

/** `f=<first>&l=<last>&i=<id>&ii=<import_id>&s=<40 hex>` as in the docs' samples. */
export function qrBadge(a: AttendeeRecord): string {
  const signature = createHash('sha1').update(`${a.id}:${a.guide}:${a.email}`).digest('hex');
  return `f=${quotePlus(a.firstName)}&l=${quotePlus(a.lastName)}&i=${a.id}&ii=${quotePlus(a.importId ?? '')}&s=${signature}`;
}

/**
 * Idempotent create [V]: when the guide already has an attendee with this email
 * (compared case-insensitively), that attendee comes back unchanged with **200**; a new
 * one is **201** with status 0. An account already known by email (an attendee of
 * another guide) is reused, and its names win over the posted ones [V docs].
 */
function createAttendee(ctx: GuidebookContext, input: BodyInput): WriteResult<AttendeeRecord> {
  const media = (kind: string) => (filename: string) => `https://media.guidebook.com/upload/${kind}/${Date.now().toString(36)}-${filename}`;
  const name = { allowBlank: true, parse: charField({ allowBlank: true, maxLength: 255 }) } as FieldSpec<string>;
  const flag = { parse: booleanField() } as FieldSpec<boolean>;
  const specs = {
    guide: { required: true, parse: primaryKeyField((id) => ctx.store.guides.has(id)) } as FieldSpec<number>,
    email: { required: true, parse: emailField() } as FieldSpec<string>,
    first_name: name,
    last_name: name,
    import_id: { nullable: true, allowBlank: true, parse: charField({ allowBlank: true, maxLength: 255 }) } as FieldSpec<string>,
    avatar: { nullable: true, parse: imageField(media('avatars')) } as FieldSpec<string>,
    cover: { nullable: true, parse: imageField(media('covers')) } as FieldSpec<string>,
    app_profile: { nullable: true, parse: jsonObjectField(PROFILE_KEYS) } as FieldSpec<Record<string, string>>,
    revoked: flag,
    email_opt_out: flag,
  };
  const { values: v, errors } = readFields(input, specs, false);
  if (hasErrors(errors)) return { errors };
  const guide = v.guide as number;
  const email = v.email as string;
  const all = [...ctx.store.attendees.values()];
  const existing = all.find((a) => a.guide === guide && a.email.toLowerCase() === email.toLowerCase());
  if (existing) return { status: 200, record: existing };

  const account = all.find((a) => a.email.toLowerCase() === email.toLowerCase());
  const profile = v.app_profile ?? {};
  const attendee: AttendeeRecord = {
    id: ctx.store.nextId('attendees'),
    guide,
    accountId: account?.accountId ?? Math.max(1000, ...all.map((a) => a.accountId)) + 1,
    importId: v.import_id ?? null,
    firstName: account ? account.firstName : (v.first_name ?? ''),
    lastName: account ? account.lastName : (v.last_name ?? ''),
    email,
    avatar: v.avatar ?? null,
    cover: v.cover ?? null,
    appProfile: {
      website: profile.website ?? '',
      position: profile.position ?? '',
      company: profile.company ?? '',
      contact_email: profile.contact_email ?? '',
      ...(profile.phone_number !== undefined ? { phone_number: profile.phone_number } : {}),
    } satisfies AppProfile,
    revoked: v.revoked ?? false,
    emailOptOut: v.email_opt_out ?? false,
    status: 0,
    lastEmailSend: null,
    createdAt: ctx.now() * 1000,
  };
  ctx.store.attendees.set(attendee.id, attendee);
  return { status: 201, record: attendee };
}

/** PATCH changes only `revoked`, `email_opt_out` and `import_id` [V]; anything else is ignored. */
function updateAttendee(input: BodyInput, attendee: AttendeeRecord): WriteResult<AttendeeRecord> {
  const specs = {
    revoked: { parse: booleanField() } as FieldSpec<boolean>,
    email_opt_out: { parse: booleanField() } as FieldSpec<boolean>,
    import_id: { nullable: true, allowBlank: true, parse: charField({ allowBlank: true, maxLength: 255 }) } as FieldSpec<string>,
  };
  const { values: v, errors } = readFields(input, specs, true);
  if (hasErrors(errors)) return { errors };
  if (v.revoked != null) attendee.revoked = v.revoked;
  if (v.email_opt_out != null) attendee.emailOptOut = v.email_opt_out;
  if (v.import_id !== undefined) attendee.importId = v.import_id;
  return { status: 200, record: attendee };
}
