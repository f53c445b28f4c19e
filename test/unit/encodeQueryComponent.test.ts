import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

import { encodeQueryComponent, HttpTransport, toWellFormed } from '../../src/upstream/index.js';
import { findLoneSurrogate, loneSurrogateIn } from '../../src/validation/findLoneSurrogate.js';

// The floor beneath the lone-surrogate refusal (bug: Guidebook's encodeURIComponent threw
// URIError on "\udc00", a server error): the one query-string encoder never throws.

describe('encodeQueryComponent', () => {
  it('never throws: a lone surrogate is encoded as U+FFFD, as URLSearchParams does', () => {
    for (const text of ['\udc00', '\ud800', 'a\ud800b', '\udc00\ud800', '\ud83d']) {
      expect(() => encodeURIComponent(text)).toThrow(URIError);
      expect(encodeQueryComponent(text)).toBe(new URLSearchParams({ v: text }).toString().slice(2).replaceAll('+', '%20'));
      expect(encodeQueryComponent(text)).toContain('%EF%BF%BD');
    }
  });

  it('leaves well-formed text as encodeURIComponent encodes it, surrogate pairs included', () => {
    for (const text of ['', 'plain', 'a b&c=d', '{"pid":{"$in":["1"]}}', '😀', 'é中']) {
      expect(encodeQueryComponent(text)).toBe(encodeURIComponent(text));
      expect(toWellFormed(text)).toBe(text);
    }
  });

  it('HttpTransport builds every provider URL with it, in a stable order', () => {
    const transport = new HttpTransport({
      provider: 'guidebook',
      baseUrl: 'http://127.0.0.1:9/open-api/v1',
      authorization: 'JWT x',
      timeouts: { connectMs: 1, headersMs: 1, bodyMs: 1 },
    });
    const url = transport.url('sessions/', { page: 2, import_id: 'a b\udc00', guide: 42, absent: undefined });
    expect(url.pathname).toBe('/open-api/v1/sessions/');
    expect(url.search).toBe('?guide=42&import_id=a%20b%EF%BF%BD&page=2');
    expect(url.searchParams.get('import_id')).toBe('a b\ufffd');
  });
});

describe('findLoneSurrogate', () => {
  const operationOf = (source: string) => {
    const document = parse(source);
    return { document, operation: document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode };
  };

  it('names the argument path through input objects, lists and fragments', () => {
    const { document, operation } = operationOf(
      'query($a: String, $b: [String!]) { ...F } fragment F on Query { x: tracks(filter: { importId: $a }) { totalCount } speakers(filter: { sourceIds: $b }) { totalCount } }',
    );
    expect(findLoneSurrogate(document, operation, { a: 'ok', b: ['1', 'x\udc00'] })).toEqual({
      argumentName: 'filter.sourceIds[1]',
      fieldName: 'speakers',
      codeUnit: 'U+DC00',
    });
    expect(findLoneSurrogate(document, operation, { a: '\ud800', b: [] })).toEqual({
      argumentName: 'filter.importId',
      fieldName: 'tracks',
      codeUnit: 'U+D800',
    });
    expect(findLoneSurrogate(document, operation, { a: '😀', b: ['1'] })).toBeNull();
  });

  it('ignores variables no argument uses', () => {
    const { document, operation } = operationOf('{ __typename }');
    expect(findLoneSurrogate(document, operation, { unused: '\udc00' })).toBeNull();
  });

  it('loneSurrogateIn finds high and low halves alone, not pairs', () => {
    expect(loneSurrogateIn('\ud83d\ude00')).toBeNull();
    expect(loneSurrogateIn('\ude00\ud83d')).toBe('U+DE00');
    expect(loneSurrogateIn('ok\ud83d')).toBe('U+D83D');
  });
});
