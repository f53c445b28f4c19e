import { z } from 'zod';

// The Planstone feed's JSON exactly as sent (Python Eve). Deliberately tolerant of the
// feed's sloppiness — strings where numbers are meant, `true`/`1`/`null` booleans — but
// strict about the envelope, so a wrong shape is an upstream error, not an empty list.

const text = z.string().nullish();
/** IDs are strings in the feed; numbers are tolerated (the mapper makes them strings). */
const id = z.union([z.string(), z.number()]);
/** `true`, `1`, `"1"`, `null`, ... — interpreted by the mapper. */
const looseBoolean = z.union([z.boolean(), z.number(), z.string(), z.null()]).optional();
/** `"0.0"`, `1.5`, `""`, null. */
const looseNumber = z.union([z.string(), z.number(), z.null()]).optional();

export const planstoneEngagementWire = z.looseObject({
  pid: id,
  pslinkid: id.nullish(),
  role: text,
  sortorder: looseNumber,
  published: looseBoolean,
  startTime: text,
  endTime: text,
  title: text,
  affil: text,
  cargo: text,
  description: text,
  fname: text,
  lname: text,
  honorific: text,
  suffix: text,
  company: text,
});
export type PlanstoneEngagementWire = z.infer<typeof planstoneEngagementWire>;

export const planstoneTrackWire = z.looseObject({ track: text, desc: text });

export const planstoneSessionWire = z.looseObject({
  _id: z.string(),
  schedid: id.nullish(),
  sesid: id.nullish(),
  sessionClientID: id.nullish(),
  clientid: id.nullish(),
  sessionName: text,
  sessionType: text,
  description: text,
  startDate: text,
  endDate: text,
  startTime: text,
  endTime: text,
  rstartmins: looseNumber,
  rendmins: looseNumber,
  roomname: text,
  sched_roomname: text,
  roomid: id.nullish(),
  hotelname: text,
  location: text,
  published: looseBoolean,
  has_handouts: looseBoolean,
  SessionDetailsURL: text,
  session_updated_at: text,
  updated_at: text,
  tracks: z.array(planstoneTrackWire).nullish(),
  speakers: z.array(planstoneEngagementWire).nullish(),
});
export type PlanstoneSessionWire = z.infer<typeof planstoneSessionWire>;

export const planstoneSpeakerWire = z.looseObject({
  _id: z.string().optional(),
  pid: id,
  fname: text,
  lname: text,
  honorific: text,
  suffix: text,
  title: text,
  company: text,
  bio: text,
  piclink: text,
  email: text,
  city: text,
  state: text,
  country: text,
  published: looseBoolean,
});
export type PlanstoneSpeakerWire = z.infer<typeof planstoneSpeakerWire>;

const meta = z.looseObject({ page: z.number(), max_results: z.number(), total: z.number() });
const link = z.looseObject({ href: z.string(), title: z.string().optional() });

/** Eve's collection envelope; `_meta`/`_links` are optional because the docs' samples omit them. */
export const planstonePage = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    _items: z.array(item),
    _meta: meta.optional(),
    _links: z.looseObject({ next: link.optional(), last: link.optional() }).optional(),
  });

export const planstoneSessionPage = planstonePage(planstoneSessionWire);
export const planstoneSpeakerPage = planstonePage(planstoneSpeakerWire);
export type PlanstoneSessionPage = z.infer<typeof planstoneSessionPage>;
export type PlanstoneSpeakerPage = z.infer<typeof planstoneSpeakerPage>;
