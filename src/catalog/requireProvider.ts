import type { DataSources } from '../datasources/providers.js';
import { ProviderDisabledError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';

/** The datasource of a provider that is switched on. */
export type ProviderSource<K extends ProviderName> = NonNullable<DataSources[K]>;

/** The datasource of `provider`, or a PROVIDER_DISABLED error when it is switched off. */
export function requireProvider<K extends ProviderName>(context: GatewayContext, provider: K): ProviderSource<K> {
  const source = context.dataSources[provider];
  if (!source) throw new ProviderDisabledError(provider);
  return source as ProviderSource<K>;
}
