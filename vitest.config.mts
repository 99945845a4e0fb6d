import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code; cross-module integration tests live in tests/integration.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'drill/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
