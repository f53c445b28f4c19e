import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWebExample } from '../../scripts/buildWeb.js';
import { parseGlobalId, toGlobalId } from '../../src/ids/globalId.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { changeOf, PLANSTONE_CONFERENCE, planstoneSession } from '../support/sessionChanges.js';
import { browserCheck, CHROMIUM_ARGS, CHROMIUM_PATH } from './browserSupport.js';

// The web example in headless Chromium, served by the gateway at /examples/web/ and
// talking to it by persisted hashes only (PERSISTED_OPERATIONS_ONLY=true): scroll the
// merged schedule to its end, filter by track, open a speaker, pick a conference's day, search,
// and the "now" view with its clock fixed by `?now=`; a live "moved to …" badge from the
// sessionChanged subscription (HTTP multipart, by persisted hash too).

const chromiumCheck = browserCheck();
const enabled = chromiumCheck.available;

let harness: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!enabled) return;
  await buildWebExample();
  harness = await startHarness({ env: { PERSISTED_OPERATIONS_ONLY: 'true', LOG_LEVEL: 'silent' } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  await page.goto(new URL('/examples/web/', harness.url).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  expect(problems).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

/** Scrolls to the bottom until the page says the list is complete; resolves to the shown count. */
async function scrollToEnd(target: Page): Promise<number> {
  for (let step = 0; step < 200; step += 1) {
    const complete = await target.locator('#status').getAttribute('data-complete');
    if (complete === 'true') break;
    const before = Number(await target.locator('#status').getAttribute('data-shown'));
    // Page-side code is passed as strings: this file is type-checked without the DOM library.
    await target.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await target.waitForFunction(
      `Number(document.getElementById('status').dataset.shown) > ${before} || document.getElementById('status').dataset.complete === 'true'`,
      undefined,
      { timeout: 15_000 },
    );
  }
  return Number(await target.locator('#status').getAttribute('data-shown'));
}

/** The local date of an instant in an IANA time zone (computed here, not by the page). */
const localDate = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

/** Lower case, accents stripped: the search box's matching rule, for checking its answers. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface ShownSession {
  id: string;
  name: string;
  start: string | null;
  end: string | null;
  allDay: boolean;
}

async function shownSessions(target: Page, list: string): Promise<ShownSession[]> {
  return target.locator(`${list} li.session`).evaluateAll((items) =>
    items.map((item) => {
      const data = (item as unknown as { dataset: Record<string, string | undefined> }).dataset;
      return {
        id: data.sessionId!,
        name: item.querySelector('.name')?.textContent ?? '',
        start: data.start ?? null,
        end: data.end ?? null,
        allDay: data.allDay === 'true',
      };
    }),
  );
}

/** Waits until the schedule shows the answer to a filter that includes `part`. */
async function waitForFilter(target: Page, part: string): Promise<void> {
  await target.waitForFunction(
    `(document.getElementById('status').dataset.filter ?? '').includes(${JSON.stringify(part)}) && document.getElementById('status').dataset.total !== undefined && document.getElementById('status').textContent.startsWith('Showing')`,
    undefined,
    { timeout: 30_000 },
  );
}

/** The conference picked for the day, search and "now" tests: the first one with several days. */
let picked: { id: string; timeZone: string; day: string; sessions: ShownSession[] } | undefined;

describe('the web example in headless Chromium', chromiumCheck.suite, () => {
  it('scrolls through the merged schedule to the end and shows every session exactly once', async () => {
    const shown = await scrollToEnd(page);
    const ids = await page.locator('#schedule li.session').evaluateAll((items) => items.map((item) => item.getAttribute('data-session-id')));
    expect(shown).toBe(2323);
    expect(ids).toHaveLength(2323);
    expect(new Set(ids).size).toBe(2323);
    expect(await page.locator('#status').getAttribute('data-total')).toBe('2323');
    expect(await page.locator('#end').isVisible()).toBe(true);
    // The page's sources: both conference providers.
    const sources = new Set(await page.locator('#schedule li.session .source').allTextContents());
    expect(sources).toEqual(new Set(['GUIDEBOOK', 'PLANSTONE']));
  }, 90_000);

  it('filters the schedule by track', async () => {
    const option = page.locator('#track option').nth(1);
    const trackId = (await option.getAttribute('value'))!;
    const trackLabel = (await option.textContent())!;
    await page.selectOption('#track', trackId);
    await page.waitForFunction("document.getElementById('status').dataset.total !== '2323' && document.querySelectorAll('#schedule li').length > 0");
    const shown = await scrollToEnd(page);
    const total = Number(await page.locator('#status').getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(2323);
    expect(shown).toBe(total);
    const trackName = trackLabel.replace(/ \((guidebook|planstone)\)$/, '');
    const withTrack = await page
      .locator('#schedule li.session')
      .evaluateAll((items, name) => items.filter((item) => [...item.querySelectorAll('.track')].some((tag) => tag.textContent === name)).length, trackName);
    expect(withTrack).toBe(total);
  }, 60_000);

  it("shows a speaker's sessions", async () => {
    const speakerId = (await page.locator('#speaker option').nth(1).getAttribute('value'))!;
    await page.selectOption('#speaker', speakerId);
    await page.waitForSelector('#speaker-panel:not([hidden])');
    const name = await page.locator('#speaker-name').textContent();
    expect(name?.length).toBeGreaterThan(0);
    const listed = await page.locator('#speaker-sessions li.session').count();
    const total = Number(await page.locator('#speaker-sessions').getAttribute('data-total'));
    expect(listed).toBe(Math.min(total, 50));
  }, 30_000);

  it("picks a conference and a day: only that day's sessions, in the conference's time zone", async () => {
    await page.selectOption('#track', '');
    const options = await page
      .locator('#conference option')
      .evaluateAll((items) => items.map((item) => ({ value: item.getAttribute('value') ?? '', label: item.textContent ?? '' })));
    const conferences = options.filter((o) => o.value !== '');
    expect(conferences.length).toBeGreaterThan(0);
    let chosen: { value: string; label: string; days: string[] } | undefined;
    for (const conference of conferences) {
      await page.selectOption('#conference', conference.value);
      const days = (await page.locator('#day option').evaluateAll((items) => items.map((item) => item.getAttribute('value') ?? ''))).filter(Boolean);
      if (days.length > 1) {
        chosen = { ...conference, days };
        break;
      }
    }
    expect(chosen, 'a conference with several days').toBeDefined();
    const timeZone = /\(([^()]+)\)$/.exec(chosen!.label)![1]!;
    // Days are listed in order, each once, labelled in words.
    expect([...chosen!.days].sort()).toEqual(chosen!.days);
    expect(new Set(chosen!.days).size).toBe(chosen!.days.length);
    const day = chosen!.days[Math.floor(chosen!.days.length / 2)]!;
    await page.selectOption('#day', day);
    await waitForFilter(page, `"day":"${day}"`);
    const shown = await scrollToEnd(page);
    const total = Number(await page.locator('#status').getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(2323);
    expect(shown).toBe(total);
    const sessions = await shownSessions(page, '#schedule');
    expect(sessions).toHaveLength(total);
    for (const session of sessions) expect(localDate(session.start!, timeZone), `${session.name} ${session.start}`).toBe(day);
    // Times are printed in the conference's zone.
    expect(await page.locator('#schedule li.session .when').first().textContent()).toContain(timeZone);
    picked = { id: chosen!.value, timeZone, day, sessions };
  }, 90_000);

  it('a search shows the matching sessions', async () => {
    expect(picked).toBeDefined();
    const { sessions } = picked!;
    // A word of a shown name (letters only, 5 or more): every session of that day whose name
    // has it as a word must be in the answer.
    const word = sessions.flatMap((s) => s.name.split(/\s+/)).find((w) => /^[A-Za-z]{5,}$/.test(w))!;
    expect(word).toBeDefined();
    const expected = sessions.filter((s) => new RegExp(`\\b${folded(word)}\\b`).test(folded(s.name))).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    await page.fill('#search', word.toUpperCase());
    await waitForFilter(page, `"search":"${word.toUpperCase()}"`);
    const shown = await scrollToEnd(page);
    const total = Number(await page.locator('#status').getAttribute('data-total'));
    expect(shown).toBe(total);
    const found = await shownSessions(page, '#schedule');
    const ids = new Set(found.map((s) => s.id));
    for (const id of expected) expect(ids.has(id), id).toBe(true);
    // Still that day only, and fewer than the whole day unless every session matches.
    for (const session of found) expect(localDate(session.start!, picked!.timeZone)).toBe(picked!.day);
    expect(total).toBeLessThanOrEqual(sessions.length);
    await page.fill('#search', '');
    await waitForFilter(page, `"day":"${picked!.day}"`);
    await page.waitForFunction(`document.getElementById('status').dataset.total === '${sessions.length}'`);
  }, 90_000);

  it('the "now" view, with the clock fixed by ?now=, shows what runs then and what starts in the next two hours', async () => {
    expect(picked).toBeDefined();
    // A session of that day with an end: now is one minute after its start.
    const running = picked!.sessions.find((s) => s.start && s.end && Date.parse(s.end) - Date.parse(s.start) > 120_000)!;
    expect(running).toBeDefined();
    const now = new Date(Date.parse(running.start!) + 60_000);
    const soon = now.getTime() + 2 * 3_600_000;
    const nowPage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      await nowPage.goto(new URL(`/examples/web/?now=${encodeURIComponent(now.toISOString())}`, harness.url).href);
      await nowPage.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await nowPage.selectOption('#conference', picked!.id);
      await nowPage.click('#now-button');
      await nowPage.waitForSelector('#now-view:not([hidden])[data-ready="true"]', { timeout: 30_000 });
      expect(await nowPage.locator('#schedule-view').isHidden()).toBe(true);
      expect(await nowPage.locator('#now-view').getAttribute('data-now')).toBe(now.toISOString());
      const current = await shownSessions(nowPage, '#now-list');
      const next = await shownSessions(nowPage, '#next-list');
      const nowTotal = Number(await nowPage.locator('#now-list').getAttribute('data-total'));
      expect(nowTotal).toBeGreaterThan(0);
      expect(current).toHaveLength(Math.min(nowTotal, 20));
      if (nowTotal <= 20) expect(current.map((s) => s.id)).toContain(running.id);
      for (const s of current) {
        const end = s.end ? Date.parse(s.end) : s.allDay ? Date.parse(s.start!) + 86_400_000 : Date.parse(s.start!);
        expect(Date.parse(s.start!), s.name).toBeLessThanOrEqual(now.getTime());
        expect(end, s.name).toBeGreaterThan(now.getTime());
      }
      expect(next.length).toBe(Math.min(Number(await nowPage.locator('#next-list').getAttribute('data-total')), 20));
      for (const s of next) {
        expect(Date.parse(s.start!), s.name).toBeGreaterThanOrEqual(now.getTime());
        expect(Date.parse(s.start!), s.name).toBeLessThan(soon);
      }
      // Back to the schedule.
      await nowPage.click('#now-button');
      expect(await nowPage.locator('#now-view').isHidden()).toBe(true);
    } finally {
      await nowPage.close();
    }
  }, 60_000);

  it('shows a live "moved to …" badge on a listed session when a change moves it to another room (sessionChanged over HTTP multipart)', async () => {
    const livePage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      await livePage.goto(new URL('/examples/web/', harness.url).href);
      await livePage.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      // The Planstone conference's schedule (the change below is a Planstone session's).
      await livePage.selectOption('#conference', toGlobalId('Conference', 'planstone', PLANSTONE_CONFERENCE.key));
      let planstoneId: string | undefined;
      for (const deadline = Date.now() + 30_000; planstoneId === undefined && Date.now() < deadline; await sleep(20)) {
        const ids = await livePage
          .locator('#schedule li.session')
          .evaluateAll((items) => items.map((item) => (item as unknown as { dataset: Record<string, string | undefined> }).dataset.sessionId!));
        planstoneId = ids.find((id) => parseGlobalId(id)?.provider === 'planstone');
      }
      expect(planstoneId).toBeDefined();
      const sourceId = parseGlobalId(planstoneId!)!.sourceId;
      expect(await livePage.locator('li.session .moved').count()).toBe(0);
      // The page subscribes at load, but nothing tells this test when its stream is open (other
      // pages hold streams too): the move is recorded again every half second until it shows.
      const badge = livePage.locator(`li.session[data-session-id="${planstoneId}"] .moved`).first();
      for (const deadline = Date.now() + 30_000; (await badge.count()) === 0 && Date.now() < deadline; await sleep(500)) {
        await harness.gateway.changeLog.append([changeOf(planstoneSession(sourceId, { room: '1' }), planstoneSession(sourceId, { room: '99' }))]);
      }
      expect(await badge.textContent()).toBe('moved to Room 99');
      // Only that session has one.
      expect(await livePage.locator('li.session .moved').count()).toBe(await livePage.locator(`li.session[data-session-id="${planstoneId}"]`).count());
    } finally {
      await livePage.close();
    }
  }, 90_000);
});
