// Differential property test: lhconf's accept/reject must equal `lighttpd -t` (1.4.69) on generated
// configs, valid ones built from the grammar and the same ones mutated token by token.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateText } from '@lhconf/parser';
import { diagnosticLines, lighttpdAccepts, lighttpdBinary } from './helpers.js';

const ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/nonexistent', LANG: 'C' };

// Keys whose values -t does not type-check (var.*), or string-typed core keys given strings.
const varKey = fc.constantFrom('var.a', 'var.b', 'x', 'Var.A', 'var.list', 'my-var');
const stringKey = fc.constantFrom('server.tag', 'server.name', 'server.errorlog', 'server.Tag');
const str = fc.constantFrom('"a"', '"/srv/www"', '"with \\"quote\\""', '"x\\y"', '""', '"%1"');
const int = fc.constantFrom('0', '1', '080', '65535', '4294967296');
const ref = fc.constantFrom('var.a', 'x', 'env.HOME', 'env.NOPE', 'var.CWD', 'var.PID', 'server.tag', 'var.undefined');

const scalar = fc.oneof(str, int, ref);
const arrayLit = fc
  .array(fc.oneof(str.map((s) => s), fc.tuple(str, scalar).map(([k, v]) => `${k} => ${v}`)), { maxLength: 4 })
  .chain((els) => fc.boolean().map((trailing) => `(${els.join(', ')}${trailing && els.length > 0 ? ',' : ''})`));
const expr = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: arrayLit },
  { weight: 2, arbitrary: fc.tuple(scalar, scalar).map(([a, b]) => `${a} + ${b}`) },
  { weight: 1, arbitrary: fc.tuple(arrayLit, arrayLit).map(([a, b]) => `${a} + ${b}`) },
);
const op = fc.constantFrom('=', '=', '=', ':=', '+=');
const assignment = fc.oneof(
  fc.tuple(varKey, op, expr).map(([k, o, e]) => `${k} ${o} ${e}`),
  fc.tuple(stringKey, fc.constantFrom('=', ':='), fc.oneof(str, fc.tuple(str, str).map(([a, b]) => `${a} + ${b}`))).map(([k, o, e]) => `${k} ${o} ${e}`),
);
const field = fc.constantFrom('"url"', '"host"', '"useragent"', '"querystring"', '"request-method"', '"nope"', '"url" + ""');
const cmpOp = fc.constantFrom('==', '!=', '=~', '!~', '=^', '=$');
const cmpValue = fc.constantFrom('"/a"', '"^/admin/"', '"\\.php$"', '"(x"', '"example.com"', '"example.com:99999"', '"a" + 1', '1');
const condition = fc.tuple(field, cmpOp, cmpValue).map(([f, o, v]) => `$HTTP[${f}] ${o} ${v}`);

const { statements } = fc.letrec<{ statements: string[]; statement: string }>((tie) => ({
  statement: fc.oneof(
    { weight: 5, arbitrary: assignment },
    {
      weight: 2,
      arbitrary: fc
        .tuple(condition, tie('statements'), fc.array(fc.tuple(fc.option(condition, { nil: undefined }), tie('statements')), { maxLength: 2 }))
        .map(([c, body, elses]) => [`${c} {`, ...body.map((s) => `  ${s}`), '}', ...elses.flatMap(([ec, eb]) => [ec ? `else ${ec} {` : 'else {', ...eb, '}'])].join('\n')),
    },
    { weight: 1, arbitrary: tie('statements').map((body) => ['global {', ...body, '}'].join('\n')) },
    { weight: 1, arbitrary: fc.constantFrom('include "nomatch-*.conf"', 'include "missing.conf"', 'include_shell "echo var.shell = 1"', '# a comment', '') },
  ),
  statements: fc.array(tie('statement') as fc.Arbitrary<string>, { maxLength: 4, depthIdentifier: 'block' }) as fc.Arbitrary<string[]>,
}));

const config = statements.map((list) => `${list.join('\n')}\n`);

const soup = ['=', '==', '+', '(', ')', '{', '}', ',', '"s"', '1', 'key', '$HTTP["url"]', 'else', ';', '=>', '\n'];
/** One token-level edit: delete a character run, duplicate a line, or insert a token. */
const mutated = fc.tuple(config, fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...soup)).map(([text, pos, kind, token]) => {
  const at = text.length === 0 ? 0 : pos % text.length;
  if (kind === 0) return text.slice(0, at) + text.slice(at + 1 + (pos % 3));
  if (kind === 1) {
    const lines = text.split('\n');
    const i = pos % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  }
  return `${text.slice(0, at)} ${token} ${text.slice(at)}`;
});

const bin = lighttpdBinary();
const RUNS = Number(process.env['LHCONF_DIFF_RUNS'] ?? 250);
// A fixed seed keeps CI deterministic; explore with LHCONF_DIFF_SEED=random (or a number) and more runs.
// Known divergence, rare: lemon reduces a condition header before it sees a bad token after it, so its
// checks (e.g. "rvalue must be string") run on a header lhconf's LL parser keeps extending.
const SEED = process.env['LHCONF_DIFF_SEED'] === 'random' ? Date.now() : Number(process.env['LHCONF_DIFF_SEED'] ?? 20261123);

describe.skipIf(!bin)('accept/reject agrees with lighttpd 1.4.69 -t', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lhconf-diff-'));
  let n = 0;
  const check = (text: string): void => {
    const name = `case-${n++}.conf`;
    writeFileSync(join(dir, name), text);
    const result = evaluateText(text, { file: name, targetVersion: '1.4.69', cwd: dir, env: ENV, allowIncludeShell: true, pid: 1 });
    const lhconfAccepts = !result.diagnostics.some((d) => d.fatal);
    const real = lighttpdAccepts(bin!, name, dir);
    if (lhconfAccepts !== real.ok) {
      expect.fail(`lighttpd ${real.ok ? 'accepts' : 'rejects'}, lhconf ${lhconfAccepts ? 'accepts' : 'rejects'}:\n--- config\n${text}--- lighttpd\n${real.output}--- lhconf\n${diagnosticLines(result.diagnostics)}`);
    }
  };

  it(`on ${RUNS} generated valid-by-construction configs`, () => {
    fc.assert(fc.property(config, check), { numRuns: RUNS, seed: SEED });
  }, 600_000);

  it(`on ${RUNS} mutated configs`, () => {
    fc.assert(fc.property(mutated, check), { numRuns: RUNS, seed: SEED + 1 });
  }, 600_000);
});
