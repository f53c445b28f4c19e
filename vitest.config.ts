import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

import { SkipSummaryReporter } from './test/support/skipSummaryReporter.js';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node resolves it to the CJS build for every package,
    // while Vite would pick the "module" (.mjs) build for test files — two graphql realms.
    // Pin test files to the same build Node gives everyone else.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The skip summary (tests left out for a missing Chromium or redis-server) comes last.
    reporters: ['default', new SkipSummaryReporter()],
  },
});
