// Differential property test of the evaluator: on generated configs (blocks re-opened, else chains,
// global { }, `:=`/`+=` across blocks, typed and mistyped values), lhconf must accept exactly what
// `lighttpd -t` 1.4.69 accepts and print exactly what `lighttpd -p` prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFile, printConfig } from '../src/index.js';
import { diagnosticLines, lighttpdBinary } from './helpers.js';

const ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/nonexistent', LANG: 'C' };

/** Each key has a usual type, so that most generated configs are accepted; `other` mixes types on purpose. */
const typedValue: Record<string, fc.Arbitrary<string>> = {
  a: fc.constantFrom('"s"', '"t" + 1', 'a + "x"', 'c', '1 + "u"'),
  list: fc.constantFrom('( "e" )', '( "f", "g" )', 'list', '( "k" => "v" )', '( "K" => "v" )', '( "m" => ( "n" ) )', '()'),
  c: fc.constantFrom('1', '2', 'c + 1', '2147483647 + 1', '080'),
  'x.Y': fc.constantFrom('( "q" => 1 )', '( "Q" => 1 )', '( "r" => ( "s" ) )', '( "t" => "u", 5 => 6 )'),
  'server.tag': fc.constantFrom('"tag"', '"multi\nline"', '"  "', '"x" + c'),
  'mimetype.assign': fc.constantFrom('( ".js" => "application/javascript" )', '( ".JS" => "application/javascript", ".css" => "text/css" )', '( ".html" => "text/html" )'),
  other: fc.constantFrom('"s"', '1', '( "a" )', 'a', 'list', 'x.y'),
};
const assignment = fc
  .tuple(fc.constantFrom(...Object.keys(typedValue)), fc.constantFrom('=', ':=', ':=', '+=', '+='))
  .chain(([key, op]) => typedValue[key]!.map((v) => `${key} ${op} ${v}`));
const condition = fc.constantFrom(
  '$HTTP["host"] == "a"',
  '$HTTP["host"] == "A"',
  '$HTTP["host"] != "a"',
  '$HTTP["url"] =~ "^/x"',
  '$HTTP["url"] =^ "/x"',
  '$HTTP["url"] =~ "\\.php$"',
  '$HTTP["url"] !~ "^/y"',
  '$SERVER["socket"] == ":8080"',
  '$REQUEST_HEADER["X-A"] =~ "(a)(b)"',
  '$HTTP["remote-ip"] == "10.0.0.0/8"',
);

const { statements } = fc.letrec<{ statements: string[]; statement: string }>((tie) => ({
  statement: fc.oneof(
    { weight: 5, arbitrary: assignment },
    {
      weight: 3,
      arbitrary: fc
        .tuple(condition, tie('statements'), fc.array(fc.tuple(fc.option(condition, { nil: undefined }), tie('statements')), { maxLength: 2 }))
        .map(([c, body, elses]) => [`${c} {`, ...body, '}', ...elses.flatMap(([ec, eb]) => [ec ? `else ${ec} {` : 'else {', ...eb, '}'])].join('\n')),
    },
    { weight: 1, arbitrary: tie('statements').map((body) => ['global {', ...body.filter((s) => !s.includes('{')), '}'].join('\n')) },
  ),
  statements: fc.array(tie('statement') as fc.Arbitrary<string>, { maxLength: 4, depthIdentifier: 'block' }) as fc.Arbitrary<string[]>,
}));
const config = statements.map((list) => `a = "s"\nlist = ( "z" )\nc = 1\nx.y = ( "q" => 1 )\n${list.join('\n')}\n`);

const bin = lighttpdBinary();
const RUNS = Number(process.env['LHCONF_DIFF_RUNS'] ?? 200);
const withoutPid = (s: string): string => s.replace(/^( {4}var\.PID +=) \d+$/m, '$1 <pid>');

describe.skipIf(!bin)('evaluator agrees with lighttpd 1.4.69 -p', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lhconf-eval-diff-'));
  let n = 0;
  it(`on ${RUNS} generated configs`, () => {
    fc.assert(
      fc.property(config, (text) => {
        const name = `case-${n++}.conf`;
        writeFileSync(join(dir, name), text);
        const real = spawnSync(bin!, ['-p', '-f', name], { cwd: dir, env: ENV, encoding: 'utf8', timeout: 20_000 });
        // lighttpd itself sometimes aborts on heap corruption ("malloc(): invalid size") with such configs: no verdict
        fc.pre(real.signal === null);
        const result = evaluateFile(name, { cwd: dir, targetVersion: '1.4.69', env: ENV, pid: 1 });
        const accepted = !result.fatal;
        if (accepted !== (real.status === 0)) {
          expect.fail(`lighttpd ${real.status === 0 ? 'accepts' : 'rejects'}, lhconf does not:\n--- config\n${text}--- lighttpd\n${real.stderr}--- lhconf\n${diagnosticLines(result.diagnostics)}`);
        }
        if (accepted) expect(withoutPid(printConfig(result)), text).toBe(withoutPid(real.stdout));
      }),
      { numRuns: RUNS, ...(process.env["LHCONF_DIFF_SEED"] ? { seed: Number(process.env["LHCONF_DIFF_SEED"]) } : {}) },
    );
  });
});
