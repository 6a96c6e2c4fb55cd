// Build config only. Test config lives in vitest.config.ts: browser tests build the app with this
// file from inside vitest, and test-only imports here break that load (research/stack.md §6).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `npm run start` listens here; `npm run dev:web` forwards API traffic to it.
const server = 'http://localhost:8080';

export default defineConfig({
  root: here('./web'),
  plugins: [solid()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': { target: server, ws: true },
      '/api': server,
      '/healthz': server,
    },
  },
});
