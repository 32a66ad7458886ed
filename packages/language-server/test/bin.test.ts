// The package's bin, as installed: the CommonJS bundle runs under a "type": "module" package.json and
// answers initialize over stdio.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { REPO, startClient } from './lsp-client.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'packages/language-server/package.json'), 'utf8'));
const bin = path.join(REPO, 'packages/language-server', pkg.bin['lhconf-language-server']);
// Built by scripts/build-lsp.mjs (the repository build). Skipped on a workstation without it; built here in CI.
const binIt = existsSync(bin) || process.env.CI ? it : it.skip;

binIt('lhconf-language-server (the built bin) starts and answers initialize', async () => {
  if (!existsSync(bin)) {
    const build = spawnSync(process.execPath, [path.join(REPO, 'scripts/build-lsp.mjs')], { cwd: REPO, encoding: 'utf8', timeout: 240_000 });
    expect(build.status, `node scripts/build-lsp.mjs failed:\n${build.stderr}`).toBe(0);
  }
  const client = await startClient(REPO, {}, [bin]);
  expect(client.initializeResult.serverInfo?.name).toBe('lhconf-language-server');
  await client.stop();
}, 300_000);
