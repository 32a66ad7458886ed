// `lhconf explain` and `lhconf test` with an in-memory Io over fixtures/simulate/specs.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runExplain } from '../../cli/src/commands/explain.js';
import { runTest } from '../../cli/src/commands/test.js';
import { memoryIo } from '../../cli/test/memory-io.js';

const specs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/simulate/specs');
const files = Object.fromEntries(readdirSync(specs).map((f) => [`/w/${f}`, readFileSync(path.join(specs, f), 'utf8')]));

describe('lhconf test', () => {
  it('exits 0 when every expectation holds', async () => {
    const m = memoryIo(files);
    expect(await runTest({ spec: 'pass.spec' }, m.io)).toBe(0);
    expect(m.out.stdout).toBe('11 expectations hold\n');
  });
  it('writes the failures in any lint --format', async () => {
    const m = memoryIo(files);
    expect(await runTest({ spec: 'fail.spec', format: 'github' }, m.io)).toBe(1);
    expect(m.out.stdout.split('\n')[0]).toBe(
      '::error file=fail.spec,line=4,col=1,endLine=4,endColumn=39,title=expectation::Expected "GET /img.png -> fastcgi 127.0.0.1:9000", but it is handled by static /srv/www/img.png (static file).',
    );
    expect(await runTest({ spec: 'fail.spec', format: 'nope' }, memoryIo(files).io)).toBe(2);
  });
  it('reports each failed expectation at its line and exits 1', async () => {
    const m = memoryIo(files);
    expect(await runTest({ spec: 'fail.spec' }, m.io)).toBe(1);
    expect(m.out.stdout).toMatchInlineSnapshot(`
      "fail.spec
        fail.spec:4:1  error  expectation
          Expected "GET /img.png -> fastcgi 127.0.0.1:9000", but it is handled by static /srv/www/img.png (static file).
          4 | GET /img.png -> fastcgi 127.0.0.1:9000
            | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        fail.spec:5:1  error  expectation
          Expected "GET /old -> redirect 302 https://example.com/new", but status is 301 (Location https://example.com/new) (url.redirect "^/old$").
          5 | GET /old -> redirect 302 https://example.com/new
            | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        fail.spec:6:1  error  expectation
          Expected "GET /a.cgi -> cgi /usr/bin/python", but cgi runs /usr/bin/perl (cgi.assign ".cgi").
          6 | GET /a.cgi -> cgi /usr/bin/python
            | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

      ✖ 3 problems (3 errors, 0 warnings)
      "
    `);
  });
  it('exits 2 on a malformed spec or a missing config', async () => {
    const m = memoryIo(files);
    expect(await runTest({ spec: 'malformed.spec' }, m.io)).toBe(2);
    expect(m.out.stderr).toMatch(/malformed.spec:2:1 {2}error {2}expected "METHOD URL -> expectation"/);
    expect(await runTest({ spec: 'pass.spec', config: 'missing.conf' }, memoryIo(files).io)).not.toBe(0);
  });
});

describe('lhconf explain', () => {
  it('prints the trace with file:line of each step', async () => {
    const m = memoryIo(files);
    expect(await runExplain({ config: 'site.conf', url: '/x', fs: 'fs.json' }, m.io)).toBe(0);
    expect(m.out.stdout).toContain('url.rewrite-once "^/x$" => "/index.php?x": /x becomes /index.php?x  (site.conf:10)');
    expect(m.out.stdout).toContain('handler  fastcgi 127.0.0.1:9000  (site.conf:8)');
  });
  it('prints JSON with --json and rejects a bad header', async () => {
    const m = memoryIo(files);
    expect(await runExplain({ config: 'site.conf', url: '/admin/', json: true }, m.io)).toBe(0);
    expect(JSON.parse(m.out.stdout).outcome.status).toBe(401);
    expect(await runExplain({ config: 'site.conf', url: '/', header: ['nocolon'] }, memoryIo(files).io)).toBe(2);
  });
});
