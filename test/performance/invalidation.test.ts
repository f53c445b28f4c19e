import { describe, it } from 'vitest';

import { MemoryResponseCache } from '../../src/upstream/index.js';
import { invalidationAfterWrite } from './invalidation.js';

describe('write invalidation (in-memory cache)', () => {
  it('a write drops the cached reads it changes, and only those', async () => {
    await invalidationAfterWrite(new MemoryResponseCache());
  });
});
