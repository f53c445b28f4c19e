import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { collectionEnvelope } from './envelope.js';
import { eveError, renderContext, requireAuth, type FeedContext } from './feedContext.js';
import { parsePaging } from './paging.js';
import { applyProjection, parseProjection } from './projection.js';
import { render } from './render.js';
import { parseSort, sortDocuments, type SortSpec } from './sort.js';
import type { PlanstoneResource } from './types.js';
import { constrains, parseWhere, pinnedString } from './where.js';

type CollectionRequest = Pick<EmulatorRequest, 'method' | 'headers' | 'query'>;

/**
 * `GET /{resource}` as Eve's `_perform_find`: auth, then `sort`, `where` and `projection`
 * (each 400 when unusable), then the page. A `where` that does not pin both `account` and
 * `conference` (the docs call both required) matches nothing: 200 with `_items: []`.
 */
export function handleCollection(context: FeedContext, resource: PlanstoneResource, req: CollectionRequest): EmulatorResponse {
  const denied = requireAuth(context, req);
  if (denied) return denied;

  const paging = parsePaging(req.query);
  const rawSort = req.query.get('sort');
  let sort: SortSpec = [];
  if (rawSort) {
    const parsed = parseSort(rawSort);
    if (!parsed) return eveError(req, 400);
    sort = parsed;
  }
  const rawWhere = req.query.get('where');
  let matches: ((document: unknown) => boolean) | undefined;
  let scope: { account: string; conference: string } | undefined;
  if (rawWhere) {
    const where = parseWhere(rawWhere);
    if (!where.ok) return eveError(req, 400, where.message);
    if (constrains(where.query, 'account') && constrains(where.query, 'conference')) {
      matches = where.matches;
      const account = pinnedString(where.query, 'account');
      const conference = pinnedString(where.query, 'conference');
      if (account !== undefined && conference !== undefined) scope = { account, conference };
    }
  }
  const projection = parseProjection(req.query.get('projection'));
  if (!projection.ok) return eveError(req, 400);

  // A query pinning one account and conference only scans that conference (same answer, no full scan).
  const feed = context.dataset();
  const candidates = scope ? (scope.account === context.account ? feed.scoped(resource, scope.account, scope.conference) : []) : feed[resource];
  const matched = matches ? candidates.filter((document) => document.account === context.account && matches(document)) : [];
  const ordered = sortDocuments(matched, sort);
  const start = (paging.page - 1) * paging.maxResults;
  const items = ordered.slice(start, start + paging.maxResults).map((document) => applyProjection(document, projection.projection));

  const envelope = collectionEnvelope(resource, items, paging, ordered.length, { where: rawWhere, sort: rawSort, query: req.query });
  return render(renderContext(req), 200, { ...envelope }, { 'x-total-count': String(ordered.length) });
}
