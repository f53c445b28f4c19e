import type { LocationModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { requireProvider } from './requireProvider.js';

/**
 * Guidebook locations (a session's rooms) by id, in one batch and in order: each result is
 * the location or its error (NotFoundError naming Guidebook for a dangling reference), for
 * the caller to keep or report (resolvers/support's keepExisting).
 */
export function locationsByGuidebookIds(context: GatewayContext, sourceIds: readonly string[]): Promise<Array<LocationModel | Error>> {
  return requireProvider(context, 'guidebook').location.loadMany(sourceIds);
}
