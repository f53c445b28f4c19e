import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { querydef } from './envelope.js';
import { eveError, renderContext, requireAuth, type FeedContext } from './feedContext.js';
import { parsePaging } from './paging.js';
import { applyProjection, parseProjection } from './projection.js';
import { render } from './render.js';
import { EVE_EPOCH } from './seed/eveDocument.js';
import type { PlanstoneResource } from './types.js';

/** Eve's default item URL rule: a lowercase 24-hex ObjectId. Anything else is not a route (404 before auth). */
export const ITEM_ID = /^[a-f0-9]{24}$/;

const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type ItemRequest = Pick<EmulatorRequest, 'method' | 'headers' | 'query'>;

/**
 * `GET /{resource}/{_id}` as Eve's `getitem_internal`: the document with `_links` self,
 * parent and collection, `ETag: "<_etag>"` and `Last-Modified` (the epoch: the feed's
 * documents were loaded outside Eve). 304 when every validator sent (`If-None-Match`,
 * `If-Modified-Since`) holds; 404 for an unknown `_id`.
 */
export function handleItem(context: FeedContext, resource: PlanstoneResource, id: string, req: ItemRequest): EmulatorResponse {
  if (!ITEM_ID.test(id)) return eveError(req, 404);
  const denied = requireAuth(context, req);
  if (denied) return denied;
  const projection = parseProjection(req.query.get('projection'));
  if (!projection.ok) return eveError(req, 400);

  const document = context.dataset().byId(resource, id);
  if (!document || document.account !== context.account) return eveError(req, 404);

  const etag = String(document._etag);
  const headers = { etag: `"${etag}"`, 'last-modified': EVE_EPOCH };
  const validators: boolean[] = [];
  const since = parseHttpDate(header(req, 'if-modified-since'));
  if (since !== undefined) validators.push(0 <= since + 1000); // Eve's weak_date: one second of slack
  const noneMatch = header(req, 'if-none-match');
  if (noneMatch !== undefined) validators.push(noneMatch.replace(/^W\//, '').replace(/"/g, '') === etag);
  if (validators.length > 0 && validators.every(Boolean)) return { status: 304, headers };

  const paging = parsePaging(req.query, context.paginationLimit);
  const collection = `${resource}${querydef(paging.maxResults, { where: req.query.get('where'), sort: req.query.get('sort'), query: req.query }, paging.page)}`;
  const body = {
    ...applyProjection(document, projection.projection),
    _links: {
      self: { title: resource === 'sessions' ? 'session' : 'speaker', href: `${resource}/${id}` },
      parent: { title: 'home', href: '/' },
      collection: { title: resource, href: collection },
    },
  };
  return render(renderContext(req), 200, body, headers);
}

function header(req: ItemRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** RFC 1123 date → epoch ms; undefined when absent or not in that exact format (Eve would 500; we ignore it). */
function parseHttpDate(value: string | undefined): number | undefined {
  const match = value ? RFC1123.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, , day, month, year, hours, minutes, seconds] = match;
  return Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hours), Number(minutes), Number(seconds));
}
