import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@lhconf/source'] },
  ssr: { resolve: { conditions: ['@lhconf/source'], externalConditions: ['@lhconf/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 60_000,
    // Hooks start servers and build fixtures; on a loaded 2-core CI machine 10 s (the default) is not enough.
    hookTimeout: 60_000,
  },
});
