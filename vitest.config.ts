import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Test config apart from vite.config.ts (build only): vite-plugin-solid would otherwise switch the
// environment to jsdom, and browser tests build the app with vite.config.ts from inside vitest.
export default defineConfig({
  resolve: {
    // graphql@16 ships CJS and ESM builds. Node (and so yoga, loaded untransformed) takes the CJS
    // one, Vite would take the ESM one for our files: two realms, and `instanceof GraphQLError`
    // fails. Pin everything to the build Node uses in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    // Live updates are awaited by polling; on a loaded 2-core machine with two browser suites in
    // parallel they can take more than vitest's default 5 s.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    // Two cores: one worker per core; Redis tests isolate themselves by key prefix and tenant id.
    maxWorkers: 2,
  },
});
