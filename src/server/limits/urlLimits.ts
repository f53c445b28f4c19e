import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { ErrorCode, limitError } from '../../errors/index.js';
import { formatCount } from './formatCount.js';
import type { RejectRequest } from './requestGate.js';

const WHAT_TO_DO = 'Send the operation by POST, or as a persisted operation (`documentId`, or `extensions.persistedQuery` with its hash).';

/**
 * A GET whose URL (path and query string, as sent) is longer than `maxGetUrlBytes` is
 * refused with 414 and URL_TOO_LONG, saying to use POST or a persisted operation. The
 * limit sits below Node's header limit (see `answerHeaderOverflowWithJson`) at what proxies
 * and CDNs commonly pass, so a GET works the same with or without one in front.
 */
export function getUrlLimit(maxGetUrlBytes: number, reject: RejectRequest): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const bytes = Buffer.byteLength(req.originalUrl, 'utf8');
    if (bytes <= maxGetUrlBytes) {
      next();
      return;
    }
    const message = `The request's URL is ${formatCount(bytes)} bytes; this gateway reads GET URLs of at most ${formatCount(maxGetUrlBytes)}. ${WHAT_TO_DO}`;
    reject(req, res, 414, limitError(ErrorCode.URL_TOO_LONG, message, { limit: maxGetUrlBytes, measured: bytes }, 414));
  };
}

/**
 * Node answers a request whose request line and headers pass its header limit
 * (`maxHeaderSize`, 16 KB by default) with a bare `431` before Express runs. This answers
 * it instead with a GraphQL-shaped JSON body — URL_TOO_LONG, the limit, what to do (a URL
 * that long is almost always a GET carrying its document) — and keeps Node's default
 * answers for every other client error (400, 408, 413, then the socket is closed).
 */
export function answerHeaderOverflowWithJson(server: http.Server): void {
  const limit = (server as { maxHeaderSize?: number }).maxHeaderSize ?? http.maxHeaderSize;
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex & { _httpMessage?: { headersSent?: boolean } | null }) => {
    // As Node does: answer only when no answer of this (keep-alive) connection is half-sent.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const message = `The request's URL and headers are larger than this gateway reads (${formatCount(limit)} bytes). ${WHAT_TO_DO}`;
      const body = JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.URL_TOO_LONG, limit } }] });
      closeWith(
        socket,
        `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const status =
      error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? '413 Payload Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    closeWith(socket, `HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });
}

/** How long a refused connection may stay open for its client to read the answer. */
const LINGER_MS = 5_000;

/**
 * Writes a raw answer and closes the connection (the parser has given up on it). The client
 * may still be sending what did not fit: that is read and dropped, and the socket closed
 * when the client closes its side (or after LINGER_MS), because closing a socket with
 * unread data resets the connection — and the client would lose the answer.
 */
function closeWith(socket: Duplex, answer: string): void {
  socket.on('data', () => undefined);
  socket.resume();
  socket.end(answer);
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
}
