import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFormat, type FormatArgs } from '../../cli/src/commands/format.js';
import { memoryIo } from '../../cli/test/memory-io.js';

const run = (args: FormatArgs, files: Record<string, string | Uint8Array>, stdin?: string) => {
  const mem = memoryIo(files, stdin === undefined ? {} : { stdin });
  return runFormat(args, mem.io).then((code) => ({ code, ...mem.out, read: mem.read }));
};

describe('lhconf format', () => {
  it('prints the formatted text of one file', async () => {
    const r = await run({ files: ['a.conf'] }, { '/w/a.conf': 'x=1\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'x = 1\n', stderr: '', writes: [] });
  });

  it('formats stdin, with options resolved for --stdin-filepath', async () => {
    const r = await run({ files: ['-'], stdinFilepath: 'etc/l.conf' }, { '/w/etc/.editorconfig': '[*.conf]\nindent_style = tab\n' }, '$HTTP["host"]=="a" {\nx=1\n}\n');
    expect(r).toMatchObject({ code: 0, stdout: '$HTTP["host"] == "a" {\n\tx = 1\n}\n' });
    expect((await run({}, {}, 'x=1')).stdout).toBe('x = 1\n');
  });

  it('--write rewrites only files that change, and expands directories to *.conf', async () => {
    const r = await run({ files: ['etc'], write: true }, {
      '/w/etc/a.conf': 'x=1\n',
      '/w/etc/sub/b.conf': 'y = 2\n',
      '/w/etc/notes.txt': 'x=1\n',
      '/w/etc/.git/c.conf': 'x=1\n',
    });
    expect(r.code).toBe(0);
    expect(r.writes).toEqual(['/w/etc/a.conf']);
    expect(r.read('/w/etc/a.conf')).toBe('x = 1\n');
  });

  it('expands globs the shell left alone', async () => {
    const r = await run({ files: ['etc/*.conf'], check: true }, { '/w/etc/a.conf': 'x=1\n', '/w/etc/b.conf': 'y=2\n', '/w/etc/c.txt': 'z=3\n' });
    expect(r).toMatchObject({ code: 1, stdout: 'etc/a.conf\netc/b.conf\n' });
  });

  it('--write never touches a file with syntax errors, reports file:line:col and exits 2', async () => {
    const r = await run({ files: ['bad.conf', 'good.conf'], write: true }, { '/w/bad.conf': 'a = 1\nserver.port = = 80\n', '/w/good.conf': 'x=1\n' });
    expect(r.code).toBe(2);
    expect(r.writes).toEqual(['/w/good.conf']);
    expect(r.stderr).toMatch(/^bad\.conf:2:\d+: error: /);
  });

  it('--check lists the files that would change and exits 1', async () => {
    const r = await run({ files: ['a.conf', 'b.conf'], check: true }, { '/w/a.conf': 'x=1\n', '/w/b.conf': 'y = 2\n' });
    expect(r).toMatchObject({ code: 1, stdout: 'a.conf\n', writes: [] });
    expect((await run({ files: ['b.conf'], check: true }, { '/w/b.conf': 'y = 2\n' })).code).toBe(0);
  });

  it('--diff prints a unified diff', async () => {
    const r = await run({ files: ['a.conf'], diff: true }, { '/w/a.conf': 'x=1\ny = 2\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('--- a/a.conf\n+++ b/a.conf\n@@ -1,2 +1,2 @@\n-x=1\n+x = 1\n y = 2\n');
  });

  it('uses .lhconfrc.json over .editorconfig', async () => {
    const r = await run({ files: ['a.conf'] }, {
      '/w/.editorconfig': 'root = true\n[*]\nindent_size = 2\n',
      '/w/.lhconfrc.json': JSON.stringify({ format: { alignAssignments: false } }),
      '/w/a.conf': 'global {\nx = 1\nlong.key = 2\n}\n',
    });
    expect(r.stdout).toBe('global {\n  x = 1\n  long.key = 2\n}\n');
  });

  it('reports missing files, bad options and bad usage with exit 2', async () => {
    expect(await run({ files: ['nope.conf'] }, {})).toMatchObject({ code: 2, stderr: 'nope.conf: error: no such file or directory\n' });
    const bad = await run({ files: ['a.conf'] }, { '/w/.lhconfrc.json': '{"format":{"tabs":true}}', '/w/a.conf': 'x = 1\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format option "tabs"');
    expect((await run({ files: ['a.conf', 'b.conf'] }, { '/w/a.conf': '', '/w/b.conf': '' })).code).toBe(2);
    expect((await run({ files: ['a.conf'], write: true, check: true }, { '/w/a.conf': '' })).code).toBe(2);
  });

  it('keeps latin1 bytes and CRLF when writing', async () => {
    const bytes = Buffer.from('x="caf\xe9"\r\n', 'latin1');
    const mem = memoryIo({ '/w/a.conf': bytes });
    expect(await runFormat({ files: ['a.conf'], write: true }, mem.io)).toBe(0);
    expect(Buffer.from(await mem.io.readFile(path.join('/w', 'a.conf'))).toString('latin1')).toBe('x = "caf\xe9"\r\n');
  });
});

/** The part of the yargs API this test uses (its types live in the CLI package). */
interface MiniYargs {
  command(module: object): MiniYargs;
  exitProcess(exit: boolean): MiniYargs;
  parseAsync(): Promise<unknown>;
}

describe('formatCommand', () => {
  it('parses the flags into FormatArgs', async () => {
    // yargs is a dependency of the CLI package only: resolve it from there.
    const fromCli = createRequire(new URL('../../cli/package.json', import.meta.url));
    const { default: yargs } = (await import(pathToFileURL(fromCli.resolve('yargs')).href)) as { default: (args: string[]) => MiniYargs };
    const { formatCommand } = await import('../../cli/src/commands/format.js');
    let seen: FormatArgs | undefined;
    await yargs(['format', 'a.conf', 'dir', '--check', '--stdin-filepath', 'x.conf'])
      .command({ ...formatCommand, handler: (argv: FormatArgs) => void (seen = argv) })
      .exitProcess(false)
      .parseAsync();
    expect(seen).toMatchObject({ files: ['a.conf', 'dir'], check: true, stdinFilepath: 'x.conf' });
  });
});
