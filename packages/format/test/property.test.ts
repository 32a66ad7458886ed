import fc from 'fast-check';
import { parse } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { format, type FormatCallOptions } from '../src/index.js';
import { astShape } from '../src/ast-shape.js';
import { meaningOf } from './meaning.js';

// Generated configs: every construct of the grammar, with random spacing, blank lines and comments in the
// places where lighttpd allows them (own lines, line ends, and anywhere inside parentheses).

const ws = fc.constantFrom(' ', '  ', '\t');
const ows = fc.constantFrom('', ' ', ' \t');
const commentText = fc.stringMatching(/^[ a-z#"(){}=,]{0,12}$/).map((t) => `#${t}`);
const stringPiece = fc.oneof(fc.constantFrom('\\"', '\\.', '\\\\x', '#', '{', '}', '(', '$1'), fc.stringMatching(/^[a-z /.]{1,6}$/));
const stringLit = fc.array(stringPiece, { maxLength: 4 }).map((parts) => `"${parts.join('')}"`);
const intLit = fc.oneof(fc.nat(70000).map(String), fc.constantFrom('007', '0'));
const ref = fc.constantFrom('var.basedir', 'env.HOME', 'server.port', 'basedir');
const scalar = fc.oneof({ weight: 3, arbitrary: stringLit }, intLit, ref);
const concat = fc.tuple(fc.array(scalar, { minLength: 2, maxLength: 3 }), ows).map(([ops, s]) => ops.join(`${s}+${s}`));
const expr = fc.oneof({ weight: 4, arbitrary: scalar }, concat);
/** Inside parentheses newlines and comments are whitespace. */
const arraySpace = fc.oneof(
  { weight: 4, arbitrary: ows },
  fc.constantFrom('\n  ', '\n\n    ', '\n\t'),
  commentText.map((c) => ` ${c}\n  `),
);

/** A concatenation inside parentheses, where it may span lines with comments between operands. */
const arrayConcat = fc
  .tuple(fc.array(fc.tuple(arraySpace, scalar), { minLength: 1, maxLength: 2 }), scalar)
  .map(([rest, first]) => first + rest.map(([s, op]) => `${s}+${s}${op}`).join(''));

const { array } = fc.letrec<{ array: string; element: string }>((tie) => ({
  element: fc.oneof(
    { weight: 3, arbitrary: expr },
    arrayConcat,
    fc.tuple(fc.oneof(stringLit, intLit), arraySpace, arraySpace, fc.oneof(expr, arrayConcat)).map(([k, a, b, v]) => `${k}${a}=>${b}${v}`),
    fc.tuple(stringLit, ows, tie('array')).map(([k, s, v]) => `${k}${s}=>${s}${v}`),
    { weight: 1, arbitrary: tie('array') },
  ),
  array: fc
    .tuple(fc.array(fc.tuple(arraySpace, tie('element')), { maxLength: 4, depthIdentifier: 'array' }), fc.boolean(), arraySpace)
    .map(([els, trailing, end]) => {
      const body = els.map(([s, e]) => `${s}${e}`).join(',');
      return `(${body}${trailing && els.length > 0 ? ',' : ''}${end})`;
    }),
}));

const value = fc.oneof({ weight: 3, arbitrary: expr }, array);
const key = fc.constantFrom('server.tag', 'var.basedir', 'basedir', 'url.rewrite-once', 'mimetype.assign', 'server.PORT', 'x-y_z.1');
const op = fc.constantFrom('=', ':=', '+=');
const assignment = fc.tuple(key, ows, op, ows, value).map(([k, a, o, b, v]) => `${k}${a}${o}${b}${v}`);
const include = fc.tuple(fc.constantFrom('include', 'include_shell'), ws, expr).map(([kw, s, v]) => `${kw}${s}${v}`);
const condition = fc
  .tuple(
    fc.constantFrom('$HTTP["host"]', '$HTTP["url"]', '$HTTP["querystring"]', '$REQUEST_HEADER["X-A"]', '$SERVER["socket"]'),
    ows,
    fc.constantFrom('==', '!=', '=~', '!~', '=^', '=$'),
    ows,
    fc.oneof(stringLit, concat),
  )
  .map(([obj, a, o, b, v]) => `${obj}${a}${o}${b}${v}`);
/** Between statements: newlines, blank lines, comment lines, a trailing comment. */
const lineBreak = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n') },
  commentText.map((c) => ` ${c}\n`),
  fc.tuple(commentText, fc.constantFrom('\n', '\n\n')).map(([c, nl]) => `\n${c}${nl}`),
);
const indentWs = fc.constantFrom('', '  ', '\t', '        ');

function block(statements: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const multiLine = fc
    .tuple(fc.array(fc.tuple(indentWs, statements, lineBreak), { maxLength: 3 }), fc.option(commentText))
    .map(([body, opening]) => `{${opening ? ` ${opening}` : ''}\n${body.map(([i, s, nl]) => `${i}${s}${nl}`).join('')}}`);
  // `{ a = 1 b = 2 }`: statements need no terminator, so a block may sit on one line.
  const oneLine = fc.array(assignment, { maxLength: 2 }).map((body) => `{ ${body.join(' ')} }`);
  return fc.oneof({ weight: 4, arbitrary: multiLine }, oneLine);
}

const { statement } = fc.letrec<{ statement: string; chain: string }>((tie) => ({
  statement: fc.oneof(
    { weight: 5, arbitrary: assignment },
    include,
    { weight: 2, arbitrary: tie('chain') },
  ),
  chain: fc
    .tuple(
      fc.constantFrom('', 'if '),
      condition,
      ows,
      block(tie('statement')),
      fc.array(
        fc.tuple(
          fc.constantFrom(' ', '\n', '\n# between\n'),
          fc.constantFrom('else ', 'else if ', 'elif ', 'elsif ', 'elseif '),
          condition,
          block(tie('statement')),
        ),
        { maxLength: 2, depthIdentifier: 'chain' },
      ),
      fc.option(fc.tuple(fc.constantFrom(' ', '\n'), block(tie('statement')))),
    )
    .map(([ifKw, cond, s, body, elses, catchAll]) => {
      let out = `${ifKw}${cond}${s}${body}`;
      for (const [sep, kw, c, b] of elses) out += `${sep}${kw}${c} ${b}`;
      if (catchAll) out += `${catchAll[0]}else ${catchAll[1]}`;
      return out;
    }),
}));

const topLevel = fc.oneof({ weight: 8, arbitrary: statement }, block(assignment).map((b) => `global ${b}`));
const config = fc
  .tuple(fc.constantFrom('', '# header\n\n', '\n'), fc.array(fc.tuple(topLevel, lineBreak), { maxLength: 6 }), fc.option(commentText), fc.boolean())
  .map(([head, statements, last, crlf]) => {
    const text = `${head}${statements.map(([s, nl]) => `${s}${nl}`).join('')}${last ?? ''}\n`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

const layout: fc.Arbitrary<FormatCallOptions> = fc.record(
  {
    indentWidth: fc.integer({ min: 1, max: 8 }),
    useTabs: fc.boolean(),
    lineWidth: fc.integer({ min: 10, max: 120 }),
    alignAssignments: fc.boolean(),
    alignArrows: fc.boolean(),
    trailingComma: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('format on generated configs', () => {
  it('the generator writes valid configs', () => {
    fc.assert(
      fc.property(config, (text) => {
        expect(parse(text).diagnostics).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent and keeps the syntax tree, the comments and what lighttpd makes of it', () => {
    fc.assert(
      fc.property(config, layout, (text, options) => {
        const first = format(text, options);
        if (!first.ok) throw new Error(first.diagnostics.map((d) => d.message).join('\n'));
        if (text.includes('\r\n')) expect(first.output.replace(/\r\n/g, '')).not.toContain('\n');
        const second = format(first.output, options);
        expect(second).toEqual({ ok: true, output: first.output, changed: false });
        const before = parse(text).ast;
        const after = parse(first.output);
        expect(after.diagnostics).toEqual([]);
        expect(astShape(after.ast)).toEqual(astShape(before));
        expect(after.ast.comments.map((c) => c.text.trimEnd())).toEqual(before.comments.map((c) => c.text.trimEnd()));
        expect(meaningOf(after.ast, '/nonexistent')).toBe(meaningOf(before, '/nonexistent'));
      }),
      { numRuns: 300 },
    );
  });
});
