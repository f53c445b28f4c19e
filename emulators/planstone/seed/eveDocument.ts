import { createHash } from 'node:crypto';

import type { PlanstoneDocument } from '../types.js';

/** Eve's `_created`/`_updated` for documents loaded outside Eve: the epoch, RFC 1123. */
export const EVE_EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * Wraps generated fields as Eve serves a document loaded outside the API: `_id` first, an
 * `_etag` (SHA-1 of the document's JSON, like Eve's `document_etag`, which hashes a sorted-key
 * BSON dump), epoch `_created`/`_updated`, and the item's self link (`"sessions/<_id>"`,
 * title `"session"`).
 */
export function eveDocument(id: string, fields: PlanstoneDocument, resource: string, itemTitle: string): PlanstoneDocument {
  const etag = createHash('sha1')
    .update(JSON.stringify({ _id: id, ...fields }))
    .digest('hex');
  return {
    _id: id,
    ...fields,
    _etag: etag,
    _created: EVE_EPOCH,
    _updated: EVE_EPOCH,
    _links: { self: { title: itemTitle, href: `${resource}/${id}` } },
  };
}
