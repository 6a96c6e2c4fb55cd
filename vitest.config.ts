import { defineConfig } from 'vitest/config';

// Test config apart from vite.config.ts (build only): vite-plugin-solid would otherwise switch the
// environment to jsdom, and browser tests build the app with vite.config.ts from inside vitest.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: one worker per core; Redis tests isolate themselves by tenant id.
    maxWorkers: 2,
  },
});
