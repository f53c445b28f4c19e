import type { PlanstoneDataset } from '../types.js';
import { createDataset } from './dataset.js';

const cache = new Map<number, PlanstoneDataset>();

/**
 * The data set for a seed, generated once per process and deep-frozen: emulators with the
 * same seed share it, and any handler that tried to mutate a stored document would throw.
 */
export function planstoneDataset(seed: number): PlanstoneDataset {
  let dataset = cache.get(seed);
  if (!dataset) {
    dataset = deepFreeze(createDataset(seed));
    cache.set(seed, dataset);
  }
  return dataset;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
