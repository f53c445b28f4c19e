import { currentReadRecord, ReadRecord } from '../../upstream/index.js';

/** What the operation's own answer allows, decided where the answer is known (the `willSendResponse` step). */
export interface ResponseVerdict {
  /** The cache hints of the operation. */
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
  /** The operation's name (`(anonymous)` without one), for the metrics and log line of the answers served from the cache. */
  operation: string;
}

/**
 * One operation executed under the response cache: its upstream reads (ReadRecord, filled
 * by the upstream clients) and, once its answer is known, the verdict: set only for an
 * error-free answer to a query that another request with the same key may be given.
 */
export class ResponseTicket extends ReadRecord {
  verdict: ResponseVerdict | undefined;
}

/** The ticket of the operation being executed, if the response cache follows it. */
export function currentTicket(): ResponseTicket | undefined {
  const record = currentReadRecord();
  return record instanceof ResponseTicket ? record : undefined;
}
