// Builds the library packages for publishing: JS and .d.ts of packages/{parser,lint,format}/src into each
// package's dist/ (what their "types" and "default" exports point at). One tsc program (tsconfig.build.json)
// type-checks the three together, then each package's output replaces its dist/. Fails on type errors.
// Development never needs this: tests, scripts and the CLI bundle read src/ through the "@lhconf/source" condition.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The packages built here, in dependency order; the directory names under packages/. */
export const LIBRARIES = ['parser', 'simulate', 'lint', 'format'];
// tsconfig.build.json's outDir: tsc writes <outDir>/<package>/src/…
const outDir = join(root, 'node_modules/.cache/lhconf-build-libs');

export function buildLibraries() {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status ?? result.signal})`);
  for (const name of LIBRARIES) {
    const built = join(outDir, name, 'src');
    if (!existsSync(built)) throw new Error(`tsc wrote nothing for packages/${name}`);
    // A `tsc -b` (pnpm typecheck) leaves maps and build info in dist/: replace it whole.
    const dist = join(root, 'packages', name, 'dist');
    rmSync(dist, { recursive: true, force: true });
    renameSync(built, dist);
  }
  rmSync(outDir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    buildLibraries();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
