import type { PlanstoneDataset, PlanstoneDocument, PlanstoneResource } from '../types.js';
import { EXTRA_CONFERENCE_SPECS, scaleConferenceSpec } from './conferenceSeeds.js';
import { generateConference } from './generatedConference.js';
import { planstoneDataset } from './planstoneDataset.js';

/**
 * Everything one emulator serves: the demo conference (byte-identical to `planstoneDataset`),
 * then the fixed extra conferences, then — with a scale — the large one, all in natural
 * order; plus indexes that change nothing in the answers (per account+conference in natural
 * order, and by `_id`), so a 10,000-session feed answers a scoped query without a full scan.
 */
export interface PlanstoneFeed extends PlanstoneDataset {
  /** The documents of one account and conference, in natural order (empty when none). */
  scoped(resource: PlanstoneResource, account: string, conference: string): readonly PlanstoneDocument[];
  byId(resource: PlanstoneResource, id: string): PlanstoneDocument | undefined;
}

const cache = new Map<string, PlanstoneFeed>();

/** The feed for a seed and scale (0 = no large conference), built once per process (the demo conference deep-frozen). */
export function planstoneFeed(seed: number, scale = 0): PlanstoneFeed {
  const key = `${seed}:${scale}`;
  let feed = cache.get(key);
  if (!feed) {
    feed = buildFeed(seed, scale);
    cache.set(key, feed);
  }
  return feed;
}

/**
 * `feed` with one session replaced by `edit`'s result (or removed, when it gives null): a new
 * feed (the cached ones are shared and never change), for an emulator's edit control.
 * Undefined when the feed has no session with that `_id`.
 */
export function feedWithSessionEdited(
  feed: PlanstoneFeed,
  id: string,
  edit: (session: PlanstoneDocument) => PlanstoneDocument | null,
): PlanstoneFeed | undefined {
  const current = feed.byId('sessions', id);
  if (!current) return undefined;
  const edited = edit(current);
  const sessions = feed.sessions.flatMap((session) => (session !== current ? [session] : edited ? [edited] : []));
  return indexedFeed(sessions, feed.speakers, feed.missingPids);
}

function buildFeed(seed: number, scale: number): PlanstoneFeed {
  const demo = planstoneDataset(seed);
  const specs = scale > 0 ? [...EXTRA_CONFERENCE_SPECS, scaleConferenceSpec(scale)] : EXTRA_CONFERENCE_SPECS;
  // The generated documents are not frozen: V8 gives each frozen 106-key session its own
  // descriptors (+2.6 kB a document, doubling the memory at 10,000). No handler writes to one.
  const generated = specs.map((spec) => generateConference(spec));
  const sessions = [...demo.sessions, ...generated.flatMap((g) => g.sessions)];
  const speakers = [...demo.speakers, ...generated.flatMap((g) => g.speakers)];
  const known = new Set(speakers.map((s) => s.pid as string));
  const missing = new Set<string>();
  for (const session of sessions) {
    for (const engagement of (session.speakers as { pid: string }[] | undefined) ?? []) if (!known.has(engagement.pid)) missing.add(engagement.pid);
  }
  return indexedFeed(sessions, speakers, [...missing].sort());
}

function indexedFeed(sessions: readonly PlanstoneDocument[], speakers: readonly PlanstoneDocument[], missingPids: readonly string[]): PlanstoneFeed {
  const indexes = { sessions: index(sessions), speakers: index(speakers) };
  return Object.freeze({
    sessions,
    speakers,
    missingPids,
    scoped: (resource: PlanstoneResource, account: string, conference: string) => indexes[resource].scoped.get(scopeKey(account, conference)) ?? [],
    byId: (resource: PlanstoneResource, id: string) => indexes[resource].byId.get(id),
  });
}

function scopeKey(account: unknown, conference: unknown): string {
  return `${String(account)}\u0000${String(conference)}`;
}

function index(documents: readonly PlanstoneDocument[]) {
  const scoped = new Map<string, PlanstoneDocument[]>();
  const byId = new Map<string, PlanstoneDocument>();
  for (const document of documents) {
    if (typeof document.account === 'string' && typeof document.conference === 'string') {
      const key = scopeKey(document.account, document.conference);
      let list = scoped.get(key);
      if (!list) scoped.set(key, (list = []));
      list.push(document);
    }
    byId.set(document._id as string, document);
  }
  return { scoped, byId };
}
