import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests share one Docker engine and spawn gateways; running files in parallel on 2 cores only adds noise.
    fileParallelism: false,
    // electron-store imports `electron`, which only a real Electron provides: inlined, the main-process tests'
    // vi.mock('electron') reaches it too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
