import type { CallPolicy } from '../callPolicy.js';

/** Aborted when either is (or the one there is). */
function eitherSignal(outer: AbortSignal | undefined, inner: AbortSignal | undefined): AbortSignal | undefined {
  return outer && inner ? AbortSignal.any([outer, inner]) : (outer ?? inner);
}

/**
 * Nests policies, outermost first: `composePolicies(resilience, quota)` runs every attempt
 * the resilience policy makes through the quota policy, so each retry spends quota and a
 * quota refusal is seen by the breaker as `neutral`. An empty list makes one attempt.
 */
export function composePolicies(...policies: CallPolicy[]): CallPolicy {
  return policies.reduceRight<CallPolicy>(
    (inner, outer) => ({
      run: (call, info) =>
        outer.run((attempt, outerSignal) => inner.run((_inner, innerSignal) => call(attempt, eitherSignal(outerSignal, innerSignal)), info), info),
    }),
    { run: (call) => call(1, undefined) },
  );
}
