import { AsyncResource } from 'node:async_hooks';
import express, { type RequestHandler } from 'express';

/** `application/json`, alone or with `charset=utf-8` (what clients send): the bodies read here. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const DIGITS = /^\d+$/;
/** JSON's whitespace (RFC 8259): what may precede the `{` or `[` of a strict body. */
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * `express.json({ limit })`, with the common case read without its layers: a POST of
 * `application/json` (utf-8) with a declared `Content-Length` within the limit and no
 * `Content-Encoding`. Its bytes are collected, a leading BOM is dropped, and a body that is
 * a JSON object or array becomes `req.body`; one that is not is refused as express.json
 * refuses it (400, `type: 'entity.parse.failed'`, which the body error handler answers as
 * a GraphQL error). Every other request — another type or charset, compressed, chunked,
 * over the limit, no body — goes to express.json itself, so its answers are unchanged.
 */
export function jsonBody(limit: number): RequestHandler {
  const parser = express.json({ limit });
  return (req, res, next) => {
    const { headers } = req;
    const type = headers['content-type'];
    const length = headers['content-length'];
    if (
      req.method !== 'POST' ||
      type === undefined ||
      length === undefined ||
      headers['content-encoding'] !== undefined ||
      headers['transfer-encoding'] !== undefined ||
      !DIGITS.test(length) ||
      !PLAIN_JSON.test(type)
    ) {
      void parser(req, res, next);
      return;
    }
    const declared = Number(length);
    if (declared === 0 || declared > limit) {
      void parser(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    // Listeners stay on the request (it is done with once read): `settled` keeps a late error from answering twice.
    let settled = false;
    const onError = (error: Error) => {
      if (settled) return;
      settled = true;
      next(Object.assign(error, { status: 400, statusCode: 400, expose: true, type: 'request.aborted' }));
    };
    const onEnd = () => {
      if (settled) return;
      settled = true;
      let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let at = 0;
      while (at < text.length && JSON_WHITESPACE.has(text.charCodeAt(at))) at += 1;
      const first = text[at];
      let parsed: unknown;
      let failure: string | undefined;
      // A body that is only a BOM is `{}`, as express.json reads it.
      if (text.length === 0) parsed = {};
      else if (first !== '{' && first !== '[') failure = 'The body is not a JSON object or array.';
      else {
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          failure = error instanceof Error ? error.message : 'The body is not JSON.';
        }
      }
      if (failure !== undefined) {
        next(Object.assign(new SyntaxError(failure), { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed', body: text }));
        return;
      }
      req.body = parsed;
      next();
    };
    req.on('data', onData);
    // Run in the request's async context (its request scope and span), not the HTTP parser's: as raw-body does.
    req.once('end', AsyncResource.bind(onEnd));
    req.once('error', AsyncResource.bind(onError));
  };
}
