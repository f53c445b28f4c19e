import type { GraphQLError } from 'graphql';
import { ProviderDisabledError } from '../errors/index.js';
import type { ProviderName } from '../providers.js';
import type { DataSources } from '../datasources/providers.js';

/** An error to add to the response without failing the field it belongs to. */
export interface PartialError {
  error: GraphQLError;
  path: ReadonlyArray<string | number>;
}

/** What every resolver gets: this operation's datasources, and a way to report partial failures. */
export interface GatewayContext {
  requestId: string;
  dataSources: DataSources;
  /**
   * Errors of a field that still returns data (a merged connection missing one provider).
   * The partial-results plugin adds them to the response's `errors`.
   */
  partialErrors: PartialError[];
}

/** The datasource of `provider`, or a PROVIDER_DISABLED error when it is switched off. */
export function requireProvider<K extends ProviderName>(context: GatewayContext, provider: K): NonNullable<DataSources[K]> {
  const source = context.dataSources[provider];
  if (!source) {
    throw new ProviderDisabledError(provider);
  }
  return source as NonNullable<DataSources[K]>;
}
