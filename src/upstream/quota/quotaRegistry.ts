import type { ProviderName } from '../../providers.js';
import { MemoryQuotaCounter } from './memoryQuotaCounter.js';
import type { QuotaCounter } from './quotaCounter.js';
import { QuotaGuard } from './quotaGuard.js';
import { UNLIMITED, type QuotaLimits } from './quotaLimits.js';
import type { QuotaSnapshot } from './quotaSnapshot.js';

export interface QuotaRegistryOptions {
  /** Where calls are counted: Redis (shared by replicas) or process memory. */
  counter?: QuotaCounter;
  /** Budget per provider; a provider not listed is unlimited (still counted). */
  limits: Partial<Record<ProviderName, QuotaLimits>>;
  now?: () => number;
}

const live = new Set<QuotaRegistry>();

/**
 * The quota guards of one gateway: one per provider and credential, all counting in one
 * store. `snapshot()` is what metrics export.
 */
export class QuotaRegistry {
  readonly #guards = new Map<string, QuotaGuard>();
  readonly #counter: QuotaCounter;
  readonly #limits: Partial<Record<ProviderName, QuotaLimits>>;
  readonly #now: (() => number) | undefined;

  constructor(options: QuotaRegistryOptions) {
    this.#counter = options.counter ?? new MemoryQuotaCounter(options.now);
    this.#limits = options.limits;
    this.#now = options.now;
    live.add(this);
  }

  /** The guard of `provider` under the credential `credentialId` (created on first use). */
  guard(provider: ProviderName, credentialId: string): QuotaGuard {
    const key = `${provider}:${credentialId}`;
    let guard = this.#guards.get(key);
    if (!guard) {
      guard = new QuotaGuard({ provider, credentialId, limits: this.#limits[provider] ?? UNLIMITED, counter: this.#counter, now: this.#now });
      this.#guards.set(key, guard);
    }
    return guard;
  }

  /** Every budget window of this gateway, read from the (shared) counters. */
  async snapshot(): Promise<QuotaSnapshot[]> {
    return (await Promise.all([...this.#guards.values()].map((g) => g.snapshot()))).flat();
  }

  /** Unlists this registry from `quotaSnapshot()` (on gateway stop). */
  close(): void {
    live.delete(this);
  }
}

/**
 * Every budget window of every running gateway in this process, for metrics: one row per
 * provider × credential × window (`day`, `minute`). Rows of the same budget from two
 * gateways of one process (tests) are both listed.
 */
export async function quotaSnapshot(): Promise<QuotaSnapshot[]> {
  return (await Promise.all([...live].map((registry) => registry.snapshot()))).flat();
}
