import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonBody } from '../../src/server/jsonBody.js';

// jsonBody reads the usual POST itself and hands everything else to express.json: for every
// kind of body, both must leave the same `req.body` or the same error (status and type) —
// over real loopback HTTP, the same request sent to an app with each.

const LIMIT = 64;
/** A request scope set before the body is read (as observeRequests sets one). */
const scope = new AsyncLocalStorage<string>();

async function appWith(parser: RequestHandler): Promise<{ url: string; server: http.Server }> {
  const app = express();
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) => {
    res.status(200).json({ error: { status: error.status, type: error.type } });
  };
  const answer: RequestHandler = (req, res) => {
    res.json({ body: req.body as unknown, scope: scope.getStore() });
  };
  const scoped: RequestHandler = (req, _res, next) => scope.run(String(req.headers['x-scope'] ?? 'none'), next);
  app.post('/', scoped, parser, answer, onError);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

let ours: { url: string; server: http.Server };
let theirs: { url: string; server: http.Server };
beforeAll(async () => {
  ours = await appWith(jsonBody(LIMIT));
  theirs = await appWith(express.json({ limit: LIMIT }));
});
afterAll(() => {
  ours.server.close();
  theirs.server.close();
});

const send = async (url: string, body: string | Buffer, headers: Record<string, string>) => {
  const response = await request(url, { method: 'POST', body, headers });
  return { status: response.statusCode, answer: await response.body.text() };
};

const JSON_TYPE = { 'content-type': 'application/json' };
const CASES: Array<[string, string | Buffer, Record<string, string>]> = [
  ['an object', '{"query":"{ a }","variables":{"x":[1,2]}}', JSON_TYPE],
  ['an array', '[{"query":"{ a }"}]', JSON_TYPE],
  ['with charset=utf-8', '{"a":"é"}', { 'content-type': 'application/json; charset=utf-8' }],
  ['leading whitespace', ' \n\t{"a":1}', JSON_TYPE],
  ['a BOM', '\uFEFF{"a":1}', JSON_TYPE],
  ['only a BOM', '\uFEFF', JSON_TYPE],
  ['not JSON', '{"a":', JSON_TYPE],
  ['a number (strict)', '123', JSON_TYPE],
  ['a string (strict)', '"x"', JSON_TYPE],
  ['only whitespace', '   ', JSON_TYPE],
  ['over the limit', JSON.stringify({ a: 'x'.repeat(LIMIT) }), JSON_TYPE],
  ['another charset', '{"a":1}', { 'content-type': 'application/json; charset=latin1' }],
  ['gzip', gzipSync('{"a":1}'), { ...JSON_TYPE, 'content-encoding': 'gzip' }],
  ['another type', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['an empty body', '', JSON_TYPE],
];

describe('jsonBody', () => {
  it.each(CASES)('reads %s as express.json does', async (_name, body, headers) => {
    const [mine, reference] = await Promise.all([send(ours.url, body, headers), send(theirs.url, body, headers)]);
    expect(mine).toEqual(reference);
  });

  it('reads a body as it is (the comparison above can fail)', async () => {
    const { answer } = await send(ours.url, '{"query":"{ a }"}', JSON_TYPE);
    expect(JSON.parse(answer)).toEqual({ body: { query: '{ a }' }, scope: 'none' });
    // Regression: read on the request's 'end' event, the rest of the request ran outside its
    // request scope (masked errors lost their request id).
    const scoped = await send(ours.url, '{"query":"{ a }"}', { ...JSON_TYPE, 'x-scope': 'request-7' });
    expect(JSON.parse(scoped.answer)).toEqual({ body: { query: '{ a }' }, scope: 'request-7' });
    const refused = await send(ours.url, '123', JSON_TYPE);
    expect(JSON.parse(refused.answer)).toEqual({ error: { status: 400, type: 'entity.parse.failed' } });
  });
});
