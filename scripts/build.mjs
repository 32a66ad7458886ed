// Bundles the CLI into one file, and the language server (fast start: one module to load, no resolution at run time).
// Library packages are type-checked and emitted by `tsc -b` (pnpm typecheck); the bundle is built
// straight from their sources through the "@lhconf/source" export condition.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { buildLanguageServer } from './build-lsp.mjs';

const outfile = 'packages/cli/dist/lhconf.js';
await build({
  entryPoints: ['packages/cli/src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@lhconf/source'],
  // LHCONF_NO_MINIFY=1: readable names in CPU profiles of the bundle.
  minify: !process.env.LHCONF_NO_MINIFY,
  legalComments: 'linked',
  sourcemap: false,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __lhconfCreateRequire } from 'node:module';const require = __lhconfCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);

// The language server's bin and the VS Code extension's bundles (the .vsix itself: `node scripts/build-lsp.mjs --vsix`).
await buildLanguageServer();
