import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reporterNames } from '../src/reporters/index.js';
import { VERSION } from '../src/version.js';

// The built bundle, as users run it: spawned with fixture configs in fixtures/cli/, output compared with
// fixtures/cli/__snapshots__/ (update with `npx vitest run packages/cli -u`, then read the diff).
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(repo, 'packages/cli/dist/lhconf.js');
const fixtures = path.join(repo, 'fixtures/cli');
const project = path.join(fixtures, 'project');
const snapshot = (name: string) => path.join(fixtures, '__snapshots__', name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lhconf(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? project, env, input: options.input ?? '', encoding: 'utf8' });
  const cwd = options.cwd ?? project;
  // Absolute paths and var.PID differ between machines and runs.
  const normalize = (s: string) => s.split(cwd).join('<cwd>').split(repo).join('<repo>/').replace(/(var\.PID\s+= )\d+/, '$1<pid>');
  return { code: r.status, stdout: normalize(r.stdout), stderr: normalize(r.stderr) };
}

/** Output and exit code in one snapshot file, so a reviewer sees both. */
const transcript = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
}, 120_000);

describe('lhconf (built bundle)', () => {
  it('--version and --help', () => {
    expect(lhconf(['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const help = lhconf(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    for (const command of ['lint', 'format', 'print', 'parse', 'rules', 'init']) expect(help.stdout).toContain(`lhconf ${command}`);
    const lintHelp = lhconf(['lint', '--help']).stdout;
    for (const flag of ['--fix-unsafe', '--max-warnings', '--stdin-filepath', '--no-inline-suppress', '--allow-include-shell', '--root'])
      expect(lintHelp).toContain(flag.replace('--no-inline-suppress', '--inline-suppress'));
  });

  it('usage errors exit 2, with a did-you-mean for commands', () => {
    const typo = lhconf(['lnt']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown command "lnt". Did you mean lint?');
    expect(lhconf(['lint', '--bogus'])).toMatchObject({ code: 2, stdout: '' });
    expect(lhconf([])).toMatchObject({ code: 2 });
  });

  for (const format of reporterNames) {
    it(`lint -f ${format}: exact output and exit 1`, async () => {
      const r = lhconf(['lint', '-f', format]);
      expect(r.code).toBe(1);
      await expect(transcript(r)).toMatchFileSnapshot(snapshot(`lint-${format}.txt`));
    });
  }

  it('colour: never when piped or with NO_COLOR, forced by FORCE_COLOR', () => {
    const ansi = /\x1b\[\d+m/;
    expect(lhconf(['lint']).stdout).not.toMatch(ansi);
    expect(lhconf(['lint'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ansi);
    expect(lhconf(['lint'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ansi);
  });

  it('--rule is repeatable and leaves the paths after it alone', () => {
    const r = lhconf(['lint', '-f', 'compact', '--rule', 'no-port-as-string=off', '--rule', 'no-server-tag-version=error', 'lighttpd.conf']);
    expect(r.stdout).not.toContain('no-port-as-string');
    expect(r.stdout).toMatch(/^lighttpd\.conf:5:14: error: .*\[no-server-tag-version\]$/m);
    expect(r.stdout).not.toContain('broken.conf');
  });

  it('--root lints a snippet as the main config includes it', async () => {
    const r = lhconf(['lint', '-f', 'compact', '--root', 'lighttpd.conf', 'conf.d/10-vhost.conf']);
    await expect(transcript(r)).toMatchFileSnapshot(snapshot('lint-root.txt'));
  });

  it('--stdin with --stdin-filepath; --max-warnings', () => {
    const input = 'server.port = "80"\nserver.tag = "lighttpd/1.4.69"\n';
    const r = lhconf(['lint', '--stdin', '--stdin-filepath', 'conf.d/new.conf', '-f', 'compact'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^conf\.d\/new\.conf:1:15: warning: .*\[no-port-as-string\]\nconf\.d\/new\.conf:2:14: warning: .*\[no-server-tag-version\]\n$/);
    expect(lhconf(['lint', '--stdin', '--max-warnings', '2', '-f', 'compact'], { input }).code).toBe(0);
    const over = lhconf(['lint', '--stdin', '--max-warnings', '1', '-f', 'compact'], { input });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('lhconf lint: 2 warnings, more than --max-warnings 1\n');
  });

  it('an unreadable or missing file is exit 2 with a clear message', () => {
    expect(lhconf(['lint', 'missing.conf'])).toMatchObject({ code: 2, stderr: 'missing.conf: error: no such file or directory\n' });
    expect(lhconf(['print', 'missing.conf'])).toMatchObject({ code: 2, stderr: 'missing.conf: error: cannot read: ENOENT\n' });
  });

  describe('--fix on a copy', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'lhconf-e2e-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('applies safe fixes only; --fix-unsafe applies the rest', async () => {
      const safe = path.join(dir, 'safe');
      cpSync(project, safe, { recursive: true });
      const r = lhconf(['lint', '--fix', '-f', 'compact'], { cwd: safe });
      expect(r.code).toBe(1);
      await expect(transcript(r)).toMatchFileSnapshot(snapshot('lint-fix.txt'));
      await expect(readFileSync(path.join(safe, 'lighttpd.conf'), 'utf8')).toMatchFileSnapshot(snapshot('lint-fix.lighttpd.conf'));

      const unsafe = path.join(dir, 'unsafe');
      cpSync(project, unsafe, { recursive: true });
      const u = lhconf(['lint', '--fix-unsafe', '-f', 'compact'], { cwd: unsafe });
      await expect(transcript(u)).toMatchFileSnapshot(snapshot('lint-fix-unsafe.txt'));
      await expect(readFileSync(path.join(unsafe, 'conf.d/10-vhost.conf'), 'utf8')).toMatchFileSnapshot(snapshot('lint-fix-unsafe.10-vhost.conf'));
    });
  });

  it('print: the effective config like lighttpd -p; errors as file:line:col and exit 1', async () => {
    const r = lhconf(['print', 'lighttpd.conf'], { cwd: path.join(fixtures, 'print') });
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(snapshot('print.txt'));
    const bad = lhconf(['print', 'lighttpd.conf']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^conf\.d\/10-vhost\.conf:3:3: error: /m);
  });

  it('parse --json: { astVersion, file, ast, diagnostics }, exit 1 on syntax errors', () => {
    const r = lhconf(['parse', '--json', 'broken.conf']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ astVersion: 1, file: 'broken.conf', ast: { type: 'Document' } });
    expect(out.diagnostics[0]).toMatchObject({ ruleId: 'syntax', severity: 'error' });
  });

  it('rules and rules <id>', () => {
    expect(lhconf(['rules']).stdout).toMatch(/^no-port-as-string +warning +safe +Disallow quoted numbers/m);
    const doc = lhconf(['rules', 'no-port-as-string']);
    expect(doc.code).toBe(0);
    expect(doc.stdout).toMatch(/^# no-port-as-string\n\nDisallow quoted numbers/);
  });
});
