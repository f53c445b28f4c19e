import type { Redis } from 'ioredis';
import { MemoryQuotaCounter } from './memoryQuotaCounter.js';
import type { QuotaCounter, QuotaTake, QuotaWindow } from './quotaCounter.js';

// KEYS: one counter per window. ARGV: limit, ttlMs per window.
// All-or-nothing: if any window is at its limit nothing is counted.
const TAKE_SCRIPT = `
local counts = {}
local refused = 0
for i = 1, #KEYS do
  counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  local limit = tonumber(ARGV[2 * i - 1])
  if limit > 0 and counts[i] >= limit then refused = 1 end
end
if refused == 1 then
  table.insert(counts, 1, 0)
  return counts
end
for i = 1, #KEYS do
  counts[i] = redis.call('INCR', KEYS[i])
  if counts[i] == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end
end
table.insert(counts, 1, 1)
return counts
`;

export interface RedisQuotaCounterOptions {
  redis: Redis;
  /** Default `sessions-gateway:quota:`. */
  keyPrefix?: string;
  onError?: (error: unknown) => void;
}

/**
 * Quota counters in Redis, shared by every replica: one atomic Lua script checks every
 * window and increments them (INCR, with an expiry set on the first count). When Redis is
 * unreachable the guard does not block traffic: it counts in process memory meanwhile.
 */
export class RedisQuotaCounter implements QuotaCounter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #onError: (error: unknown) => void;
  readonly #fallback = new MemoryQuotaCounter();

  constructor(options: RedisQuotaCounterOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix ?? 'sessions-gateway:quota:';
    this.#onError = options.onError ?? (() => undefined);
  }

  async take(budget: string, windows: readonly QuotaWindow[]): Promise<QuotaTake> {
    try {
      const keys = windows.map((w) => `${this.#prefix}${budget}:${w.key}`);
      const args = windows.flatMap((w) => [String(w.limit), String(Math.ceil(w.ttlMs))]);
      const [allowed, ...counts] = (await this.#redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...args)) as number[];
      return { allowed: allowed === 1, counts };
    } catch (error) {
      this.#onError(error);
      return this.#fallback.takeNow(budget, windows);
    }
  }

  async read(budget: string, windows: readonly QuotaWindow[]): Promise<number[]> {
    try {
      const values = await this.#redis.mget(...windows.map((w) => `${this.#prefix}${budget}:${w.key}`));
      return values.map((v) => (v === null ? 0 : Number(v)));
    } catch (error) {
      this.#onError(error);
      return this.#fallback.readNow(budget, windows);
    }
  }
}
