import type { GuideModel } from '../models/index.js';
import type { GatewayContext } from './context.js';
import { requireProvider } from './requireProvider.js';

/**
 * One guide by its Guidebook id (guides are Guidebook's alone); rejects with NotFoundError
 * naming Guidebook when it has none, PROVIDER_DISABLED when Guidebook is switched off.
 */
export function guideById(context: GatewayContext, sourceId: string): Promise<GuideModel> {
  return requireProvider(context, 'guidebook').guide.load(sourceId);
}
