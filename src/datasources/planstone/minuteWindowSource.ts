import type { OffsetSource } from '../../connections/index.js';
import { sessionInWindow, type SessionModel, type SessionWindow } from '../../models/index.js';
import type { WherePageReader } from './earlyDaySource.js';
import { isBlankMinutes, minutesAgree } from './minuteClauses.js';
import type { MinuteWindowPlan } from './minuteWindowPlan.js';
import type { PlanstoneSessionPage } from './wire.js';

/** How a minute-window read reaches the feed (pages sorted by `startDate,rstartmins,schedid`) and the conference's trust in its minutes. */
export interface MinuteWindowDeps {
  readPage: WherePageReader;
  /** Whether `rstartmins`/`rendmins` have agreed with the times on every session mapped so far. */
  trusted(): boolean;
  /** A session whose minutes disagree with its times was seen: stop using them. */
  distrust(item: { schedid?: unknown }): void;
}

interface Stream {
  where: Record<string, unknown>;
  /** Sessions heading its first page that are not its own (blank `rstartmins`): `rest`'s. */
  head: number;
  /** Its own sessions: `_meta.total` − head. */
  count: number;
  pageSize: number;
}

interface Layout {
  /** What `rest` and the heads hold that matches, in order: every one before the streams' first session. */
  rest: SessionModel[];
  streams: Stream[];
  total: number;
}

// Pages already checked (the minutes agree with the times): a warm read checks nothing again.
const agreed = new WeakSet<PlanstoneSessionPage>();

/**
 * A time window (minuteWindowPlan.ts) in start order without reading the window's dates
 * whole. The feed cannot sort by start (12-hour text), but within one length of
 * `rstartmins` text (3 digits: 01:40–16:39; 4 digits: 16:40–23:59) its code-point order is the
 * minutes', and on one date the minutes' order is the starts' (checked: no two minutes are one
 * instant). So each stream, sorted by `startDate,rstartmins,schedid` on the server, is in start
 * order: its page 1 gives its count (`_meta.total`: every session it selects matches), and a
 * slice reads only the pages holding it. `rest` (sessions of earlier dates still running,
 * blank minutes, minutes before 01:40) is read whole and filtered exactly; it must all start
 * before the first stream's first session (checked), so the order is rest, then the streams.
 *
 * Cost of the first page: page 1 of each stream (one, two when the window spans 16:40) and
 * `rest`'s page or two (none for a start window after 01:40: blank minutes then head the
 * first stream, since they sort before every digit) — whatever the conference's size.
 * Every session read is checked (its minutes agree with its times, it matches the window,
 * pages are in start order, no number-typed minutes, which sort apart from text); any
 * failure, or a conference whose minutes were found wrong, reads through `fallback` instead
 * (the dates' pages). Assumes `schedid`s order alike as text and as numbers (same length),
 * checked on the pages read.
 */
export function createMinuteWindowSource(
  deps: MinuteWindowDeps,
  plan: MinuteWindowPlan,
  window: SessionWindow,
  compare: (a: SessionModel, b: SessionModel) => number,
  fallback: OffsetSource<SessionModel>,
): OffsetSource<SessionModel> {
  const pages = new Map<string, Promise<{ wire: PlanstoneSessionPage; sessions: SessionModel[] }>>();
  const page = (where: Record<string, unknown>, n: number) => {
    const key = `${n}|${JSON.stringify(where)}`;
    let pending = pages.get(key);
    if (!pending) {
      const started = deps.readPage(where, n);
      started.catch(() => {
        if (pages.get(key) === started) pages.delete(key);
      });
      pages.set(key, (pending = started));
    }
    return pending;
  };
  const checked = (wire: PlanstoneSessionPage): boolean => {
    if (agreed.has(wire)) return true;
    const wrong = wire._items.find((item) => !minutesAgree(item));
    if (wrong) {
      deps.distrust(wrong);
      return false;
    }
    agreed.add(wire);
    return true;
  };
  const ownMinutes = (wire: PlanstoneSessionPage, i: number) => !isBlankMinutes(wire._items[i]!.rstartmins) && wire._items[i]!.startDate === plan.date;

  async function readAll(where: Record<string, unknown>): Promise<SessionModel[] | undefined> {
    const first = await page(where, 1);
    const size = first.wire._meta?.max_results ?? first.wire._items.length;
    const count = first.wire._meta && size > 0 ? Math.ceil(first.wire._meta.total / size) : 1;
    const rest = await Promise.all(Array.from({ length: Math.max(0, count - 1) }, (_, i) => page(where, i + 2)));
    const all = [first, ...rest];
    return all.every((p) => checked(p.wire)) ? all.flatMap((p) => p.sessions) : undefined;
  }

  async function layout(): Promise<Layout | undefined> {
    const [restRead, firsts] = await Promise.all([plan.rest ? readAll(plan.rest) : [], Promise.all(plan.streams.map((where) => page(where, 1)))]);
    if (!restRead) return undefined;
    const seen = new Set<string>();
    const rest = restRead.filter((s) => !seen.has(s.sourceId) && seen.add(s.sourceId) && sessionInWindow(s, window));
    const streams: Stream[] = [];
    for (const [i, first] of firsts.entries()) {
      const { wire, sessions } = first;
      if (!wire._meta || !checked(wire)) return undefined;
      let head = 0;
      while (head < sessions.length && !ownMinutes(wire, head)) head += 1;
      if (head > 0 && (i > 0 || !plan.headed)) return undefined;
      // Every head on page 1, then only the stream's own sessions.
      if (head === sessions.length && wire._meta.total > sessions.length) return undefined;
      if (!ordered(wire, sessions, head)) return undefined;
      rest.push(...sessions.slice(0, head).filter((s) => sessionInWindow(s, window)));
      streams.push({ where: plan.streams[i]!, head, count: wire._meta.total - head, pageSize: wire._meta.max_results });
    }
    rest.sort(compare);
    const firstStreamed = firsts.map((f, i) => f.sessions[streams[i]!.head]).find((s) => s !== undefined);
    if (firstStreamed && rest.length > 0 && compare(rest.at(-1)!, firstStreamed) >= 0) return undefined;
    return { rest, streams, total: rest.length + streams.reduce((sum, s) => sum + s.count, 0) };
  }

  /** Items from `head` on are the stream's own, match the window, and are in start order (no number-typed minutes). */
  function ordered(wire: PlanstoneSessionPage, sessions: SessionModel[], head: number): boolean {
    for (let i = head; i < sessions.length; i += 1) {
      if (!ownMinutes(wire, i) || typeof wire._items[i]!.rstartmins !== 'string' || !sessionInWindow(sessions[i]!, window)) return false;
      if (i > head && compare(sessions[i - 1]!, sessions[i]!) >= 0) return false;
    }
    return true;
  }

  /** Positions [from, to) of one stream's own sessions (its server positions from `head` on). */
  async function slice(stream: Stream, from: number, to: number): Promise<SessionModel[] | undefined> {
    const firstPage = Math.floor((from + stream.head) / stream.pageSize) + 1;
    const lastPage = Math.floor((to - 1 + stream.head) / stream.pageSize) + 1;
    const read = await Promise.all(Array.from({ length: lastPage - firstPage + 1 }, (_, i) => page(stream.where, firstPage + i)));
    // The pages read, in server order: block index j is server position (firstPage − 1)·size + j.
    const block: SessionModel[] = [];
    for (const [i, { wire, sessions }] of read.entries()) {
      const own = firstPage + i === 1 ? stream.head : 0;
      if (!checked(wire) || !ordered(wire, sessions, own)) return undefined;
      if (block.length > 0 && sessions.length > own && compare(block.at(-1)!, sessions[own]!) >= 0) return undefined;
      block.push(...sessions);
    }
    const shift = stream.head - (firstPage - 1) * stream.pageSize;
    return block.slice(from + shift, to + shift);
  }

  let known: Promise<Layout | undefined> | undefined;
  return {
    async read(offset, limit) {
      if (!deps.trusted()) return fallback.read(offset, limit);
      if (!known) {
        const pending = layout();
        pending.catch(() => {
          if (known === pending) known = undefined;
        });
        known = pending;
      }
      const plan = await known;
      if (!plan) return fallback.read(offset, limit);
      const end = Math.min(plan.total, offset + limit);
      const items = plan.rest.slice(offset, end);
      let base = plan.rest.length;
      for (const stream of plan.streams) {
        const from = Math.max(offset, base) - base;
        const to = Math.min(end, base + stream.count) - base;
        if (from < to) {
          const part = await slice(stream, from, to);
          if (!part || part.length !== to - from) return fallback.read(offset, limit);
          items.push(...part);
        }
        base += stream.count;
      }
      return { items, totalCount: plan.total };
    },
  };
}
