import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWebExample } from '../../scripts/buildWeb.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { browserCheck, CHROMIUM_ARGS, CHROMIUM_PATH } from './browserSupport.js';

// The web example in headless Chromium, served by the gateway at /examples/web/ and
// talking to it by persisted hashes only (PERSISTED_OPERATIONS_ONLY=true): scroll the
// merged schedule to its end, filter by track, open a speaker.

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
});
