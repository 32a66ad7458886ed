import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance, type ConformanceOverrides } from '../conformance.js';
import { judge, renderReport, type CaseData } from './checks.js';
import type { LhconfAdapter, LhconfOutcome } from './lhconf-adapter.js';
import { findLighttpd, repoRoot } from './oracle.js';
import { makeCorpus } from './test-corpus.js';
import { firstDifference, unifiedDiff } from './text-diff.js';

const printed = (port: number) => `config {\n    server.port = ${port}\n\n}\n`;

/** Five cases: 001/002 accepted and printed, 003 accepted with a PID-dependent print, 004/005 rejected. */
const corpus = makeCorpus([
  { id: '001', conf: 'server.port = 80\n', printed: printed(80) },
  { id: '002', conf: 'server.port = 81\n', printed: printed(81) },
  { id: '003', conf: 'server.port = var.PID\n', printed: printed(1234), notes: ['p-output-varies-per-run(var.PID)'] },
  { id: '004', conf: 'server.port = \n', tRc: 255, tFirstLine: 'parser failed somehow near here: (EOL)', notes: ['reject:parse-error'] },
  { id: '005', conf: 'x = env.NOPE\n', tRc: 255, tFirstLine: 'Undefined env variable: NOPE', notes: ['reject:undefined-env-var'] },
]);

/** A fake lhconf answering from a table by file name; what it is not told, it accepts with an empty print. */
function fakeAdapter(answers: Record<string, LhconfOutcome>, seen: { file: string; cwd: string; env: object }[] = []): LhconfAdapter {
  return {
    name: 'fake',
    evaluate(c) {
      seen.push({ file: c.file, cwd: c.cwd, env: c.env });
      return answers[c.file] ?? { fatalErrors: [], printed: '' };
    },
  };
}

async function run(args: string[], overrides: ConformanceOverrides) {
  let stdout = '';
  let stderr = '';
  const code = await runConformance(
    ['--corpus', corpus.dir, ...args],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} },
    { live: null, scratchRoot: corpus.scratchRoot, ...overrides },
  );
  return { code, stdout, stderr };
}

const agreeing: Record<string, LhconfOutcome> = {
  '001.conf': { fatalErrors: [], printed: printed(80) },
  '002.conf': { fatalErrors: [], printed: printed(81) },
  '003.conf': { fatalErrors: [], printed: printed(4242) },
  '004.conf': { fatalErrors: ['004.conf:1:15 expected a value'] },
  '005.conf': { fatalErrors: ['005.conf:1:5 env.NOPE is not set'] },
};

describe('conformance harness', () => {
  it('passes when lhconf agrees, running each case in its scratch dir with only PATH, HOME and LANG', async () => {
    const seen: { file: string; cwd: string; env: object }[] = [];
    const r = await run([], { adapter: fakeAdapter(agreeing, seen) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/accepted → accepted\s+3\s+3\s+100\.0%/);
    expect(r.stdout).toMatch(/rejected → rejected\s+2\s+2\s+100\.0%\s+≥100%/);
    // 003's print depends on var.PID: not compared.
    expect(r.stdout).toMatch(/print identical \(recorded -p\)\s+2\s+2\s+100\.0%\s+≥98%/);
    expect(r.stdout).toContain('conformance OK');
    expect(seen[0]).toEqual({
      file: '001.conf',
      cwd: join(corpus.scratchRoot, '001'),
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/nonexistent', LANG: 'C' },
    });
  });

  it('fails below a threshold and names every mismatch with a one-line reason', async () => {
    const answers = {
      ...agreeing,
      '002.conf': { fatalErrors: [], printed: printed(82) },
      '005.conf': { fatalErrors: [] },
    };
    const json = join(mkdtempSync(join(tmpdir(), 'lhconf-json-')), 'out.json');
    const r = await run(['--json', json], { adapter: fakeAdapter(answers) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rejected → rejected\s+2\s+1\s+50\.0%\s+≥100%\s+FAIL/);
    expect(r.stdout).toContain('  005  lhconf accepted; lighttpd: Undefined env variable: NOPE');
    expect(r.stdout).toContain('  002  line 2: recorded "    server.port = 81", lhconf "    server.port = 82"');
    expect(r.stdout).not.toContain('@@');
    expect(r.stdout).toContain('conformance FAILED: below threshold: rejected → rejected; print identical (recorded -p)');
    const written = JSON.parse(readFileSync(json, 'utf8'));
    expect(written.ok).toBe(false);
    expect(written.mismatches.map((m: { check: string; id: string }) => `${m.check}:${m.id}`)).toEqual(['rejected:005', 'print:002']);
  });

  it('shows full diffs with --verbose, and reports lhconf rejecting an accepted config', async () => {
    const answers = {
      ...agreeing,
      '001.conf': { fatalErrors: ['001.conf:1:1 boom'] },
      '002.conf': { fatalErrors: [], printed: printed(82) },
    };
    const r = await run(['--verbose'], { adapter: fakeAdapter(answers) });
    expect(r.stdout).toContain('  001  lhconf: 001.conf:1:1 boom; lighttpd: Syntax OK');
    expect(r.stdout).toContain('  001  lhconf printed nothing: 001.conf:1:1 boom');
    expect(r.stdout).toContain('      -    server.port = 81\n      +    server.port = 82');
  });

  it('runs only the cases given with --only and refuses unknown ids', async () => {
    const seen: { file: string; cwd: string; env: object }[] = [];
    expect((await run(['--only', '004,001'], { adapter: fakeAdapter(agreeing, seen) })).code).toBe(0);
    expect(seen.map((s) => s.file)).toEqual(['001.conf', '004.conf']);
    const r = await run(['--only', '999'], { adapter: fakeAdapter(agreeing) });
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('999') });
  });

  it('skips, successfully, when the corpus is absent', async () => {
    let stdout = '';
    const code = await runConformance(['--corpus', join(corpus.dir, 'absent')], { stdout: (t) => (stdout += t), stderr: () => {}, env: {} });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^conformance skipped: .*absent not found/);
  });

  it('fails rather than skipping the live checks when LHCONF_REQUIRE_LIGHTTPD=1 and lighttpd is missing', async () => {
    let stderr = '';
    const code = await runConformance(['--corpus', corpus.dir], { stdout: () => {}, stderr: (t) => (stderr += t), env: { LHCONF_REQUIRE_LIGHTTPD: '1' } }, { adapter: fakeAdapter(agreeing), live: null });
    expect(code).toBe(1);
    expect(stderr).toContain('lighttpd 1.4.69 is not installed');
  });
});

describe('lint checks', () => {
  /** A case lighttpd -tt accepted silently (or with `ttStderr`), and lhconf's lint findings on it. */
  const linted = (id: string, findings: { ruleId: string; messageId: string; severity: 'error' | 'warning' }[], ttStderr = ''): CaseData => ({
    row: { id, source: 'github', repo: '', path: '', commit: '', bytes: 0, lines: 0, tRc: 0, tFirstLine: 'Syntax OK', notes: [] },
    lhconf: { fatalErrors: [], lint: findings.map((f) => ({ ...f, message: `${f.ruleId} says`, where: `${id}.conf:1:1` })) },
    live: { t: { status: 0, stdout: '', stderr: '', firstLine: 'Syntax OK' }, tt: { status: 0, stdout: '', stderr: ttStderr } },
  });

  it('counts an error on a silent config as failed, names the listed exception that explains it, and lists every exception with its reason', () => {
    const report = judge([
      linted('001', [{ ruleId: 'syntax', messageId: 'ignored-token', severity: 'error' }]),
      linted('002', [{ ruleId: 'no-root-user', messageId: 'root', severity: 'error' }]),
      linted('003', [{ ruleId: 'require-server-username', messageId: 'noUsername', severity: 'warning' }]),
    ]);
    expect(report.summaries.find((s) => s.check === 'lintQuiet')).toMatchObject({ cases: 3, passed: 1 });
    const text = renderReport(report, false);
    expect(text).toContain('lint: no error where -tt is silent: 2 mismatches (1 explained by a listed exception)');
    expect(text).toContain('  001  [listed exception syntax/ignored-token] 001.conf:1:1 syntax: syntax says');
    expect(text).toContain('  002  002.conf:1:1 no-root-user: no-root-user says');
    expect(text).toMatch(/^ {2}syntax\/ignored-token in "lint: no error where -tt is silent", cases 001: lighttpd 1\.4\.69 drops tokens/m);
  });

  it('measures recall on the problems -tt reports', () => {
    const stderr = '2026-01-01 00:00:00: (configfile.c.1289) WARNING: unknown config-key: auth.debug (ignored)\n';
    const found = linted('001', [{ ruleId: 'no-deprecated-directive', messageId: 'removed', severity: 'warning' }], stderr);
    found.lhconf.lint![0]!.message = '"auth.debug" was removed in lighttpd 1.4.42';
    const report = judge([found, linted('002', [], stderr)]);
    expect(report.summaries.find((s) => s.check === 'lintRecall')).toMatchObject({ cases: 2, passed: 1 });
    expect(renderReport(report, false)).toContain('  002  no no-deprecated-directive for "WARNING: unknown config-key: auth.debug (ignored)"');
  });
});

describe('text diffs', () => {
  it('names the first differing line, including a missing one', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
    expect(firstDifference('a\nb', 'a\nc')).toBe('line 2: lighttpd "b", lhconf "c"');
    expect(firstDifference('a\nb', 'a')).toBe('line 2: lighttpd "b", lhconf <end of output>');
  });

  it('writes hunks with context, merging close changes', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[2] = 'X';
    b[4] = 'Y';
    b[17] = 'Z';
    expect(unifiedDiff(a.join('\n'), b.join('\n'), { expected: 'a', actual: 'b' }, 1).split('\n')).toEqual([
      '--- a', '+++ b',
      '@@ -2,5 +2,5 @@', ' l1', '-l2', '+X', ' l3', '-l4', '+Y', ' l5',
      '@@ -17,3 +17,3 @@', ' l16', '-l17', '+Z', ' l18',
    ]);
  });
});

// The harness against the real corpus: replaying the recorded verdicts must agree everywhere, and the
// installed lighttpd 1.4.69 (when present) must reproduce them on this machine.
const sharedCorpus = join(repoRoot, '../shared/corpus');
describe.skipIf(!existsSync(sharedCorpus))('shared corpus', () => {
  it('agrees with itself through the replay adapter', async () => {
    const live = findLighttpd('1.4.69');
    if (!live && process.env.LHCONF_REQUIRE_LIGHTTPD === '1') throw new Error('lighttpd 1.4.69 not installed');
    let stdout = '';
    const code = await runConformance(['--adapter', 'replay'], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), env: {} }, { live: live ?? null });
    expect(stdout).toContain('conformance OK');
    expect(stdout).not.toContain('mismatch');
    expect(code).toBe(0);
    // Three lighttpd runs for each of ~400 configs: about a minute on an idle 2-core machine, more under load.
  }, 300_000);
});
