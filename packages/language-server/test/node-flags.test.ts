// The server relaunches itself with its Node flags when its editor started it without them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { REPO } from './lsp-client.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lhconf-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the server: prints the flags it runs with and the arguments it got, then exits with 3. */
const script = path.join(dir, 'serve.ts');
writeFileSync(
  script,
  `import { startWithServerFlags } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'packages/language-server/src/node-flags.ts')).href)};\n` +
    `startWithServerFlags(() => { console.log(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2) })); process.exitCode = 3; });\n`,
);
const run = (flags: string[]) => spawnSync(process.execPath, [...flags, '--import', 'tsx', script, '--stdio'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, LHCONF_LSP_RELAUNCHED: '' } });

it('relaunches once with its young-generation flags, keeping the arguments and the exit status', () => {
  const r = run([]);
  expect(r.stderr).toBe('');
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const seen = JSON.parse(lines[0]!);
  expect(seen.execArgv).toEqual(expect.arrayContaining(['--max-semi-space-size=64', '--min-semi-space-size=64']));
  expect(seen.execArgv).toEqual(expect.arrayContaining(['--import', 'tsx']));
  expect(seen.argv).toEqual(['--stdio']);
  expect(r.status).toBe(3);
});

it('starts in place when the flags are already given', () => {
  const r = run(['--max-semi-space-size=32', '--min-semi-space-size=32']);
  expect(JSON.parse(r.stdout.trim()).execArgv).toEqual(['--max-semi-space-size=32', '--min-semi-space-size=32', '--import', 'tsx']);
  expect(r.status).toBe(3);
});

it('relaunches when only some of the flags are given, the given ones last so that they win', () => {
  const r = run(['--max-semi-space-size=32']);
  expect(JSON.parse(r.stdout.trim()).execArgv).toEqual(['--max-semi-space-size=64', '--min-semi-space-size=64', '--max-semi-space-size=32', '--import', 'tsx']);
  expect(r.status).toBe(3);
});
