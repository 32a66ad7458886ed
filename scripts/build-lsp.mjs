// Bundles the language server (packages/language-server/dist/lhconf-language-server.cjs, the package's bin) and
// the VS Code extension (editors/vscode/dist/extension.js + dist/server.js, the same server bundle), and with
// --vsix (or when CI is set) packages the extension with @vscode/vsce: no marketplace access, and
// `--no-dependencies` since everything the extension runs is in the two bundles. vsce comes through npx (pinned):
// as a workspace dependency its @vscode/vsce-sign install script would need an `allowBuilds` entry.
// scripts/build.mjs calls buildLanguageServer() (and packageVsix() in CI).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverPackage = join(root, 'packages/language-server');
const extensionDir = join(root, 'editors/vscode');
/** Pinned: the version whose `package` output the .vsix test knows. */
export const VSCE = '@vscode/vsce@3.9.2';

/** The .vsix file `packageVsix` writes. */
export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  return join(extensionDir, `${name}-${version}.vsix`);
}

export async function buildLanguageServer() {
  // .cjs: the package is "type": "module", and the bundle is CommonJS (see format below).
  const serverBin = join(serverPackage, 'dist/lhconf-language-server.cjs');
  await build({
    entryPoints: [join(serverPackage, 'src/bin.ts')],
    outfile: serverBin,
    bundle: true,
    platform: 'node',
    // CommonJS: VS Code's Node loads it with require() through vscode-languageclient's `module` option.
    format: 'cjs',
    target: 'node20',
    conditions: ['@lhconf/source'],
    minify: true,
    legalComments: 'linked',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync(serverBin, 0o755);
  // The library entry (createServer, startServer…) for `require('@lhconf/language-server')` outside the workspace.
  await build({
    entryPoints: [join(serverPackage, 'src/index.ts')],
    outfile: join(serverPackage, 'dist/index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['@lhconf/source'],
    legalComments: 'linked',
    logLevel: 'warning',
  });

  const dist = join(extensionDir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  copyFileSync(serverBin, join(dist, 'server.js'));
  copyFileSync(`${serverBin}.LEGAL.txt`, join(dist, 'server.js.LEGAL.txt'));
  await build({
    entryPoints: [join(extensionDir, 'src/extension.ts')],
    outfile: join(dist, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // The client library is a dev dependency of the language server package (editors/ is not a workspace package).
    nodePaths: [join(serverPackage, 'node_modules')],
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

export function packageVsix() {
  const out = vsixPath();
  rmSync(out, { force: true });
  execFileSync('npx', ['-y', VSCE, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
    cwd: extensionDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildLanguageServer();
  if (process.argv.includes('--vsix') || process.env.CI) console.log(`wrote ${packageVsix()}`);
}
