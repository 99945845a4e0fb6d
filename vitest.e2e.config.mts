import { defineConfig } from 'vitest/config';

// End-to-end: `hedgedesk serve` driven in Debian Chromium through playwright-core. Needs `npm run build` first.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
