import { defineConfig } from 'vitest/config';

// The whole suite runs on SQLite, and again on PostgreSQL when CASEFILE_TEST_DATABASE_URL is set.
const engines = ['sqlite', ...(process.env.CASEFILE_TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    projects: [
      ...engines.map((engine) => ({
        test: {
          name: engine,
          include: ['server/**/*.test.ts', 'cli/**/*.test.ts', 'contract/**/*.test.ts'],
          globalSetup: ['server/testing/global-setup.ts'],
          env: { CASEFILE_TEST_ENGINE: engine },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      })),
      {
        // Pure modules of the web console (no browser, no server).
        test: { name: 'web', include: ['web/**/*.test.ts'] },
      },
      {
        // Browser tests: the built web app on the real server, driven in Debian's Chromium.
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
