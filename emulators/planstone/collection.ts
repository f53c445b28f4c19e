import type { EmulatorRequest, EmulatorResponse } from '../kit/index.js';
import { collectionEnvelope } from './envelope.js';
import { eveError, renderContext, requireAuth, type FeedContext } from './feedContext.js';
import { parsePaging } from './paging.js';
import { applyProjection, parseProjection } from './projection.js';
import { render } from './render.js';
import type { PlanstoneFeed } from './seed/planstoneFeed.js';
import { parseSort, sortDocuments, type SortSpec } from './sort.js';
import type { PlanstoneDocument, PlanstoneResource } from './types.js';
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

  const paging = parsePaging(req.query, context.paginationLimit);
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

  const feed = context.dataset();
  const ordered = matches
    ? orderedMatches(context, feed, resource, { scope, matches, sort, key: JSON.stringify([context.account, resource, rawWhere, rawSort]) })
    : [];
  const start = (paging.page - 1) * paging.maxResults;
  const items = ordered.slice(start, start + paging.maxResults).map((document) => applyProjection(document, projection.projection));

  const envelope = collectionEnvelope(resource, items, paging, ordered.length, { where: rawWhere, sort: rawSort, query: req.query });
  return render(renderContext(req), 200, { ...envelope }, { 'x-total-count': String(ordered.length) });
}

interface FindQuery {
  scope: { account: string; conference: string } | undefined;
  matches: (document: unknown) => boolean;
  sort: SortSpec;
  /** Identifies the query (account, resource, raw where and sort). */
  key: string;
}

/**
 * The documents a query matches, in its order. The feed is read-only, so the answer is
 * remembered per data set (paging through a 10,000-session answer matches and sorts once),
 * and a query pinning one account and conference scans only that conference. Same answers
 * as a full scan every time.
 */
function orderedMatches(context: FeedContext, feed: PlanstoneFeed, resource: PlanstoneResource, query: FindQuery): readonly PlanstoneDocument[] {
  const remembered = rememberedAnswer(feed, query.key);
  if (remembered) return remembered;
  const { scope } = query;
  const candidates = scope ? (scope.account === context.account ? feed.scoped(resource, scope.account, scope.conference) : []) : feed[resource];
  const matched = candidates.filter((document) => document.account === context.account && query.matches(document));
  return rememberAnswer(feed, query.key, sortDocuments(matched, query.sort));
}

/** How many distinct queries each data set remembers. */
const ANSWER_CACHE_SIZE = 64;
const answers = new WeakMap<PlanstoneFeed, Map<string, readonly PlanstoneDocument[]>>();

function rememberedAnswer(feed: PlanstoneFeed, key: string): readonly PlanstoneDocument[] | undefined {
  const cache = answers.get(feed);
  const hit = cache?.get(key);
  if (hit && cache) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

function rememberAnswer(feed: PlanstoneFeed, key: string, ordered: readonly PlanstoneDocument[]): readonly PlanstoneDocument[] {
  let cache = answers.get(feed);
  if (!cache) answers.set(feed, (cache = new Map()));
  cache.set(key, ordered);
  if (cache.size > ANSWER_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return ordered;
}
