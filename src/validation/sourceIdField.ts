import { z } from 'zod';

import { parseGlobalId, type NodeType } from '../ids/globalId.js';
import { PROVIDER_LABELS, type ProviderName } from '../providers.js';

/**
 * A global ID that must name a `type` of `provider`; gives its source id. A wrong type, a
 * read-only provider's object (Planstone) or an id the provider could not have issued
 * (`parseGlobalId` applies `isCanonicalSourceId`) is refused here, before any upstream call.
 */
export function sourceIdField(type: NodeType, provider: ProviderName) {
  return z.string().transform((id, ctx) => {
    const decoded = parseGlobalId(id);
    if (!decoded) {
      ctx.addIssue({ code: 'custom', message: 'Not a valid ID: use an `id` value returned by this API.' });
      return z.NEVER;
    }
    if (decoded.type !== type) {
      ctx.addIssue({ code: 'custom', message: `Must be the ID of a ${type}, not of a ${decoded.type}.` });
      return z.NEVER;
    }
    if (decoded.provider !== provider) {
      const why = decoded.provider === 'planstone' ? ' Planstone is read-only.' : '';
      ctx.addIssue({ code: 'custom', message: `Must be a ${PROVIDER_LABELS[provider]} ${type}, not a ${PROVIDER_LABELS[decoded.provider]} one.${why}` });
      return z.NEVER;
    }
    return decoded.sourceId;
  });
}
