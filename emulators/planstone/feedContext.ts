import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { isAuthorized } from './auth.js';
import { ERROR_MESSAGES, eveErrorBody, type EveErrorCode } from './errors.js';
import { render, type RenderContext } from './render.js';
import type { PlanstoneFeed } from './seed/planstoneFeed.js';

/** What every handler needs: the data, the token it accepts and the account that token may read. */
export interface FeedContext {
  dataset(): PlanstoneFeed;
  token: string;
  /** Eve's `auth_field`-style scope: documents of other accounts are never visible to the token. */
  account: string;
  /** Eve's `PAGINATION_LIMIT`: the most items a page holds, whatever `max_results` asks. */
  paginationLimit: number;
}

type AnyRequest = Pick<EmulatorRequest, 'method' | 'headers' | 'query'>;

export function renderContext(req: AnyRequest): RenderContext {
  return { accept: req.headers.accept, pretty: (req.method === 'GET' || req.method === 'HEAD') && req.query.has('pretty') };
}

/** An Eve error response, rendered by the request's Accept header. */
export function eveError(req: AnyRequest, code: EveErrorCode, message: string = ERROR_MESSAGES[code], headers: Record<string, string> = {}): EmulatorResponse {
  return render(renderContext(req), code, { ...eveErrorBody(code, message) }, headers);
}

/** Eve's `BasicAuth.authenticate()`: 401 with `WWW-Authenticate: Basic realm="eve"`, or undefined when authorized. */
export function requireAuth(context: FeedContext, req: AnyRequest): EmulatorResponse | undefined {
  if (isAuthorized(req.headers, context.token)) return undefined;
  return eveError(req, 401, ERROR_MESSAGES[401], { 'www-authenticate': 'Basic realm="eve"' });
}
