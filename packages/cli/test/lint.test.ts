import { describe, expect, it } from 'vitest';
import { runLint, type LintArgs } from '../src/commands/lint.js';
import { memoryIo } from './memory-io.js';

const run = async (args: LintArgs, files: Record<string, string>, options: Parameters<typeof memoryIo>[1] = {}) => {
  const mem = memoryIo(files, options);
  const code = await runLint(args, mem.io);
  return { code, ...mem.out, read: mem.read };
};

const compact = (paths: string[], more: LintArgs = {}): LintArgs => ({ paths, format: 'compact', ...more });

describe('lhconf lint', () => {
  it('prints nothing and exits 0 for a clean config', async () => {
    const r = await run({ paths: ['a.conf'] }, { '/w/a.conf': 'server.port = 80\n' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('reports errors with a code frame and a summary, exit 1', async () => {
    const r = await run({ paths: ['a.conf'] }, { '/w/a.conf': 'server.port = 80\nserver.port = 81\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('a.conf:2:1  error  no-duplicate-assignment');
    expect(r.stdout).toContain('2 | server.port = 81');
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, 0 warnings\)/);
  });

  it('reports syntax errors as lint errors, never a crash', async () => {
    const r = await run(compact(['a.conf']), { '/w/a.conf': 'server.port = \n$HTTP["host"] == "x" {\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a\.conf:\d+:\d+: error: .* \[syntax\]$/m);
  });

  it('exits 2 with a clear message for a missing or unreadable file, still linting the others', async () => {
    const r = await run(compact(['nope.conf', 'secret.conf', 'a.conf']), { '/w/a.conf': 'server.port = "80"\n', '/w/secret.conf': 'x = 1\n' }, { unreadable: ['/w/secret.conf'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.conf: error: no such file or directory');
    expect(r.stderr).toContain('secret.conf: error: cannot read: EACCES');
    expect(r.stdout).toContain('a.conf:1:15: warning:');
  });

  it('expands directories to *.conf, honouring the config ignore globs', async () => {
    const r = await run(compact(['etc']), {
      '/w/.lhconfrc.json': '{ "ignore": ["etc/disabled/**"] }',
      '/w/etc/a.conf': 'server.port = "80"\n',
      '/w/etc/disabled/b.conf': 'server.port = "80"\n',
      '/w/etc/notes.txt': 'server.port = "80"\n',
    });
    expect(r.stdout).toContain('etc/a.conf:1:15');
    expect(r.stdout).not.toContain('disabled');
    expect(r.stdout).not.toContain('notes');
  });

  it('expands globs the shell left alone', async () => {
    const r = await run(compact(['etc/*.conf']), { '/w/etc/a.conf': 'server.port = "80"\n', '/w/etc/sub/b.conf': 'server.port = "80"\n' });
    expect(r.stdout).toBe('etc/a.conf:1:15: warning: ' + r.stdout.split('warning: ')[1]);
    expect(r.stdout).not.toContain('sub/b.conf');
  });

  it('follows includes, shows the include chain, and lints an included file once', async () => {
    const files = {
      '/w/etc/lighttpd.conf': 'var.port = 80\ninclude "conf.d/*.conf"\n',
      '/w/etc/conf.d/a.conf': 'server.port = var.port\nserver.port = 81\n',
    };
    const r = await run({ paths: ['etc'] }, files);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('included from etc/lighttpd.conf:2:1');
    expect(r.stdout.match(/no-duplicate-assignment/g)).toHaveLength(1);
    // var.port comes from lighttpd.conf: no "undefined variable" for the snippet.
    expect(r.stdout).not.toContain('is not set');
    const json = JSON.parse((await run({ paths: ['etc'], format: 'json' }, files)).stdout);
    const snippet = json.results.find((x: { file: string }) => x.file === 'etc/conf.d/a.conf');
    expect(snippet.diagnostics[0].includeChain[0]).toMatchObject({ file: 'etc/lighttpd.conf', start: { line: 2, column: 1 } });
  });

  it('--root lints a snippet in the context of its main config, reporting only the snippet', async () => {
    const files = {
      '/w/lighttpd.conf': 'var.dir = "/srv"\nserver.port = "80"\ninclude "conf.d/*.conf"\n',
      '/w/conf.d/a.conf': 'server.document-root = var.dir + "/www"\nserver.tag = "lighttpd/1.4.69"\n',
    };
    const alone = await run(compact(['conf.d/a.conf']), files);
    expect(alone.stdout).toContain('var.dir');
    const r = await run(compact(['conf.d/a.conf'], { root: 'lighttpd.conf' }), files);
    expect(r.stdout).not.toContain('var.dir');
    expect(r.stdout).not.toContain('lighttpd.conf:');
    expect(r.stdout).toContain('conf.d/a.conf:2:');
    const outside = await run(compact(['other.conf'], { root: 'lighttpd.conf' }), { ...files, '/w/other.conf': 'x = 1\n' });
    expect(outside.stderr).toContain('other.conf: warning: not included by lighttpd.conf; linted on its own');
  });

  it('--standalone (or "standalone" in the config, its overrides) judges a snippet-like main file as a whole config', async () => {
    // No server.modules, no document root, port 80 and no user: a snippet by default, a broken config when whole.
    const files = { '/w/conf.d/a.conf': 'server.port = 80\n', '/w/main.conf': 'server.port = 80\n' };
    expect((await run(compact(['conf.d/a.conf']), files)).stdout).toBe('');
    const whole = await run(compact(['conf.d/a.conf'], { standalone: true }), files);
    expect(whole.code).toBe(1);
    expect(whole.stdout).toMatch(/^conf\.d\/a\.conf:1:1: error: server\.document-root is not set .* \[require-document-root\]$/m);
    expect(whole.stdout).toMatch(/^conf\.d\/a\.conf:1:1: warning: Port 80 needs root .* \[require-server-username\]$/m);
    const config = { ...files, '/w/.lhconfrc.json': '{ "standalone": true, "overrides": [{ "files": ["conf.d/*.conf"], "standalone": false }] }' };
    const configured = await run(compact(['main.conf', 'conf.d/a.conf']), config);
    expect(configured.stdout).toContain('main.conf:1:1: error: server.document-root is not set');
    expect(configured.stdout).not.toContain('conf.d/a.conf');
    // The flag beats the config, both ways.
    expect((await run(compact(['conf.d/a.conf'], { standalone: true }), config)).stdout).toContain('conf.d/a.conf:1:1: error:');
    expect((await run(compact(['main.conf'], { standalone: false }), config)).stdout).toBe('');
    const bad = await run(compact(['main.conf']), { ...files, '/w/.lhconfrc.json': '{ "standalone": "yes", "overrides": [{ "files": ["x"], "standalone": 1 }] }' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('standalone: expected true or false');
    expect(bad.stderr).toContain('overrides[0].standalone: expected true or false');
  });

  it('--rule sets severities over the config, and rejects unknown ids with a suggestion', async () => {
    const files = { '/w/a.conf': 'server.port = "80"\n', '/w/.lhconfrc.json': '{ "rules": { "no-port-as-string": "error" } }' };
    expect((await run(compact(['a.conf']), files)).code).toBe(1);
    expect((await run(compact(['a.conf'], { rule: ['no-port-as-string=off'] }), files)).stdout).toBe('');
    const bad = await run(compact(['a.conf'], { rule: ['no-port-as-strin=off'] }), files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "no-port-as-string"');
    expect((await run(compact(['a.conf'], { rule: ['no-port-as-string'] }), files)).code).toBe(2);
  });

  it('--max-warnings turns too many warnings into exit 1; --quiet reports errors only', async () => {
    const files = { '/w/a.conf': 'server.port = "80"\n' };
    expect((await run(compact(['a.conf']), files)).code).toBe(0);
    expect((await run(compact(['a.conf'], { maxWarnings: 1 }), files)).code).toBe(0);
    const over = await run(compact(['a.conf'], { maxWarnings: 0 }), files);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warnings, more than --max-warnings 0');
    expect(await run(compact(['a.conf'], { quiet: true }), files)).toMatchObject({ code: 0, stdout: '' });
  });

  it('--fix applies safe fixes atomically and leaves unsafe ones to --fix-unsafe', async () => {
    const files = { '/w/a.conf': 'server.port = "80"\nserver.tag = "lighttpd/1.4.69"\n' };
    const r = await run(compact(['a.conf'], { fix: true }), files);
    expect(r.read('/w/a.conf')).toBe('server.port = 80\nserver.tag = "lighttpd/1.4.69"\n');
    expect(r.writes).toEqual(['/w/a.conf']);
    expect(r.stdout).not.toContain('no-port-as-string');
    expect(r.stdout).toContain('no-server-tag-version');
    const unsafe = await run(compact(['a.conf'], { fixUnsafe: true }), files);
    expect(unsafe.read('/w/a.conf')).not.toContain('1.4.69');
    expect(unsafe.stdout).toBe('');
  });

  it('--fix never touches a file with syntax errors', async () => {
    const r = await run(compact(['a.conf'], { fix: true }), { '/w/a.conf': 'server.port = "80"\nx = \n' });
    expect(r.writes).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('lints stdin as --stdin-filepath (config and includes from there); with --fix prints the fixed text', async () => {
    const files = { '/w/etc/.lhconfrc.json': '{ "rules": { "no-port-as-string": "error" } }', '/w/etc/inc.conf': 'var.x = 1\n' };
    const stdin = 'include "inc.conf"\nserver.port = "80"\nserver.max-fds = var.x\n';
    const r = await run(compact([], { stdin: true, stdinFilepath: 'etc/x.conf' }), files, { stdin });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`etc/x.conf:2:15: error: ${r.stdout.split('error: ')[1]}`);
    const fixed = await run({ stdin: true, stdinFilepath: 'etc/x.conf', fix: true, format: 'compact' }, files, { stdin });
    expect(fixed.stdout).toBe('include "inc.conf"\nserver.port = 80\nserver.max-fds = var.x\n');
    expect(fixed.writes).toEqual([]);
    expect((await run({ stdin: true, paths: ['a.conf'] }, {})).code).toBe(2);
  });

  it('--no-inline-suppress ignores lhconf-disable comments', async () => {
    const files = { '/w/a.conf': '# lhconf-disable-next-line no-port-as-string\nserver.port = "80"\n' };
    expect((await run(compact(['a.conf']), files)).stdout).toBe('');
    expect((await run(compact(['a.conf'], { inlineSuppress: false }), files)).stdout).toContain('no-port-as-string');
  });

  it('--config uses that file; an invalid config is exit 2 with every problem listed', async () => {
    const files = { '/w/a.conf': 'server.port = "80"\n', '/w/strict.json': '{ "rules": { "no-port-as-string": "error" } }' };
    expect((await run(compact(['a.conf'], { config: 'strict.json' }), files)).code).toBe(1);
    const bad = await run(compact(['a.conf']), { ...files, '/w/.lhconfrc.json': '{ "rulez": {} }' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown setting "rulez" (did you mean "rules"?)');
    expect((await run(compact(['a.conf'], { config: 'missing.json' }), files)).code).toBe(2);
  });

  it('never runs include_shell unless allowed', async () => {
    const r = await run(compact(['a.conf']), { '/w/a.conf': 'include_shell "echo server.port = 80"\n' });
    expect(r.stdout).toContain('include_shell');
  });

  it('rejects a bad --target-version and --format', async () => {
    expect((await run(compact(['a.conf'], { targetVersion: '2.0' }), { '/w/a.conf': '' })).code).toBe(2);
    expect((await run({ paths: ['a.conf'], format: 'xml' }, { '/w/a.conf': '' })).code).toBe(2);
  });

  it('colours stylish output only on a terminal, never with NO_COLOR, always with FORCE_COLOR', async () => {
    const files = { '/w/a.conf': 'server.port = "80"\n' };
    const ansi = /\x1b\[/;
    expect((await run({ paths: ['a.conf'] }, files)).stdout).not.toMatch(ansi);
    expect((await run({ paths: ['a.conf'] }, files, { tty: true })).stdout).toMatch(ansi);
    expect((await run({ paths: ['a.conf'] }, files, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await run({ paths: ['a.conf'] }, files, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
  });

  it('draws a progress line on a terminal for many files, never under CI', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`/w/etc/f${String(i).padStart(2, '0')}.conf`, 'server.port = 80\n']));
    expect((await run({ paths: ['etc'] }, files, { tty: true })).stderr).toContain('[12/12] etc/f11.conf');
    expect((await run({ paths: ['etc'] }, files, { tty: true, env: { CI: 'true' } })).stderr).toBe('');
    expect((await run({ paths: ['etc'] }, files)).stderr).toBe('');
  });
});
