import { createHash } from 'node:crypto';
import fc from 'fast-check';

import { hostileStringArb } from './hostileValues.js';
import type { FuzzOperation } from './operationArbitrary.js';

/** One HTTP request to the gateway, as sent (the path is relative to the gateway's origin). */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: string, headers: Record<string, string> = JSON_TYPE): FuzzRequest => ({ method: 'POST', path: '/graphql', headers, body });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `{"a":{"a":…}}` or `[[…]]`, `levels` deep, as JSON text (built as text: no recursion). */
function nestedJson(levels: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}` : `${'['.repeat(levels)}1${']'.repeat(levels)}`;
}

/**
 * Well-formed operations over every transport the gateway accepts, and malformed requests:
 * bad JSON, wrong content types, odd methods, mixed and oversized batches, oversized bodies
 * and headers, deeply nested JSON and documents, bad persisted-query extensions.
 */
export function requestArbitrary(operations: fc.Arbitrary<FuzzOperation>): fc.Arbitrary<FuzzRequest> {
  const asPost = operations.map((operation) => post(JSON.stringify(operation)));
  const asGet = fc
    .tuple(operations, fc.boolean(), fc.constantFrom<'json' | 'graphql-response' | '*/*' | 'text/html'>('json', 'graphql-response', '*/*', 'text/html'))
    .map(([operation, preflight, accept]): FuzzRequest => {
      const params = new URLSearchParams({ query: operation.query });
      if (operation.variables) params.set('variables', JSON.stringify(operation.variables));
      if (operation.operationName !== undefined) params.set('operationName', operation.operationName);
      const headers: Record<string, string> = {
        accept: accept === 'json' ? 'application/json' : accept === 'graphql-response' ? 'application/graphql-response+json' : accept,
      };
      if (preflight) headers['apollo-require-preflight'] = 'true';
      return { method: 'GET', path: `/graphql?${params.toString()}`, headers };
    });
  const badJson = fc
    .oneof(
      fc.constantFrom(
        '',
        '{',
        '[',
        'null',
        'true',
        '1',
        '"x"',
        '[]',
        '{}',
        '{"query":5}',
        '{"query":null}',
        '{"query":""}',
        '{"query":"{__typename}","variables":"x"}',
        '{"query":"{__typename}","variables":[1]}',
        '{"query":"{__typename}","operationName":5}',
        '{"query":"{__typename}","extensions":"x"}',
        '{"query":["{__typename}"]}',
        '{"query":"{__typename}"}garbage',
        '\u0000',
        '\ufeff{"query":"{__typename}"}',
      ),
      operations.chain((operation) => {
        const text = JSON.stringify(operation);
        return fc.integer({ min: 0, max: text.length - 1 }).map((cut) => text.slice(0, cut));
      }),
      fc.string({ maxLength: 60, unit: 'binary' }),
    )
    .map((body) => post(body));
  const contentTypes = fc
    .tuple(
      operations,
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'application/graphql',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/xml',
        '',
        'application/json, text/plain',
        'application/graphql-response+json',
      ),
    )
    .map(([operation, type]) => post(JSON.stringify(operation), type ? { 'content-type': type } : {}));
  const otherBodies = fc.oneof(
    operations.map((operation) => post(operation.query, { 'content-type': 'application/graphql' })),
    operations.map((operation) => post(new URLSearchParams({ query: operation.query }).toString(), { 'content-type': 'application/x-www-form-urlencoded' })),
    operations.map((operation) =>
      post(`--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify(operation)}\r\n--x--\r\n`, {
        'content-type': 'multipart/form-data; boundary=x',
        'apollo-require-preflight': 'true',
      }),
    ),
  );
  const batchItem = fc.oneof(
    { weight: 3, arbitrary: operations as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 1, 'x', [], {}, [{ query: '{__typename}' }], { query: 5 }, true) },
  );
  const batches = fc.oneof(
    fc.array(batchItem, { minLength: 0, maxLength: 4 }).map((items) => post(JSON.stringify(items))),
    fc.integer({ min: 11, max: 40 }).map((n) => post(JSON.stringify(Array.from({ length: n }, () => ({ query: '{__typename}' }))))),
  );
  const oversized = fc.oneof(
    fc.integer({ min: 100_000, max: 300_000 }).map((size) => post(JSON.stringify({ query: '{__typename}', variables: { pad: 'x'.repeat(size) } }))),
    fc
      .integer({ min: 1_000, max: 3_000 })
      .map((n) => post(JSON.stringify({ query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }` }))),
    fc.integer({ min: 3_000, max: 20_000 }).map((n) => post(JSON.stringify({ query: `{ ${'__typename '.repeat(n)}}` }))),
  );
  const deep = fc.oneof(
    fc
      .integer({ min: 2, max: 400 })
      .map((levels) =>
        post(
          JSON.stringify({ query: `{ sessions { edges { node { ${'tracks { sessions { edges { node { '.repeat(levels)}name ${'} '.repeat(4 + 4 * levels)}` }),
        ),
      ),
    fc
      .integer({ min: 500, max: 5_000 })
      .map((levels) => post(`{"query":"query($f: SessionFilter) { sessions(filter: $f) { totalCount } }","variables":{"f":${nestedJson(levels, 'object')}}}`)),
    fc
      .integer({ min: 500, max: 20_000 })
      .map((levels) => post(`{"query":"{__typename}","variables":${nestedJson(levels, 'object')},"extensions":${nestedJson(levels, 'array')}}`)),
    fc
      .integer({ min: 100, max: 1_500 })
      .map((levels) => post(JSON.stringify({ query: `query($v: [[ID]]) { nodes(ids: ${'['.repeat(levels)}"x"${']'.repeat(levels)}) { id } }` }))),
  );
  const persisted = fc
    .oneof(
      fc.constantFrom<unknown>(
        { extensions: { persistedQuery: { version: 1, sha256Hash: 'zz' } } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{__typename}') } } },
        { extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{__typename}') } } },
        { extensions: { persistedQuery: { version: 1 } } },
        { extensions: { persistedQuery: { version: '1', sha256Hash: 5 } } },
        { extensions: { persistedQuery: 'x' } },
        { extensions: { persistedQuery: null } },
        { query: '{__typename}', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
        { query: '{__typename}', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } },
        { documentId: 'nope' },
        { documentId: 5, query: '{__typename}' },
      ),
      operations.map((operation) => ({ ...operation, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(operation.query) } } })),
      fc.tuple(operations, hostileStringArb).map(([operation, hash]) => ({ ...operation, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })),
    )
    .map((payload) => post(JSON.stringify(payload)));
  const methods = fc
    .tuple(fc.constantFrom<FuzzRequest['method']>('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), operations)
    .map(([method, operation]): FuzzRequest => ({
      method,
      path: '/graphql',
      headers: JSON_TYPE,
      ...(method === 'HEAD' || method === 'OPTIONS' ? {} : { body: JSON.stringify(operation) }),
    }));
  const headers = fc
    .tuple(
      operations,
      fc.constantFrom('x-request-id', 'traceparent', 'authorization', 'x-api-key', 'apollo-require-preflight', 'accept', 'x-apollo-operation-name', 'cookie'),
      fc.oneof(fc.constantFrom('', '🎉', 'x'.repeat(8_000), 'Bearer x.y.z', '00-0-0-00', '*/*;q=nan'), fc.string({ maxLength: 40 })),
    )
    .map(([operation, name, value]) => post(JSON.stringify(operation), { ...JSON_TYPE, [name]: headerSafe(value) }));
  const hugeHeaders = fc.integer({ min: 17_000, max: 40_000 }).map((size): FuzzRequest => ({
    method: 'GET',
    path: '/graphql?query=%7B__typename%7D',
    headers: { 'apollo-require-preflight': 'true', 'x-padding': 'p'.repeat(size) },
  }));
  return fc.oneof(
    { weight: 30, arbitrary: asPost },
    { weight: 4, arbitrary: asGet },
    { weight: 3, arbitrary: badJson },
    { weight: 2, arbitrary: contentTypes },
    { weight: 2, arbitrary: otherBodies },
    { weight: 3, arbitrary: batches },
    { weight: 1, arbitrary: oversized },
    { weight: 1, arbitrary: deep },
    { weight: 3, arbitrary: persisted },
    { weight: 1, arbitrary: methods },
    { weight: 2, arbitrary: headers },
    { weight: 1, arbitrary: hugeHeaders },
  );
}

/** Header values cannot carry control characters or non-Latin-1 text: those become `?` (and non-ASCII is sent as UTF-8 bytes' Latin-1 reading). */
function headerSafe(value: string): string {
  const printable = [...value].map((char) => (char.charCodeAt(0) < 0x20 || char === '\u007f' ? '?' : char)).join('');
  return Buffer.from(printable, 'utf8').toString('latin1');
}
