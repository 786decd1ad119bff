import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests run on source: `@recurrent/<pkg>` resolves to packages/<pkg>/src/index.ts (tRPC style),
// so a unit test never waits for a build. e2e tests run the built CLIs.
export default defineConfig({
  resolve: {
    alias: [{ find: /^@recurrent\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` }],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // tfjs-node is a native addon that fails in worker threads (tfjs#8388): use processes.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
