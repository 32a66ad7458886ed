import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDocument, evaluateFile, evaluateText, parse, printConfig, type Branch, type Condition, type Document, type EvaluateOptions, type Statement } from '../src/index.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/evaluate');

/** The environment fixtures/evaluate/regen.sh runs lighttpd with. */
const options: EvaluateOptions = {
  cwd: '/tmp/lhconf-evaluate',
  pid: 4242,
  targetVersion: '1.4.69',
  env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/nonexistent', LANG: 'C', LHCONF_TEST_VALUE: '/home/test', LHCONF_TEST_PORT: '8080' },
};

const cases = readdirSync(fixtures)
  .filter((f) => f.endsWith('.conf'))
  .map((f) => f.slice(0, -'.conf'.length))
  .sort();

/** Evaluates a fixture for `targetVersion` and compares printConfig with lighttpd's recorded `-p` in `expectedFile`. */
function expectPrintedAsRecorded(name: string, expectedFile: string, targetVersion: string): void {
  const result = evaluateFile(path.join(fixtures, `${name}.conf`), { ...options, targetVersion });
  expect(result.diagnostics.filter((d) => d.fatal)).toEqual([]);
  // lighttpd writes bytes: text read as latin1 (not valid UTF-8) goes back out as latin1
  const latin1 = [...result.files.values()].every((d) => d.encoding === 'latin1');
  expect(printConfig(result)).toBe(readFileSync(path.join(fixtures, expectedFile)).toString(latin1 ? 'latin1' : 'utf8'));
}

describe('fixtures/evaluate: printConfig equals lighttpd 1.4.69 -p', () => {
  for (const name of cases.filter((c) => existsSync(path.join(fixtures, `${c}.p.txt`)))) {
    it(name, () => expectPrintedAsRecorded(name, `${name}.p.txt`, '1.4.69'));
  }
});

describe('fixtures/evaluate: printConfig for 1.4.79 equals lighttpd 1.4.79 -p (`if` / `else if`)', () => {
  for (const name of cases.filter((c) => existsSync(path.join(fixtures, `${c}.p-1.4.79.txt`)))) {
    it(name, () => expectPrintedAsRecorded(name, `${name}.p-1.4.79.txt`, '1.4.79'));
  }

  it('core-values: 1.4.79 range-checks short integers that 1.4.69 truncates', () => {
    const result = evaluateFile(path.join(fixtures, 'core-values.conf'), { ...options, targetVersion: '1.4.79' });
    expect(result.diagnostics.filter((d) => d.fatal).map((d) => d.message)).toEqual([
      expect.stringContaining('unexpected type for key: server.max-worker 2 expected a short integer, range 0 ... 65535'),
    ]);
  });
});

describe('fixtures/evaluate: configs lighttpd 1.4.69 rejects get a fatal diagnostic', () => {
  for (const name of cases.filter((c) => existsSync(path.join(fixtures, `${c}.rejected.txt`)))) {
    it(name, () => {
      const file = path.join(fixtures, `${name}.conf`);
      const result = evaluateFile(file, options);
      const fatal = result.diagnostics.filter((d) => d.fatal);
      expect(fatal.length).toBeGreaterThan(0);
      // `# expect: <messageId> <line>:<column>` on the first line names the diagnostic and where it starts
      const expectation = /^# expect: (\S+) (\d+):(\d+)/.exec(readFileSync(file, 'utf8'));
      if (!expectation) return;
      const [, messageId, line, column] = expectation;
      expect(fatal.map((d) => `${d.messageId} ${d.range.start.line}:${d.range.start.column}`)).toContain(`${messageId} ${line}:${column}`);
    });
  }
});

describe('semantic details', () => {
  const evaluate = (text: string, extra: EvaluateOptions = {}) => evaluateText(text, { ...options, file: '/srv/conf/main.conf', ...extra });

  it('prints `if` / `else if` for 1.4.74 and later', () => {
    const result = evaluate('$HTTP["host"] == "a" { x = 1 }\nelse $HTTP["host"] == "b" { x = 2 }\nelse { x = 3 }\n', { targetVersion: '1.4.85' });
    const out = printConfig(result);
    expect(out).toContain('    if $HTTP["host"] == "a" {\n');
    expect(out).toContain('    else if $HTTP["host"] == "b" {\n');
    expect(out).toContain('    else {\n        # block 3\n');
    expect(printConfig(result, { targetVersion: '1.4.69' })).toContain('    else $HTTP["host"] == "b" {\n');
  });

  it('keeps settings in lighttpd order: += moves the key to the end, the last key fills its place', () => {
    const result = evaluate('a = 1\nb = 2\nc = 3\na += 1\n');
    expect([...result.root.settings.keys()]).toEqual(['var.cwd', 'var.pid', 'var.c', 'var.b', 'var.a']);
    expect(result.root.settings.get('var.a')?.value).toEqual({ kind: 'integer', value: 2 });
    expect(result.root.settings.get('var.a')?.origins.map((r) => r.start.line)).toEqual([1, 4]);
  });

  it('copies an enclosing value for += in a condition and records both origins', () => {
    const result = evaluate('m = ("a")\n$HTTP["host"] == "h" {\n  m += ("b")\n}\n');
    const inner = result.contexts[1]!;
    expect(inner.text).toBe('$HTTP["host"] == "h"');
    expect(inner.settings.get('var.m')?.value).toEqual({
      kind: 'array',
      elements: [
        { key: null, value: { kind: 'string', value: 'a' } },
        { key: null, value: { kind: 'string', value: 'b' } },
      ],
    });
    expect(inner.settings.get('var.m')?.origins.map((r) => r.start.line)).toEqual([1, 3]);
    expect(result.root.settings.get('var.m')?.value).toEqual({ kind: 'array', elements: [{ key: null, value: { kind: 'string', value: 'a' } }] });
  });

  it('relates a duplicate assignment to the first one', () => {
    const result = evaluate('server.port = 80\nserver.port = 81\n');
    const d = result.diagnostics.find((x) => x.messageId === 'duplicate-assignment')!;
    expect(d.fatal).toBe(true);
    expect(d.related?.[0]?.range.start.line).toBe(1);
    expect(d.message).toContain('Duplicate config variable in conditional 0 global: server.port');
  });

  it('warns but goes on when an appended array repeats a key with the same value', () => {
    const result = evaluate('x = ("a" => 1) + ("A" => 1)\n');
    expect(result.diagnostics.map((d) => [d.messageId, d.fatal])).toEqual([['duplicate-array-key-ignored', false]]);
    expect(result.fatal).toBe(false);
  });

  it('does not report a reference to a key whose assignment already failed', () => {
    const result = evaluate('x = nothere\ny = x\n');
    expect(result.diagnostics.map((d) => d.messageId)).toEqual(['undefined-variable']);
  });

  it('refuses arrays where lighttpd wants a string operand', () => {
    const result = evaluate('x = ( ("a") => 1 )\n$HTTP[("url")] == "/" {}\ninclude ("a")\n');
    expect(result.diagnostics.map((d) => `${d.messageId} ${d.range.start.line}:${d.range.start.column}`)).toEqual([
      'operand-not-string 1:7',
      'operand-not-string 2:7',
      'operand-not-string 3:9',
    ]);
  });

  it('simplifies =~ only from 1.4.65 on', () => {
    expect(evaluate('$HTTP["url"] =~ "^/a" {}\n').contexts[1]?.text).toBe('$HTTP["url"] =^ "/a"');
    expect(evaluate('$HTTP["url"] =~ "^/a" {}\n', { targetVersion: '1.4.64' }).contexts[1]?.text).toBe('$HTTP["url"] =~ "^/a"');
  });

  it('reports an unknown condition with lighttpd\'s text', () => {
    const d = evaluate('$HTTP["Host"] == "x" {}\n').diagnostics[0]!;
    expect(d.messageId).toBe('unknown-condition');
    expect(d.message).toContain('error comp_key $HTTP["Host"] == "x"');
  });

  it('links else branches and negates the catch-all key', () => {
    const result = evaluate('$HTTP["url"] =^ "/a" { x = 1 }\nelse { x = 2 }\n');
    const [, first, catchAll] = result.contexts;
    expect(first?.next).toBe(catchAll);
    expect(catchAll?.prev).toBe(first);
    expect(catchAll?.isElse).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('includes', () => {
  const files: Record<string, string> = {
    '/etc/l/main.conf': 'include "conf.d/*.conf"\ninclude "sub/a.conf"\n',
    '/etc/l/conf.d/10-b.conf': 'b = 1\n',
    '/etc/l/conf.d/05-a.conf': 'a = 1\n',
    '/etc/l/sub/a.conf': 'include "sub/b.conf"\n',
    '/etc/l/sub/b.conf': 'nested = "main-dir relative"\n',
    '/etc/l/loop.conf': 'include "loop.conf"\n',
    '/etc/l/missing.conf': 'include "nope.conf"\ninclude "nope-*.conf"\n',
    '/etc/l/shell.conf': 'include_shell "echo x = 1"\n',
  };
  const fs = {
    readFile: (p: string) => (p in files ? new TextEncoder().encode(files[p]) : undefined),
    glob: (pattern: string) => {
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      return Object.keys(files).filter((f) => re.test(f)).sort();
    },
  };

  it('resolves relative paths against the main config directory, in glob order', () => {
    const result = evaluateFile('/etc/l/main.conf', { ...options, fs });
    expect(result.diagnostics).toEqual([]);
    expect([...result.root.settings.keys()].slice(2)).toEqual(['var.a', 'var.b', 'var.nested']);
    expect(result.includes.map((i) => i.paths)).toEqual([['/etc/l/conf.d/05-a.conf', '/etc/l/conf.d/10-b.conf'], ['/etc/l/sub/a.conf'], ['/etc/l/sub/b.conf']]);
    expect([...result.files.keys()]).toContain('/etc/l/sub/b.conf');
  });

  it('reports a missing literal include but not an empty glob', () => {
    const result = evaluateFile('/etc/l/missing.conf', { ...options, fs });
    expect(result.diagnostics.map((d) => `${d.messageId} ${d.range.start.line}:${d.range.start.column}`)).toEqual(['include-not-found 1:9']);
    expect(result.diagnostics[0]?.message).toContain('/etc/l/nope.conf');
  });

  it('detects include cycles with their chain', () => {
    const result = evaluateFile('/etc/l/loop.conf', { ...options, fs });
    const d = result.diagnostics.find((x) => x.messageId === 'include-cycle');
    expect(d?.fatal).toBe(true);
    expect(d?.message).toContain('/etc/l/loop.conf → /etc/l/loop.conf');
  });

  it('stops at the include depth limit and reports unreadable files', () => {
    const deep = evaluateFile('/etc/l/main.conf', { ...options, fs, maxIncludeDepth: 1 });
    expect(deep.diagnostics.map((d) => [d.messageId, d.range.file])).toEqual([['include-depth', '/etc/l/sub/a.conf']]);
    const unreadable = evaluateFile('/etc/l/main.conf', { ...options, fs: { ...fs, readFile: (p: string) => (p.includes('conf.d') ? undefined : fs.readFile(p)) } });
    expect(unreadable.diagnostics.map((d) => d.messageId)).toEqual(['include-read-failed', 'include-read-failed']);
  });

  it('never runs include_shell unless allowed', () => {
    let ran = 0;
    const runShell = () => {
      ran++;
      return { status: 0, stdout: new TextEncoder().encode('x = 1\n') };
    };
    const off = evaluateFile('/etc/l/shell.conf', { ...options, fs, runShell });
    expect(ran).toBe(0);
    expect(off.diagnostics.map((d) => [d.messageId, d.fatal])).toEqual([['include-shell-not-allowed', false]]);
    const on = evaluateFile('/etc/l/shell.conf', { ...options, fs, runShell, allowIncludeShell: true });
    expect(ran).toBe(1);
    expect(on.root.settings.get('var.x')?.value).toEqual({ kind: 'integer', value: 1 });
    const failing = evaluateFile('/etc/l/shell.conf', { ...options, fs, allowIncludeShell: true, runShell: () => ({ status: 3, stdout: new Uint8Array() }) });
    expect(failing.diagnostics[0]?.message).toContain('exited non-zero: 3');
  });

  it('does not call a key fatal when an include_shell that was not run may set it', () => {
    const result = evaluateText('include_shell "./vars.sh"\nserver.name = var.from-shell\n', { ...options, file: '/etc/l/x.conf' });
    expect(result.diagnostics.map((d) => [d.messageId, d.severity, d.fatal])).toEqual([
      ['include-shell-not-allowed', 'warning', false],
      ['undefined-variable', 'warning', false],
    ]);
  });
});

describe('limits', () => {
  const at = { file: 'deep.conf', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
  /** `$HTTP["url"] =^ "/0" { $HTTP["url"] =^ "/1" { … x = 1 … } }`, built directly (the parser caps nesting). */
  function nestedDocument(depth: number): Document {
    let body: Statement[] = [
      { type: 'Assignment', range: at, key: { type: 'Identifier', name: 'x', range: at }, operator: { type: 'Operator', value: '=', range: at }, value: { type: 'IntegerLiteral', raw: '1', value: 1, range: at } },
    ];
    for (let i = depth - 1; i >= 0; i--) {
      const condition: Condition = {
        type: 'Condition',
        range: at,
        object: { type: 'Identifier', name: 'HTTP', range: at },
        field: { type: 'StringLiteral', raw: '"url"', value: 'url', range: at },
        operator: { type: 'Operator', value: '=^', range: at },
        value: { type: 'StringLiteral', raw: `"/${i}"`, value: `/${i}`, range: at },
      };
      const branch: Branch = { type: 'Branch', range: at, keywords: [], condition, body, open: at, close: at };
      body = [{ type: 'Conditional', range: at, branches: [branch] }];
    }
    return { type: 'Document', file: 'deep.conf', body, comments: [], text: '', bom: false, lineEnding: '\n', encoding: 'utf8', range: at };
  }

  it('evaluates 10,000 nested blocks without overflowing the stack', () => {
    const start = performance.now();
    const result = evaluateDocument(nestedDocument(10_000), options);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(result.contexts.length).toBe(10_001);
    expect(result.contexts[10_000]?.settings.get('var.x')?.value).toEqual({ kind: 'integer', value: 1 });
  });

  it('prints deeply nested blocks iteratively', () => {
    const out = printConfig(evaluateDocument(nestedDocument(2_000), options));
    expect(out).toContain(`${' '.repeat(4 * 2000)}# block 2000\n`);
  });

  it('evaluates a 150,000-line file in linear time', () => {
    const lines: string[] = [];
    for (let i = 0; i < 150_000; i++) {
      lines.push(i % 3 === 0 ? `v${i} = "x" + ${i}` : i % 3 === 1 ? `list += ( "k${i}" => ${i} )` : `$HTTP["host"] == "h${i % 100}" { s${i} = v${i - 2} }`);
    }
    const { ast } = parse(lines.join('\n'), { file: 'big.conf' });
    const start = performance.now();
    const result = evaluateDocument(ast, options);
    expect(performance.now() - start).toBeLessThan(5_000); // about 1 s on an idle machine
    expect(result.fatal).toBe(false);
    expect(result.root.settings.get('var.list')?.origins.length).toBe(50_000);
  });
});
