import { defineConfig } from 'vitest/config';

// Unit and integration tests live next to the code (*.test.ts). The Chromium end-to-end
// tests have their own config (vitest.e2e.config.ts) because they need a built renderer.
export default defineConfig({
  test: {
    include: ['{electron,renderer,drivers,fixtures,cli,bench,scripts}/**/*.test.{ts,tsx}', '*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
