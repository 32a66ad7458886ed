// The tests of the repository scripts (oracle, conformance harness): the root config with its own
// include, since the root one collects only packages/*/test.
// Run: npx -y pnpm@12 exec vitest run --config scripts/lib/vitest.config.ts
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default defineConfig({
  ...base,
  root: new URL('../..', import.meta.url).pathname,
  test: { ...base.test, include: ['scripts/**/*.test.ts'] },
});
