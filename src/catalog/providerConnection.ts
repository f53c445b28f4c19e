import {
  connectionFromMergedSources,
  connectionFromOffsetSource,
  fingerprint,
  type Connection,
  type ConnectionArgs,
  type OffsetSource,
} from '../connections/index.js';
import type { UpstreamError } from '../errors/index.js';
import { providerFailures } from './providerFailures.js';

/** A connection read from several providers, and the providers that failed while others answered. */
export interface ProviderConnectionResult<T> {
  connection: Connection<T>;
  /** Providers that failed while the others still answered (to report as partial errors). */
  failures: UpstreamError[];
}

export interface ProviderConnectionOptions {
  /** The connection's kind, in its cursors. */
  kind: string;
  /** What the cursors must match besides the contributing providers (filter, order, ...). */
  identity: Record<string, unknown>;
}

const EMPTY: OffsetSource<never> = { read: async () => ({ items: [], totalCount: 0 }) };

/**
 * One connection over the offset sources of the providers that hold a list (keyed by
 * provider name): the catalog's one merge machinery. No source: an empty list. One source:
 * that provider's list as it is. Several: a merge in `compare` whose cursors resume each
 * provider where it stopped; a provider that fails while another answers is reported in
 * `failures` and its items are left out of this page (every one failing throws the first).
 * The cursors' fingerprint is `identity` plus the contributing providers.
 */
export async function providerConnection<T>(
  sources: Record<string, OffsetSource<T>>,
  compare: (a: T, b: T) => number,
  args: ConnectionArgs,
  { kind, identity }: ProviderConnectionOptions,
): Promise<ProviderConnectionResult<T>> {
  const contributing: Record<string, OffsetSource<T>> = Object.keys(sources).length > 0 ? sources : { none: EMPTY };
  const entries = Object.entries(contributing);
  const options = { kind, fingerprint: fingerprint({ ...identity, sources: Object.keys(contributing).sort() }) };
  if (entries.length === 1) return { connection: await connectionFromOffsetSource(entries[0]![1], args, options), failures: [] };
  const { connection, failures } = await connectionFromMergedSources(contributing, compare, args, options);
  return { connection, failures: providerFailures(failures, entries.length) };
}
