import type { ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';
import { requireProvider, type ProviderSource } from './requireProvider.js';

/** The providers the gateway writes to (mutations): Planstone is read-only. */
export type WritingProvider = Extract<ProviderName, 'guidebook' | 'roundware'>;

/** A provider's writes for this request: each keeps the request's reads consistent with it. */
export type ProviderWrites<P extends WritingProvider> = ProviderSource<P>['writes'];

/**
 * The writes of `provider` (the mutations' one way to a provider), or a PROVIDER_DISABLED
 * error when it is switched off. Every write answers a WriteOutcome: refusals are user
 * errors, other provider failures reject naming the provider.
 */
export function providerWrites<P extends WritingProvider>(context: GatewayContext, provider: P): ProviderWrites<P> {
  return requireProvider(context, provider).writes;
}
