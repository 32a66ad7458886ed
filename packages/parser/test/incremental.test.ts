// reparse must give exactly what parse gives: ranges, comments, parent links, diagnostics, even the
// sharing of Position objects and the order of fields. Checked on generated configs and chains of random
// edits (valid and broken results alike), plus cases that show the fast path is taken at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childKeys, parse, parseBytes, reparse, type Document, type Node, type ParseOptions, type ParseResult } from '@lhconf/parser';

// ---------------------------------------------------------------------------------------------
// Exactness checks

/** Every child's `parent` is its node, not enumerable; the Document has none. */
function parentProblems(doc: Document): string[] {
  const out: string[] = [];
  if (Object.prototype.hasOwnProperty.call(doc, 'parent')) out.push('the Document has a parent');
  const stack: Node[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of childKeys[node.type] as readonly string[]) {
      const v = (node as unknown as Record<string, unknown>)[key];
      for (const child of (Array.isArray(v) ? v : v ? [v] : []) as Node[]) {
        const d = Object.getOwnPropertyDescriptor(child, 'parent');
        if (d?.value !== node || d.enumerable) out.push(`${child.type} at ${child.range.start.line}:${child.range.start.column} has a wrong parent`);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Each comment of `doc.comments` is attached exactly once, as that same object. */
function commentProblems(doc: Document): string[] {
  const all = new Set(doc.comments);
  const attached: unknown[] = [...(doc.danglingComments ?? [])];
  const stack: Node[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const r = node as unknown as Record<string, unknown[] | undefined>;
    if (node.type !== 'Document') for (const key of ['leadingComments', 'trailingComments', 'danglingComments']) attached.push(...(r[key] ?? []));
    for (const key of childKeys[node.type] as readonly string[]) {
      const v = (node as unknown as Record<string, unknown>)[key];
      stack.push(...((Array.isArray(v) ? v : v ? [v] : []) as Node[]));
    }
  }
  const out: string[] = [];
  if (attached.length !== all.size || new Set(attached).size !== attached.length) out.push(`${attached.length} attachments for ${all.size} comments`);
  if (attached.some((c) => !all.has(c as never))) out.push('an attached comment is not one of doc.comments');
  return out;
}

/** Which range and Position objects are the same object, as a list of first-seen indices in walk order. */
function sharing(doc: Document): number[] {
  const ids = new Map<object, number>();
  const out: number[] = [];
  const see = (o: object): void => {
    if (!ids.has(o)) ids.set(o, ids.size);
    out.push(ids.get(o)!);
  };
  const range = (r: { start: object; end: object }): void => {
    see(r);
    see(r.start);
    see(r.end);
  };
  const stack: Node[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const r = node as unknown as Record<string, unknown>;
    range(node.range);
    for (const key of ['open', 'close', 'keyword']) if (r[key] && !Array.isArray(r[key])) range(r[key] as { start: object; end: object });
    for (const key of childKeys[node.type] as readonly string[]) {
      const v = r[key];
      stack.push(...((Array.isArray(v) ? v : v ? [v] : []) as Node[]));
    }
  }
  for (const c of doc.comments) range(c.range);
  return out;
}

function expectSameParse(actual: ParseResult, expected: ParseResult): void {
  expect(actual.diagnostics).toStrictEqual(expected.diagnostics);
  expect(actual.ast).toStrictEqual(expected.ast);
  // Field order too: `lhconf print-ast` and snapshots print JSON.
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(parentProblems(actual.ast)).toEqual([]);
  expect(commentProblems(actual.ast)).toEqual(commentProblems(expected.ast));
  expect(sharing(actual.ast)).toEqual(sharing(expected.ast));
}

/** How many statements of `before` (the previous body) the result reused as the same objects. */
function reusedCount(before: readonly Node[], result: ParseResult): number {
  const old = new Set(before);
  return result.ast.body.filter((s) => old.has(s)).length;
}

// ---------------------------------------------------------------------------------------------
// Generated configs: comments everywhere, nesting, else chains, arrays over lines, includes, blank lines

const scalar = fc.constantFrom('"a"', '"/srv/www"', '"q\\"uote"', '"back\\slash"', '""', '"# not a comment"', '80', '080', 'var.a', 'env.HOME', 'server.tag');
const key = fc.constantFrom('server.tag', 'var.a', 'x', 'my-var', 'elsewhere', 'iffy', 'includes', 'server.modules');
const assignOp = fc.constantFrom('=', '=', ':=', '+=');
const trailing = fc.constantFrom('', '', '', ' # t', '  #', '\t# else {');
const element = fc.oneof(scalar, fc.tuple(scalar, scalar).map(([k, v]) => `${k} => ${v}`));
const inlineArray = fc
  .tuple(fc.array(element, { maxLength: 3 }), fc.boolean())
  .map(([els, comma]) => `(${els.join(', ')}${comma && els.length > 0 ? ',' : ''})`);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: inlineArray },
  { weight: 1, arbitrary: fc.tuple(scalar, scalar).map(([x, y]) => `${x} + ${y}`) },
);
const condition = fc
  .tuple(
    fc.constantFrom('$HTTP["host"]', '$HTTP["url"]', '$SERVER["socket"]', '$ HTTP["useragent"]', '$REQUEST_HEADER["X-A"]'),
    fc.constantFrom('==', '!=', '=~', '!~', '=^', '=$'),
    fc.constantFrom('"a"', '"^/x"', '":443"', '"example.org"'),
  )
  .map(([o, m, v]) => `${o} ${m} ${v}`);
const indent = (lines: string[]): string[] => lines.map((l) => (l === '' ? l : `  ${l}`));

const assignmentLines = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, assignOp, value, trailing).map(([k, o, v, t]) => [`${k} ${o} ${v}${t}`]) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(key, fc.array(fc.tuple(element, trailing), { maxLength: 3 }), fc.boolean(), trailing)
      .map(([k, els, inner, t]) => [`${k} = (${t}`, ...(inner ? ['  # inside'] : []), ...els.map(([el, c]) => `  ${el},${c}`), ')']),
  },
  // A string over two lines: lighttpd keeps the line break in the value.
  { weight: 1, arbitrary: fc.tuple(key, trailing).map(([k, t]) => [`${k} = "first`, `second"${t}`]) },
  // Two statements on one line (lighttpd needs no line break between them): no cut can fall between.
  { weight: 1, arbitrary: fc.tuple(key, value, key, value, trailing).map(([k1, v1, k2, v2, t]) => [`${k1} = ${v1} ${k2} = ${v2}${t}`]) },
  // Arrays in arrays over several lines, with comments, as fastcgi.server is written.
  {
    weight: 1,
    arbitrary: fc
      .tuple(trailing, trailing, trailing, fc.boolean())
      .map(([t1, t2, t3, comma]) => ['fastcgi.server = (', `  ".php" => (${t1}`, '    "localhost" => (', `      "socket" => "/tmp/php.sock",${t2}`, `      "check-local" => "disable"${comma ? ',' : ''}`, `    ),${t3}`, '  ),', ')']),
  },
);

const { statements } = fc.letrec<{ statements: string[]; statement: string[] }>((tie) => {
  const block = tie('statements') as fc.Arbitrary<string[]>;
  const elseOpener = fc.oneof(
    fc.constant('else {'),
    condition.map((c) => `else ${c} {`),
    condition.map((c) => `elif ${c} {`),
    condition.map((c) => `else if ${c} {`),
  );
  return {
    statement: fc.oneof(
      { weight: 6, arbitrary: assignmentLines },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom('', '', 'if '), condition, trailing, block, fc.array(fc.tuple(elseOpener, fc.nat({ max: 2 }), block, trailing), { maxLength: 3 }), trailing)
          .map(([ifKw, c, t, body, elses, t2]) => {
            const lines = [`${ifKw}${c} {${t}`, ...indent(body), '}'];
            for (const [opener, placement, elseBody, te] of elses) {
              // `} else {`, or `else {` on a later line, comments between: all lighttpd's `eols`.
              if (placement === 0) lines[lines.length - 1] += ` ${opener}${te}`;
              else if (placement === 1) lines.push(`${opener}${te}`);
              else lines.push('# between', '', `${opener}${te}`);
              lines.push(...indent(elseBody), '}');
            }
            lines[lines.length - 1] += t2;
            return lines;
          }),
      },
      { weight: 1, arbitrary: fc.tuple(block, trailing).map(([body, t]) => [`global {${t}`, ...indent(body), '}']) },
      // A block on one line.
      { weight: 1, arbitrary: fc.tuple(condition, key, value, trailing).map(([c, k, v, t]) => [`${c} { ${k} = ${v} }${t}`]) },
      { weight: 1, arbitrary: fc.constantFrom<string[]>(['include "conf.d/*.conf"'], ['include_shell "cat x.conf" # t'], ['include "a" + "b.conf"']) },
      { weight: 2, arbitrary: fc.constantFrom<string[]>(['# comment'], ['#'], ['   # indented'], [''], ['', ''], ['# one', '# two']) },
    ),
    statements: fc.array(tie('statement') as fc.Arbitrary<string[]>, { maxLength: 4, depthIdentifier: 'block' }).map((list) => list.flat()),
  };
});

const config = fc
  .tuple(fc.array(statements, { minLength: 2, maxLength: 6 }), fc.constantFrom('\n', '\n', '\r\n'), fc.constantFrom('', '\n', '\n', '\n# end\n'))
  .map(([chunks, eol, end]) => ({ text: (chunks.flat().join('\n') + end).replace(/\n/g, eol), eol }));

// ---------------------------------------------------------------------------------------------
// Edits: characters and whole lines, from a token soup or copied from elsewhere in the text

const soup = ['=', '"', '{', '}', '(', ')', ',', '#', ' ', '\n', '\r\n', '\r', 'else ', 'x', '1', '$HTTP["url"] == "/" {', '=>', '+', '\0', 'if ', '"q"', '\t', '\u00a0', 'else {\n}\n'];
const linePool = ['x = 1', '}', '{', 'else {', '} else {', '$HTTP["url"] =^ "/a" {', '# c', '', 'server.tag = "t" # tc', 'include "a.conf"', ')', 'x = (', '"', 'global {', 'elif $HTTP["host"] == "b" {'];

type EditKind = 'insert' | 'delete' | 'replaceChar' | 'letter' | 'insertLine' | 'deleteLine' | 'copyLine' | 'replaceLine' | 'undo';

interface Edit {
  kind: EditKind;
  at: number;
  other: number;
  token: string;
  line: string;
  eol: string;
}

// Weighted towards edits that often leave a valid config: only those can take the fast path.
const allKinds: EditKind[] = ['insert', 'delete', 'replaceChar', 'letter', 'letter', 'letter', 'insertLine', 'insertLine', 'deleteLine', 'copyLine', 'copyLine', 'replaceLine', 'undo'];
const typingKinds: EditKind[] = ['letter', 'letter', 'letter', 'letter', 'letter', 'letter', 'letter', 'letter', 'copyLine', 'copyLine', 'deleteLine', 'insertLine', 'undo', 'undo', 'insert', 'delete'];

const edit = (kinds: EditKind[]): fc.Arbitrary<Edit> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    at: fc.nat(),
    other: fc.nat(),
    token: fc.constantFrom(...soup),
    line: fc.constantFrom(...linePool),
    eol: fc.constantFrom('', '', '', '', '\n', '\r\n', '\r'),
  });

/** Lines as [start, end of content, end with line break], line breaks as LineMap counts them. */
function lineSpans(text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([start, m.index, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  if (start < text.length || out.length === 0) out.push([start, text.length, text.length]);
  return out;
}

function applyEdit(text: string, e: Edit, docEol: string): string {
  const eol = e.eol || docEol;
  const lines = lineSpans(text);
  const line = lines[e.at % lines.length]!;
  const source = lines[e.other % lines.length]!;
  switch (e.kind) {
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.token + text.slice(at);
    }
    case 'delete': {
      const at = e.at % Math.max(1, text.length);
      return text.slice(0, at) + text.slice(at + 1 + (e.other % 6));
    }
    case 'replaceChar': {
      const at = e.at % Math.max(1, text.length);
      return text.slice(0, at) + e.token[0]! + text.slice(at + 1);
    }
    case 'letter': {
      // What typing inside a value mostly is: one letter or digit for another. Usually still valid.
      const spots = [...text.matchAll(/[a-z0-9]/g)].map((m) => m.index);
      if (spots.length === 0) return text;
      const at = spots[e.at % spots.length]!;
      return text.slice(0, at) + 'qz7'[e.other % 3]! + text.slice(at + 1);
    }
    case 'insertLine': {
      const content = e.other % 2 === 0 ? e.line : text.slice(source[0], source[1]);
      return text.slice(0, line[0]) + content + eol + text.slice(line[0]);
    }
    case 'deleteLine':
      return text.slice(0, line[0]) + text.slice(line[2]);
    case 'copyLine':
      return text.slice(0, line[0]) + text.slice(source[0], source[2]) + (source[2] === source[1] ? eol : '') + text.slice(line[0]);
    case 'replaceLine':
      return text.slice(0, line[0]) + (e.other % 3 === 0 ? e.line : text.slice(source[0], source[1])) + text.slice(line[1]);
    case 'undo':
      return text; // handled by the chain, which knows the versions
  }
}

const optionSets: ParseOptions[] = [{}, { file: 'site.conf' }, { targetVersion: '1.4.69' }];

/** Edits `text` step by step, reparsing each version from the last, and compares each with a fresh parse. */
interface Stats {
  steps: number;
  /** Steps from a valid text to another valid text: the ones the fast path is for. */
  eligible: number;
  /** Steps that reused statements of the previous result. */
  fast: number;
}

function checkChain(text: string, eol: string, edits: [Edit, number][], firstOptions: number, stats: Stats): void {
  let options = optionSets[firstOptions]!;
  let current = parse(text, options);
  const history = [text];
  for (const [e, optionChange] of edits) {
    // `undo` goes back a version: from a broken text to a valid one, as typing does.
    const next = e.kind === 'undo' ? history[Math.max(0, history.length - 2)]! : applyEdit(current.ast.text, e, eol);
    history.push(next);
    // Now and then another option set: reparse must see it and parse afresh.
    const previousOptions = options;
    if (optionChange === 0) options = optionSets[(optionSets.indexOf(options) + 1) % optionSets.length]!;
    const before = current.ast.body.slice();
    const changed = next !== current.ast.text;
    const wasValid = current.diagnostics.length === 0;
    const sameOptions = options === previousOptions;
    const result = reparse(current, next, options);
    const expected = parse(next, options);
    expectSameParse(result, expected);
    stats.steps++;
    if (changed && sameOptions && wasValid && expected.diagnostics.length === 0) stats.eligible++;
    if (changed && reusedCount(before, result) > 0) stats.fast++;
    current = result;
  }
}

const RUNS = Number(process.env['LHCONF_INCREMENTAL_RUNS'] ?? 200);
// A fixed seed keeps CI deterministic; explore with LHCONF_INCREMENTAL_SEED=random (or a number) and more runs.
const SEED = process.env['LHCONF_INCREMENTAL_SEED'] === 'random' ? Date.now() : Number(process.env['LHCONF_INCREMENTAL_SEED'] ?? 20260716);
const report = (name: string, stats: object): void => {
  if (process.env['LHCONF_INCREMENTAL_STATS']) console.log(`incremental ${name} (seed ${SEED}): ${JSON.stringify(stats)}`);
};

describe('reparse gives exactly what parse gives', () => {
  it(`after chains of 1–6 random edits on ${RUNS} generated configs`, () => {
    const stats: Stats = { steps: 0, eligible: 0, fast: 0 };
    fc.assert(
      fc.property(config, fc.array(fc.tuple(edit(allKinds), fc.nat({ max: 9 })), { minLength: 1, maxLength: 6 }), fc.nat({ max: optionSets.length - 1 }), ({ text, eol }, edits, first) =>
        checkChain(text, eol, edits, first, stats),
      ),
      { numRuns: RUNS, seed: SEED },
    );
    report('any edits', stats);
    // The fast path must actually be taken, not silently always left (small configs and a few edge cases leave it).
    expect(stats.fast).toBeGreaterThan(stats.eligible * 0.5);
  }, 600_000);

  it(`after chains of 1–8 edits that mostly keep the config valid, on ${RUNS} generated configs`, () => {
    const stats: Stats = { steps: 0, eligible: 0, fast: 0 };
    fc.assert(
      fc.property(config, fc.array(fc.tuple(edit(typingKinds), fc.nat({ max: 19 })), { minLength: 1, maxLength: 8 }), fc.nat({ max: optionSets.length - 1 }), ({ text, eol }, edits, first) =>
        checkChain(text, eol, edits, first, stats),
      ),
      { numRuns: RUNS, seed: SEED + 1 },
    );
    report('typing', stats);
    expect(stats.fast).toBeGreaterThan(stats.eligible * 0.5);
    expect(stats.eligible).toBeGreaterThan(stats.steps * 0.2);
  }, 600_000);
});

// ---------------------------------------------------------------------------------------------
// The fast path is taken, and left when it must be

/** `count` host blocks like a real config: comment, condition, assignments, an array, a nested block, an else. */
function siteConfig(count: number, eol = '\n'): string {
  const out = ['server.modules = ( "mod_access", "mod_rewrite" )', 'server.document-root = "/srv/www" # global', ''];
  for (let i = 0; i < count; i++) {
    out.push(
      `# site ${i}`,
      `$HTTP["host"] == "site${i}.example.org" {`,
      `  server.document-root = "/srv/site${i}"`,
      '  setenv.add-response-header = (',
      `    "X-Site" => "${i}", # which`,
      '  )',
      `  $HTTP["url"] =^ "/private${i}/" {`,
      '    url.access-deny = ("")',
      '  }',
      '} else {',
      '  # nothing here',
      '}',
      '',
    );
  }
  return out.join(eol);
}

describe('reparse reuses what did not change', () => {
  it('keeps the statements before and after a one-line edit as the same objects', () => {
    const text = siteConfig(100);
    const previous = parse(text);
    const before = previous.ast.body.slice();
    const next = text.replace('"/srv/site50"', '"/srv/site-fifty"');
    const result = reparse(previous, next);
    expectSameParse(result, parse(next));
    // 102 statements; the edited one and one margin statement on each side are read again.
    expect(result.ast.body).toHaveLength(102);
    expect(reusedCount(before, result)).toBe(99);
    expect(result.ast.body[0]).toBe(before[0]);
    expect(result.ast.body[101]).toBe(before[101]);
    expect(result.ast.body[52]).not.toBe(before[52]);
  });

  it('follows a chain of edits that add and remove lines (CRLF)', () => {
    let text = siteConfig(40, '\r\n');
    let current = parse(text, { file: 'a.conf' });
    const edits: [string, string][] = [
      ['"/srv/site10"', '"/srv/ten"\r\nserver.tag = "added"'],
      ['# site 20\r\n', ''],
      ['"X-Site" => "30",', '"X-Site" => "30", "X-More" => "yes",\r\n   '],
      ['/private39/', '/p'],
      ['"/srv/site0"', '"/srv/zero"'],
    ];
    for (const [from, to] of edits) {
      const next = text.replace(from, to);
      expect(next).not.toBe(text);
      const before = current.ast.body.slice();
      const result = reparse(current, next, { file: 'a.conf' });
      expectSameParse(result, parse(next, { file: 'a.conf' }));
      expect(reusedCount(before, result)).toBeGreaterThan(30);
      current = result;
      text = next;
    }
  });

  it('does not splice from a result it has already consumed', () => {
    const text = siteConfig(20);
    const previous = parse(text);
    const first = text.replace('site10.', 'site-ten.');
    const second = text.replace('site12.', 'site-twelve.');
    expect(reusedCount(previous.ast.body, reparse(previous, first))).toBeGreaterThan(15);
    // Its statements now belong to the first result (shifted); using it again must not splice them.
    const result = reparse(previous, second);
    expectSameParse(result, parse(second));
    expect(reusedCount(previous.ast.body, result)).toBe(0);
  });

  it('returns the previous result for an unchanged text', () => {
    const previous = parse(siteConfig(5));
    expect(reparse(previous, previous.ast.text)).toBe(previous);
  });

  it('moves the comments after the last statement along', () => {
    const text = `${siteConfig(10)}\n# the end\n# really\n`;
    const previous = parse(text);
    const next = text.replace('site3.', 'site-three.');
    const result = reparse(previous, next);
    expectSameParse(result, parse(next));
    expect(result.ast.danglingComments?.map((c) => c.text)).toEqual([' the end', ' really']);
  });
});

describe('reparse parses afresh when splicing could differ', () => {
  const text = siteConfig(20);
  // [case, edit, options, whether the result must come from a fresh parse]
  const cases: [string, (t: string) => string, ParseOptions | undefined, boolean][] = [
    ['the new text has a syntax error', (t) => t.replace('"/srv/site10"', '"/srv/site10'), undefined, true],
    ['a warning only (a stray comma)', (t) => t.replace('"/srv/site10"', '"/srv/site10",'), undefined, true],
    ['"{" moves to the next line', (t) => t.replace('"site11.example.org" {', '"site11.example.org"\n{'), undefined, true],
    ['a closing brace is removed', (t) => t.replace('    url.access-deny = ("")\n  }', '    url.access-deny = ("")\n'), undefined, true],
    ['a string is left open', (t) => t.replace('"/srv/site10"', '"/srv/site10\n'), undefined, true],
    ['a NUL byte', (t) => t.replace('site10', 'site\u000010'), undefined, true],
    ['the target version differs', (t) => t.replace('site10', 'site-ten'), { targetVersion: '1.4.69' }, true],
    ['the file name differs', (t) => t.replace('site10', 'site-ten'), { file: 'other.conf' }, true],
    // Joins the block before: the margin statement is re-read with it, so this one is spliced, exactly.
    ['"else" lands at the start of a line after a block', (t) => t.replace('# site 11\n', 'else {\n}\n# site 11\n'), undefined, false],
  ];
  for (const [name, change, options, fresh] of cases) {
    it(name, () => {
      const previous = parse(text);
      const next = change(text);
      expect(next).not.toBe(text);
      const before = previous.ast.body.slice();
      const result = reparse(previous, next, options);
      expectSameParse(result, parse(next, options));
      if (fresh) expect(reusedCount(before, result)).toBe(0);
    });
  }

  it('a LF typed after a lone CR (old Mac line ends): one line break, not two', () => {
    const old = siteConfig(20, '\r');
    for (let at = old.indexOf('\r', old.length >> 1), k = 0; k < 15; at = old.indexOf('\r', at + 1), k++) {
      const next = `${old.slice(0, at + 1)}\n${old.slice(at + 1)}`;
      expectSameParse(reparse(parse(old), next), parse(next));
    }
  });

  it('after a broken version, until the text is whole again', () => {
    let current = parse(text);
    for (const next of [text.replace('"/srv/site10"', '"/srv/site10'), text.replace('"/srv/site10"', '"/srv/site1"'), text.replace('"/srv/site10"', '"/srv/site"')]) {
      const before = current.ast.body.slice();
      const result = reparse(current, next);
      expectSameParse(result, parse(next));
      const wasBroken = current.diagnostics.length > 0 || parse(next).diagnostics.length > 0;
      if (wasBroken) expect(reusedCount(before, result)).toBe(0);
      else expect(reusedCount(before, result)).toBeGreaterThan(15);
      current = result;
    }
  });

  it('for a result parse did not make (parseBytes with a BOM, or built by hand)', () => {
    const bom = parseBytes(Buffer.from(`\uFEFF${text}`));
    const next = text.replace('site10', 'site-ten');
    expectSameParse(reparse(bom, next), parse(next));
    const byHand: ParseResult = { ast: { ...parse(text).ast }, diagnostics: [] };
    const before = byHand.ast.body.slice();
    const result = reparse(byHand, next);
    expectSameParse(result, parse(next));
    expect(reusedCount(before, result)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// What it is for: a keystroke in a 2,000-line config must not cost a full parse

describe('reparse is fast', () => {
  const median = (xs: number[]): number => {
    const s = [...xs].sort((x, y) => x - y);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };

  it('re-reads a one-character edit of a 2,000-line config in a fraction of a full parse', () => {
    const text = siteConfig(154);
    expect(text.split('\n')).toHaveLength(2005);
    // Typing and deleting a character in the middle: every later offset moves each time.
    const at = text.indexOf('"/srv/site77"') + 10;
    const versions = [text, `${text.slice(0, at)}x${text.slice(at)}`];
    const RUNS = 40;
    const WARMUP = 10;
    const full: number[] = [];
    const incremental: number[] = [];
    let current = parse(versions[0]!);
    for (let i = 1; i <= RUNS + WARMUP; i++) {
      const next = versions[i % 2]!;
      let t = performance.now();
      parse(next);
      const fullMs = performance.now() - t;
      t = performance.now();
      current = reparse(current, next);
      const incrementalMs = performance.now() - t;
      if (i > WARMUP) {
        full.push(fullMs);
        incremental.push(incrementalMs);
      }
    }
    expectSameParse(current, parse(versions[(RUNS + WARMUP) % 2]!));
    report('speed', { lines: 2005, runs: RUNS, fullParseMedianMs: median(full), reparseMedianMs: median(incremental) });
    // Measured ~20–60× faster; a quarter leaves room for a busy machine while still catching a silent fallback.
    expect(median(incremental)).toBeLessThan(median(full) / 4);
  });
});
