// Hive Gateway's configuration for the bench (found by name in the working directory).
// PEER_RESPONSE_CACHE_TTL_MS > 0 turns on its whole-response cache (Hive's `responseCaching`,
// the Envelop/Yoga `useResponseCache` over the gateway's in-memory cache) with that TTL and
// one shared scope (`session: () => null`: the bench has no callers to tell apart, and ours
// shares its provider answers the same way); unset or 0: no response cache. Set by bench/peer.ts.
import process from 'node:process';

const ttl = Number(process.env.PEER_RESPONSE_CACHE_TTL_MS ?? 0);

export const gatewayConfig = ttl > 0 ? { responseCaching: { ttl, session: () => null } } : {};
