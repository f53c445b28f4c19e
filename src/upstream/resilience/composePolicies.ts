import type { CallPolicy } from '../callPolicy.js';

/**
 * Nests policies, outermost first: `composePolicies(resilience, quota)` runs every attempt
 * the resilience policy makes through the quota policy, so each retry spends quota and a
 * quota refusal is seen by the breaker as `neutral`. An empty list makes one attempt.
 */
export function composePolicies(...policies: CallPolicy[]): CallPolicy {
  return policies.reduceRight<CallPolicy>(
    (inner, outer) => ({
      run: (call, info) => outer.run((attempt) => inner.run(() => call(attempt), info), info),
    }),
    { run: (call) => call(1) },
  );
}
