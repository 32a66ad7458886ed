// The classic CGI + FastCGI + rewrite example (fixtures/configs/classic): lighttpd says "Syntax OK", yet it does not
// do what its author meant. Each problem its README lists must be reported at its line.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { evaluateFile } from '@lhconf/parser';
import { expect, it } from 'vitest';
import { lintEvaluation, loadConfig } from '../src/index.js';
import { repoRoot } from './rule-harness.js';

const dir = path.join(repoRoot, 'fixtures', 'configs', 'classic');

it('reports each problem of the classic example at its line', async () => {
  const { config } = await loadConfig(dir, (f) => (path.dirname(f) === dir && existsSync(f) ? readFileSync(f, 'utf8') : undefined));
  const result = evaluateFile(path.join(dir, 'lighttpd.conf'), { cwd: dir, targetVersion: config.targetVersion, env: {}, pid: 4242 });
  const found = lintEvaluation(result, config).map((d) => ({ ruleId: d.ruleId, line: d.range.start.line }));
  expect(found).toEqual(
    expect.arrayContaining([
      // `.fcgi` goes to a CGI interpreter while `/hello_wsgi.fcgi` is also a FastCGI prefix.
      { ruleId: 'no-extension-in-cgi-and-fastcgi', line: 7 },
      // fastcgi.debug left on.
      { ruleId: 'no-debug-enabled', line: 9 },
      // "port" => "1111": a port as a string.
      { ruleId: 'no-port-as-string', line: 11 },
      // url.rewrite-once is ignored: mod_rewrite is not in server.modules.
      { ruleId: 'no-module-not-loaded', line: 13 },
      // ^/favicon.ico$: the `.` matches any character.
      { ruleId: 'no-unescaped-dot-in-regex', line: 13 },
      // The catch-all sends /hello_wsgi.fcgi to /hello.py/…: the FastCGI backend is never reached.
      { ruleId: 'no-unreachable-backend', line: 15 },
    ]),
  );
});
