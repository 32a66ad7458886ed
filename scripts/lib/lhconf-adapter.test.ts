import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadParserAdapter } from './lhconf-adapter.js';

// A stand-in @lhconf/parser implementing the evaluator contract: "fatal" in the file name gives a fatal
// error, "warn" a non-fatal one, "throw" makes printConfig throw.
const calls: { path: string; options: object }[] = [];
vi.mock('@lhconf/parser', () => ({
  evaluateFile(path: string, options: object) {
    calls.push({ path, options });
    const at = (message: string, fatal: boolean) => ({
      ruleId: 'semantic', messageId: 'x', message, severity: 'error', fatal,
      range: { file: path, start: { offset: 0, line: 2, column: 5 }, end: { offset: 1, line: 2, column: 6 } },
    });
    if (path.includes('fatal')) return { diagnostics: [at('not fatal', false), at('Undefined env variable', true)] };
    return { diagnostics: path.includes('warn') ? [at('only a warning', false)] : [] };
  },
  printConfig(result: unknown, options: { targetVersion?: string }) {
    if (calls.at(-1)!.path.includes('throw')) throw new Error('no printer');
    return `config {\n    var.CWD = "/x"\n    var.PID = 4242\n    target = "${options.targetVersion}"\n}\n`;
  },
  // The lint cache check parses and evaluates versions of the main file itself.
  parse: () => ({ ast: {}, diagnostics: [] }),
  reparse: () => ({ ast: {}, diagnostics: [] }),
  evaluateDocument: () => ({ diagnostics: [] }),
}));

// lint and format are the real packages' contracts too, reduced to what the adapter calls.
vi.mock('@lhconf/lint', () => ({ lintEvaluation: () => [], LintCache: class { replayed = 0; } }));
vi.mock('@lhconf/format', () => ({ formatBytes: () => ({ ok: false, diagnostics: [] }) }));
const extra = { lint: [], format: { refused: 'syntax errors' }, lintCache: { versions: 6, replayed: 0 } };

const cwd = mkdtempSync(join(tmpdir(), 'lhconf-adapter-'));
for (const name of ['warn.conf', 'fatal.conf', 'throw.conf']) writeFileSync(join(cwd, name), 'server.port = 80\n');
const base = { cwd, env: { PATH: '/bin' }, targetVersion: '1.4.69' };

describe('the @lhconf/parser adapter', () => {
  it('passes the case as the evaluator contract says and prints without var.CWD/var.PID', async () => {
    const adapter = await loadParserAdapter();
    expect(adapter.evaluate({ ...base, file: 'warn.conf' })).toEqual({
      fatalErrors: [],
      printed: 'config {\n    target = "1.4.69"\n}\n',
      ...extra,
    });
    expect(calls.at(-1)).toEqual({
      path: 'warn.conf',
      options: { targetVersion: '1.4.69', cwd, env: { PATH: '/bin' }, allowIncludeShell: true, pid: 4242 },
    });
  });

  it('reports only fatal errors, and does not print a rejected config', async () => {
    const adapter = await loadParserAdapter();
    expect(adapter.evaluate({ ...base, file: 'fatal.conf' })).toEqual({ fatalErrors: ['fatal.conf:2:5 Undefined env variable'], ...extra });
  });

  it('turns an exception into a crash', async () => {
    const adapter = await loadParserAdapter();
    expect(adapter.evaluate({ ...base, file: 'throw.conf' }).crash).toMatch(/^printConfig threw: Error: no printer/);
  });
});
