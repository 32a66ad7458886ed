// The engine around the rules: visitor order, report(), config, suppressions, fixes, rendering.
import { evaluateFile, parse, type Diagnostic } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import {
  applyFixes,
  ConfigError,
  defineRule,
  lint,
  lintEvaluation,
  lintText,
  loadConfig,
  renderDiagnostic,
  resolveFileConfig,
  rules as builtinRules,
  validateConfig,
  type Rule,
} from '../src/index.js';
import { globMatcher } from '../src/util/glob.js';

const port = defineRule({
  id: 'test-port',
  description: 'Report every server.port',
  severity: 'warning',
  fixable: 'safe',
  defaultOptions: { max: 100 },
  messages: { found: 'port {value} over {max}', useMax: 'Use {max}' },
  create(ctx) {
    return {
      Assignment(node) {
        if (node.key.name !== 'server.port' || node.value.type !== 'IntegerLiteral') return;
        const { max } = ctx.options!;
        if (node.value.value <= max) return;
        ctx.report({
          node: node.value,
          messageId: 'found',
          data: { value: node.value.value, max },
          fix: { messageId: 'useMax', safe: true, edits: [ctx.replace(node.value, String(max))] },
        });
      },
    };
  },
});

const testRules: Record<string, Rule> = { 'test-port': port, 'no-unused-disable': builtinRules['no-unused-disable'] };
const run = (text: string, config = {}) => lintText(text, { file: 'a.conf', config, rules: testRules });

describe('lint', () => {
  it('calls enter and exit handlers in source order', () => {
    const seen: string[] = [];
    const order = defineRule({
      id: 'order',
      description: 'Record visits',
      severity: 'info',
      messages: { x: 'x' },
      create: () => ({
        Conditional: () => void seen.push('Conditional'),
        'Conditional:exit': () => void seen.push('Conditional:exit'),
        Assignment: (n) => void seen.push(n.key.name),
        'Document:exit': () => void seen.push('Document:exit'),
      }),
    });
    const { ast } = parse('a.b = 1\n$HTTP["url"] == "/" {\n c.d = 2\n}\ne.f = 3\n', { file: 'a.conf' });
    lint({ files: new Map([['a.conf', ast]]), main: 'a.conf' }, {}, { rules: { order } });
    expect(seen).toEqual(['a.b', 'Conditional', 'c.d', 'Conditional:exit', 'e.f', 'Document:exit']);
  });

  it('fills messages and fix titles from data, and applies severity and options from the config', () => {
    const [d] = run('server.port = 8080\n', { rules: { 'test-port': ['error', { max: 1000 }] } });
    expect(d).toMatchObject({ ruleId: 'test-port', severity: 'error', message: 'port 8080 over 1000', fix: { title: 'Use 1000', safe: true } });
    expect(d!.range.start).toEqual({ offset: 14, line: 1, column: 15 });
  });

  it('turns rules off, per file with overrides, and skips ignored files', () => {
    expect(run('server.port = 8080\n', { rules: { 'test-port': 'off' } })).toEqual([]);
    const overrides = { overrides: [{ files: ['*.conf'], rules: { 'test-port': 'off' } }] };
    expect(run('server.port = 8080\n', overrides)).toEqual([]);
    expect(run('server.port = 8080\n', { ignore: ['a.conf'] })).toEqual([]);
  });

  it('fails loudly when a rule reports a fix it did not declare', () => {
    const sneaky = defineRule({
      id: 'sneaky',
      description: 'Report with an undeclared fix',
      severity: 'info',
      messages: { x: 'x' },
      create: (ctx) => ({ Assignment: (n) => ctx.report({ node: n, messageId: 'x', fix: { messageId: 'x', safe: true, edits: [] } }) }),
    });
    expect(() => lintText('a.b = 1\n', { rules: { sneaky } })).toThrow(/declares fixable/);
  });

  it('gives diagnostics in included files their include chain and sorts by file, line, column', () => {
    const main = parse('include "b.conf"\nserver.port = 9000\n', { file: 'main.conf' }).ast;
    const inc = parse('\nserver.port = 7000\n', { file: 'b.conf' }).ast;
    const found = lint(
      { files: new Map([['main.conf', main], ['b.conf', inc]]), main: 'main.conf', includedFrom: new Map([['b.conf', main.body[0]!.range]]) },
      {},
      { rules: testRules },
    );
    expect(found.map((d) => [d.range.file, d.range.start.line])).toEqual([['b.conf', 2], ['main.conf', 2]]);
    expect(found[0]!.includeChain).toEqual([main.body[0]!.range]);
    expect(renderDiagnostic(found[0]!, inc.text)).toContain('included from main.conf:1:1');
  });
});

describe('superseding', () => {
  it('shows a parser diagnostic a rule also reports once, as the rule\'s; with the rule off, the parser\'s', () => {
    const text = 'if $HTTP["url"] =^ "/a" {\n}\n';
    const on = lintText(text, { config: { targetVersion: '1.4.69' } });
    expect(on.map((d) => [d.ruleId, d.messageId])).toEqual([['no-deprecated-if-syntax', 'keyword']]);
    const off = lintText(text, { config: { targetVersion: '1.4.69', rules: { 'no-deprecated-if-syntax': 'off' } } });
    expect(off.map((d) => [d.ruleId, d.messageId])).toEqual([['syntax', 'needs-newer-version']]);
  });
});

describe('inline suppressions', () => {
  const text = [
    '# lhconf-disable-next-line test-port -- load balancer wants it',
    'server.port = 8080',
    'server.port = 8081',
    '# lhconf-disable test-port',
    'server.port = 8082',
    '# lhconf-enable test-port',
    'server.port = 8083',
    '',
  ].join('\n');

  it('hide the next line, or a disable … enable range', () => {
    expect(run(text).map((d) => d.range.start.line)).toEqual([3, 7]);
  });

  it('cover every rule without an id, and the whole file with disable-file', () => {
    expect(run('# lhconf-disable-file\nserver.port = 8080\nserver.port = 9090\n')).toEqual([]);
    expect(run('# lhconf-disable\nserver.port = 8080\n# lhconf-enable\nserver.port = 9090\n').map((d) => d.range.start.line)).toEqual([4]);
  });

  it('are ignored with noInlineSuppress, and unused ones are not reported then', () => {
    const found = run('# lhconf-disable-next-line test-port\nserver.port = 8080\n# lhconf-disable-file test-port\n', { noInlineSuppress: true });
    expect(found.map((d) => d.ruleId)).toEqual(['test-port']);
  });

  it('report unused and unknown ids as no-unused-disable, with a fix that deletes the line', () => {
    const source = 'server.port = 80 # lhconf-disable-next-line test-port\nserver.tag = "x"\n# lhconf-disable-file nope\n';
    const found = run(source);
    expect(found.map((d) => [d.ruleId, d.messageId, d.range.start.line])).toEqual([
      ['no-unused-disable', 'unused', 1],
      ['no-unused-disable', 'unknownRule', 3],
    ]);
    expect(applyFixes(source, found).text).toBe('server.port = 80\nserver.tag = "x"\n');
  });
});

describe('config', () => {
  it('rejects unknown rule ids, bad severities, bad options and unknown settings, all at once', () => {
    const bad = {
      rules: { 'no-duplicate-assignmnet': 'error', 'no-duplicate-assignment': 'fatal', 'no-unused-disable': ['warn', { x: 1 }] },
      targetVersion: '2.0',
      ignores: [],
    };
    let error: ConfigError | undefined;
    try {
      validateConfig(bad, 'lhconf.config.json');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems).toEqual([
      'unknown setting "ignores" (did you mean "ignore"?)',
      'targetVersion: expected a lighttpd 1.4 release such as "1.4.69", got "2.0"',
      'rules["no-duplicate-assignmnet"]: unknown rule id (did you mean "no-duplicate-assignment"?)',
      'rules["no-duplicate-assignment"]: bad severity "fatal"; expected "off", "info", "warn" or "error"',
      'rules["no-unused-disable"]: rule "no-unused-disable" takes no options',
    ]);
    expect(error?.message).toMatch(/^lhconf.config.json: invalid lhconf config\n {2}- unknown setting/);
  });

  it('names the rules that replaced a removed rule id', () => {
    expect(() => validateConfig({ rules: { 'no-shadowed-url-prefix': 'off' } }, 'c')).toThrow(
      'rules["no-shadowed-url-prefix"]: rule "no-shadowed-url-prefix" was removed in favour of "no-shadowed-alias" and "no-shadowed-auth-require"; configure those instead',
    );
  });

  it('checks option names and types against defaultOptions', () => {
    expect(() => validateConfig({ rules: { 'test-port': ['warn', { max: '10', mx: 1 }] } }, 'c', testRules)).toThrow(
      /option "max" must be a number, got a string[\s\S]*unknown option "mx" \(did you mean "max"\?\)/,
    );
  });

  it('is found upward from the linted file, .lhconfrc.json first, with globs relative to its directory', async () => {
    const files: Record<string, string> = {
      '/etc/lighttpd/.lhconfrc.json': JSON.stringify({ targetVersion: '1.4.69', overrides: [{ files: ['conf.d/**'], rules: { 'test-port': 'error' } }] }),
      '/etc/lhconf.config.json': '{}',
    };
    const { config, file } = await loadConfig('/etc/lighttpd/conf.d', (f) => files[f], testRules);
    expect(file).toBe('/etc/lighttpd/.lhconfrc.json');
    expect(config.root).toBe('/etc/lighttpd');
    const inConfD = resolveFileConfig(config, '/etc/lighttpd/conf.d/x.conf', testRules);
    expect(inConfD.targetVersion).toBe('1.4.69');
    expect(inConfD.rules.get('test-port')).toEqual({ severity: 'error', options: { max: 100 } });
    expect(resolveFileConfig(config, '/etc/lighttpd/lighttpd.conf', testRules).rules.get('test-port')?.severity).toBe('warning');
    await expect(loadConfig('/srv', () => undefined)).resolves.toEqual({ config: {} });
    await expect(loadConfig('/x', (f) => (f === '/x/.lhconfrc.json' ? '{ nope' : undefined))).rejects.toThrow(/not valid JSON/);
  });

  it('matches globs like .gitignore', () => {
    const m = (glob: string, file: string) => globMatcher(glob)(file);
    expect(m('*.conf', 'conf.d/a.conf')).toBe(true);
    expect(m('*.conf', '.hidden.conf')).toBe(true);
    expect(m('./conf.d/*.conf', 'conf.d/a.conf')).toBe(true);
    expect(m('conf.d/**', 'conf.d/x/y.conf')).toBe(true);
    expect(m('[!ab].conf', 'c.conf')).toBe(true);
    expect(m('conf.d/*.conf', 'conf.d/a.conf')).toBe(true);
    expect(m('conf.d/*.conf', 'x/conf.d/a.conf')).toBe(false);
    expect(m('**/mod_*.conf', 'a/b/mod_x.conf')).toBe(true);
    expect(m('vendor/', 'vendor/a/b.conf')).toBe(true);
    expect(m('{a,b}.conf', 'b.conf')).toBe(true);
    expect(m('[ab].conf', 'c.conf')).toBe(false);
  });
});

describe('applyFixes', () => {
  it('skips overlapping fixes in one pass and repeats with relint until stable', () => {
    const text = 'server.port = 8080\nserver.port = 9090\n';
    const once = applyFixes(text, run(text));
    expect(once.text).toBe('server.port = 100\nserver.port = 100\n');
    const overlapping: Diagnostic[] = run(text).map((d) => ({ ...d, fix: { ...d.fix!, edits: [{ ...d.fix!.edits[0]!, range: { ...d.range, start: { offset: 0, line: 1, column: 1 } } }] } }));
    expect(applyFixes(text, overlapping).fixed).toBe(1);
  });

  it('leaves unsafe fixes alone unless asked', () => {
    const text = 'server.port = 1\nserver.port = 2\n';
    const found = lintText(text, { file: 'a.conf' });
    expect(applyFixes(text, found).fixed).toBe(0);
    expect(applyFixes(text, found, { unsafe: true }).text).toBe('server.port = 1\nserver.port := 2\n');
  });
});

describe('renderDiagnostic', () => {
  it('draws the STYLE.md code frame, with tabs kept under the marks', () => {
    const text = 'server.port = 80\n\tserver.port = 8080\n';
    const [d] = lintText(text, { file: 'invalid.conf' });
    expect(renderDiagnostic(d!, text, { color: false })).toBe(
      [
        'invalid.conf:2:2  error  no-duplicate-assignment',
        '  "server.port" is already set in this block (line 1); lighttpd refuses to start.',
        '  1 | server.port = 80',
        '    | ----------- first set here',
        '  2 | \tserver.port = 8080',
        '    | \t^^^^^^^^^^^',
        '  fix (unsafe): Use ":=" to replace the earlier value',
      ].join('\n'),
    );
    expect(renderDiagnostic(d!, text, { color: true })).toContain('\x1b[31merror\x1b[0m');
  });

  const at = (line: number, column: number, offset: number) => ({ line, column, offset });
  const base: Diagnostic = {
    ruleId: 'r',
    messageId: 'm',
    message: 'msg',
    severity: 'info',
    range: { file: 'a.conf', start: at(2, 3, 0), end: at(2, 3, 0) },
  };

  it('draws one ^ for an empty range, elides long ranges and lists far or foreign related places', () => {
    const text = ['a = (', '  1,', '  2,', '  3,', '  4,', '  5,', ')', ''].join('\n');
    expect(renderDiagnostic(base, text)).toBe(['a.conf:2:3  info  r', '  msg', '  2 |   1,', '    |   ^'].join('\n'));
    const long = { ...base, range: { file: 'a.conf', start: at(1, 5, 4), end: at(7, 2, 35) } };
    expect(renderDiagnostic(long, text).split('\n').slice(2)).toEqual([
      '  1 | a = (',
      '    |     ^',
      '  2 |   1,',
      '    |   ^^',
      '    …',
      '  6 |   5,',
      '    |   ^^',
      '  7 | )',
      '    | ^',
    ]);
    const related = { ...base, related: [{ message: 'there', range: { file: 'b.conf', start: at(9, 1, 0), end: at(9, 2, 1) } }] };
    expect(renderDiagnostic(related, text)).toContain('\n  b.conf:9:1: there');
    expect(renderDiagnostic(base, undefined)).toBe('a.conf:2:3  info  r\n  msg');
  });
});

describe('with the evaluator', () => {
  const files: Record<string, string> = {
    '/etc/lighttpd/lighttpd.conf': 'server.port = 80\ninclude "conf.d/*.conf"\n',
    '/etc/lighttpd/conf.d/a.conf': 'server.port = 81\nmimetype.assign = ( ".a" => "x", ".a" => "y" )\n',
  };
  const fs = {
    readFile: (f: string) => (files[f] === undefined ? undefined : new TextEncoder().encode(files[f])),
    glob: (pattern: string) => Object.keys(files).filter((f) => f.startsWith(pattern.replace('*.conf', ''))),
  };

  it('lints every file, shows a semantic error a rule also reports once, and gives include chains', () => {
    const result = evaluateFile('/etc/lighttpd/lighttpd.conf', { fs });
    expect(result.diagnostics.map((d) => d.messageId)).toEqual(['duplicate-assignment', 'duplicate-array-key']);
    const found = lintEvaluation(result);
    // Rules follow includes: the duplicate across files is the rule's too, so the semantic error is shown once.
    expect(found.map((d) => [d.ruleId, d.messageId, d.range.file, d.range.start.line])).toEqual([
      ['no-duplicate-assignment', 'duplicate', '/etc/lighttpd/conf.d/a.conf', 1],
      ['no-duplicate-array-key', 'duplicate', '/etc/lighttpd/conf.d/a.conf', 2],
    ]);
    expect(found[0]!.message).toContain('(line 1 of lighttpd.conf)');
    expect(found[1]!.includeChain?.map((r) => `${r.file}:${r.start.line}`)).toEqual(['/etc/lighttpd/lighttpd.conf:2']);
  });

  it('evaluates for ctx.settings only when a rule asks', () => {
    let evaluations = 0;
    const portRule = defineRule({
      id: 'effective-port',
      description: 'Report the effective port',
      severity: 'info',
      needs: 'evaluated',
      messages: { port: 'port {port}' },
      create: (ctx) => ({
        'Document:exit': (doc) => {
          evaluations++;
          const value = ctx.settings!.root.settings.get('server.port')?.value;
          ctx.report({ node: doc, messageId: 'port', data: { port: value?.kind === 'integer' ? value.value : '?' } });
        },
      }),
    });
    const [d] = lintText('server.port = 80\nserver.port := 8080\n', { rules: { 'effective-port': portRule } });
    expect(d?.message).toBe('port 8080');
    expect(evaluations).toBe(1);
  });
});
