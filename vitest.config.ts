import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@lhconf/source'] },
  ssr: { resolve: { conditions: ['@lhconf/source'], externalConditions: ['@lhconf/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 60_000,
  },
});
