/**
 * The gateway's one provider identity: the providers' names (as in `extensions.provider`,
 * in global IDs, in configuration and metrics) and which provider a model's `source` is.
 * Imports nothing, so every layer may import it.
 */

/** The providers, as named in `extensions.provider`, global IDs and configuration. */
export type ProviderName = 'guidebook' | 'roundware' | 'planstone';

/** Every provider, in the order the gateway lists them (configuration, readiness, metrics). */
export const PROVIDER_NAMES: readonly ProviderName[] = ['guidebook', 'roundware', 'planstone'];

/** How a provider is named in messages to people. */
export const PROVIDER_LABELS: Readonly<Record<ProviderName, string>> = { guidebook: 'Guidebook', roundware: 'Roundware', planstone: 'Planstone' };

/** A session-holding provider as the schema's `SessionSource` enum names it. */
export type SessionSourceName = 'GUIDEBOOK' | 'PLANSTONE';

const PROVIDER_OF_SOURCE: Readonly<Record<SessionSourceName, ProviderName>> = { GUIDEBOOK: 'guidebook', PLANSTONE: 'planstone' };

/** The provider behind a `SessionSource` value (a session's or track's `source`). */
export function providerOfSource(source: SessionSourceName): ProviderName {
  return PROVIDER_OF_SOURCE[source];
}

/** The `SessionSource` value of a session-holding provider. */
export function sourceOfProvider(provider: 'guidebook' | 'planstone'): SessionSourceName {
  return provider === 'guidebook' ? 'GUIDEBOOK' : 'PLANSTONE';
}
