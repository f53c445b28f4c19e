import type { GraphQLError } from 'graphql';

import { ErrorCode, limitError } from '../../errors/index.js';
import { formatCount } from '../limits/index.js';

/** What one WebSocket connection holds (an HTTP stream holds one subscription and has none). */
export interface SubscriptionHolder {
  subscriptions: number;
}

export interface SubscriptionSlotsOptions {
  /** Most subscriptions this process serves at once; 0: none at all. */
  maxPerReplica: number;
  /** Most subscriptions one WebSocket connection holds at once. */
  maxPerConnection: number;
}

/**
 * The subscription limits of one gateway process: at most `maxPerReplica` open at once over
 * every transport, at most `maxPerConnection` on one WebSocket. A subscription takes a slot
 * before it starts and gives it back when it ends, however it ends.
 */
export class SubscriptionSlots {
  readonly #limits: SubscriptionSlotsOptions;
  #open = 0;

  constructor(limits: SubscriptionSlotsOptions) {
    this.#limits = limits;
  }

  /** Subscriptions open now. */
  get open(): number {
    return this.#open;
  }

  /**
   * Takes a slot for a subscription (on `holder`, a WebSocket connection, when it has one):
   * its release (idempotent), or TOO_MANY_SUBSCRIPTIONS (HTTP 429) naming the limit reached.
   */
  take(holder?: SubscriptionHolder): (() => void) | GraphQLError {
    const { maxPerReplica, maxPerConnection } = this.#limits;
    if (holder && holder.subscriptions >= maxPerConnection) {
      return limitError(
        ErrorCode.TOO_MANY_SUBSCRIPTIONS,
        `This connection already holds ${formatCount(holder.subscriptions)} subscriptions; the gateway allows at most ${formatCount(maxPerConnection)} per connection. Complete one first, or open another connection.`,
        { limit: maxPerConnection, measured: holder.subscriptions },
        429,
      );
    }
    if (this.#open >= maxPerReplica) {
      return limitError(
        ErrorCode.TOO_MANY_SUBSCRIPTIONS,
        maxPerReplica === 0
          ? 'This gateway serves no subscriptions (SUBSCRIPTIONS_MAX=0).'
          : `This gateway instance already serves ${formatCount(this.#open)} subscriptions, its limit: try again later (another instance behind the load balancer may have room).`,
        { limit: maxPerReplica, measured: this.#open },
        429,
      );
    }
    this.#open += 1;
    if (holder) holder.subscriptions += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open -= 1;
      if (holder) holder.subscriptions -= 1;
    };
  }
}
