import type { DataSources } from '../datasources/providers.js';
import { ProviderDisabledError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';
import type { GatewayContext } from './context.js';

/** The datasource of `provider`, or a PROVIDER_DISABLED error when it is switched off. */
export function requireProvider<K extends ProviderName>(context: GatewayContext, provider: K): NonNullable<DataSources[K]> {
  const source = context.dataSources[provider];
  if (!source) throw new ProviderDisabledError(provider);
  return source as NonNullable<DataSources[K]>;
}
