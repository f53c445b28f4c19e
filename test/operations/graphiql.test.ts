import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildGraphiql } from '../../scripts/buildGraphiql.js';
import { readmeExamples } from '../../scripts/readmeExamples.js';
import { projectRoot } from '../../src/projectRoot.js';
import { createSchema } from '../../src/schema.js';
import { withGraphiqlLink } from '../../src/server/graphiql/index.js';
import { startHarness, type Harness } from '../support/gatewayHarness.js';
import { browserCheck, CHROMIUM_ARGS, CHROMIUM_PATH } from './browserSupport.js';

// Issue 17, item 5: offline, GET /graphql in a browser showed only "Apollo Sandbox cannot be
// loaded" with no way forward. The gateway now serves GraphiQL at /graphiql, built from npm
// packages with every script, stylesheet, font and worker served by the gateway itself, with
// the README's example queries as its tabs; Sandbox's offline message links to it. The
// browser runs offline: every host name but 127.0.0.1 fails to resolve.

const chromiumCheck = browserCheck();
const OFFLINE = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
const README_EXAMPLES = readmeExamples(readFileSync(path.join(projectRoot(), 'README.md'), 'utf8'));

let harness: Harness;
let production: Harness;
let origin: string;

beforeAll(async () => {
  await buildGraphiql();
  harness = await startHarness();
  production = await startHarness({ env: { NODE_ENV: 'production' } });
  origin = new URL(harness.url).origin;
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await production?.close();
});

async function get(base: string, pathname: string, headers: Record<string, string> = {}) {
  const response = await request(new URL(pathname, base), { headers });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

describe("the README's example queries (the page's tabs)", () => {
  it('are found in the README, and each is valid against the schema', () => {
    // Counted independently of the parser, so a parser that drops blocks fails here.
    const section = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8').split('\n## Example queries')[1]!.split('\n## ')[0]!;
    expect(README_EXAMPLES).toHaveLength(section.split('```graphql').length - 1);
    expect(README_EXAMPLES.length).toBeGreaterThanOrEqual(5);
    const schema = createSchema();
    for (const query of README_EXAMPLES) expect(validate(schema, parse(query)), query).toEqual([]);
  });

  it('a README without the section is an error, not an empty page', () => {
    expect(() => readmeExamples('# Title\n\n## Other\n```graphql\n{ a }\n```\n')).toThrow(/Example queries/);
    expect(() => readmeExamples('## Example queries\nnone here\n## Next\n')).toThrow(/graphql/);
  });
});

describe('/graphiql over HTTP', () => {
  it('serves the page and its workers from the gateway, with no URL of another host in the page', async () => {
    const redirect = await get(harness.url, '/graphiql');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/graphiql/');
    const page = await get(harness.url, '/graphiql/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('src="./main.js"');
    expect(page.text).not.toMatch(/(https?:)?\/\/[a-z]/i);
    for (const asset of ['main.js', 'main.css', 'workers/editor.worker.js', 'workers/json.worker.js', 'workers/graphql.worker.js']) {
      const response = await get(harness.url, `/graphiql/${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.text.length, asset).toBeGreaterThan(1000);
    }
  });

  it("Sandbox's page links to it", async () => {
    const landing = await get(harness.url, '/graphql', { accept: 'text/html' });
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('Apollo Sandbox cannot be loaded');
    expect(landing.text).toMatch(/<div class="fallback">[\s\S]*<a href="\/graphiql">[\s\S]*<\/div>[\s\S]*<div id="embeddableSandbox">/);
  });

  it('is not served where Sandbox is not (NODE_ENV=production)', async () => {
    expect((await get(production.url, '/graphiql/')).status).toBe(404);
    expect((await get(production.url, '/graphql', { accept: 'text/html' })).text).not.toContain('/graphiql');
  });

  it("leaves Apollo's page unchanged if its markup is not the one it knows", () => {
    const html = '<html><body><p>Something else</p></body></html>';
    expect(withGraphiqlLink(html)).toBe(html);
  });
});

describe('GraphiQL in headless Chromium, offline', chromiumCheck.suite, () => {
  let browser: Browser;
  let context: BrowserContext;
  const requested: Request[] = [];
  const problems: string[] = [];
  const workers: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, OFFLINE] });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.on('request', (req) => requested.push(req));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  function watch(page: Page): void {
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (req) => problems.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('worker', (worker) => workers.push(worker.url()));
  }

  async function openGraphiql(page: Page): Promise<void> {
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.waitForSelector('.graphiql-query-editor .monaco-editor', { timeout: 30_000 });
  }

  it("Sandbox's page, which cannot load offline, shows a link that opens GraphiQL", async () => {
    const page = await context.newPage();
    await page.goto(new URL('/graphql', harness.url).href);
    await page.getByText('Apollo Sandbox cannot be loaded').waitFor();
    // The link is clickable: the empty Sandbox container over the page lets clicks through.
    await page.getByRole('link', { name: 'Open GraphiQL' }).click();
    await openGraphiql(page);
    expect(page.url()).toBe(`${origin}/graphiql/`);
    // Sandbox really was offline: what failed is Apollo's CDN (and Google's fonts), nothing here.
    const failedHosts = new Set(requested.filter((req) => req.failure() !== null).map((req) => new URL(req.url()).hostname));
    expect(failedHosts.size).toBeGreaterThan(0);
    for (const host of failedHosts) expect(host).toMatch(/(^|\.)(apollographql\.com|googleapis\.com)$/);
    await page.close();
  }, 60_000);

  it('loads every script, stylesheet and Monaco worker from the gateway, with no error', async () => {
    requested.length = 0;
    const page = await context.newPage();
    watch(page);
    await page.goto(new URL('/graphiql', harness.url).href);
    await openGraphiql(page);
    // Monaco starts its GraphQL language worker once the query editor has a model.
    await expect.poll(() => workers.some((url) => url.endsWith('/graphiql/workers/graphql.worker.js')), { timeout: 30_000 }).toBe(true);
    expect(workers.length).toBeGreaterThan(0);
    for (const url of workers) expect(new URL(url).origin).toBe(origin);
    expect(requested.length).toBeGreaterThan(3);
    for (const req of requested) expect(new URL(req.url()).origin, req.url()).toBe(origin);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("opens with the README's example queries as its tabs, in order", async () => {
    const page = await context.newPage();
    // A fresh origin's storage: GraphiQL keeps tabs in localStorage and would restore old ones.
    await page.goto(new URL('/graphiql/', harness.url).href);
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await openGraphiql(page);
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(README_EXAMPLES.length);
    // GraphiQL writes its tab state to storage a moment after it shows the tabs: poll for it.
    const storedQueries = async () => {
      const stored = JSON.parse(((await page.evaluate("localStorage.getItem('graphiql:tabState')")) as string | null) ?? 'null') as {
        tabs: Array<{ query: string }>;
      } | null;
      return stored?.tabs.map((tab) => tab.query);
    };
    await expect.poll(storedQueries, { timeout: 10_000 }).toEqual(README_EXAMPLES);
    // The first tab is shown, named by its operation.
    await expect.poll(() => page.locator('.graphiql-tab').first().textContent()).toContain('HomeSchedule');
    await page.close();
  }, 60_000);

  it('a query typed into a new tab returns data from the gateway', async () => {
    const page = await context.newPage();
    watch(page);
    await page.goto(new URL('/graphiql/', harness.url).href);
    await openGraphiql(page);
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // Monaco closes brackets as they are typed and types over the closing ones.
    await page.keyboard.type('{ tracks(first: 2) { edges { node { name source } } } }', { delay: 10 });
    await page.keyboard.press('Escape');
    const answered = page.waitForResponse(
      (response) =>
        response.url() === `${origin}/graphql` && response.request().method() === 'POST' && (response.request().postData() ?? '').includes('tracks(first: 2)'),
    );
    await page.locator('.graphiql-execute-button').click();
    const response = await answered;
    // On a failure, say what was sent and answered (the editor may have typed something else).
    expect(response.status(), `${response.request().postData()} -> ${await response.text()}`).toBe(200);
    const body = (await response.json()) as { data?: { tracks: { edges: Array<{ node: { name: string; source: string } }> } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.tracks.edges).toHaveLength(2);
    // What the page shows is that answer.
    const firstName = body.data!.tracks.edges[0]!.node.name;
    // (Monaco draws spaces as no-break spaces.)
    await expect
      .poll(async () => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' '), { timeout: 15_000 })
      .toContain(`"name": "${firstName}"`);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
