import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, parse, parseBytes, walk, type ParseResult } from '@lhconf/parser';

/** No input may throw, and none may reach the parser's internal-error safety net. */
function assertSound(result: ParseResult): void {
  expect(result.ast.type).toBe('Document');
  for (const d of result.diagnostics) {
    expect(d.messageId).not.toBe('internal-error');
    expect(d.range.start.line).toBeGreaterThanOrEqual(1);
  }
}

const soup = [
  'server.port', 'var.x', 'x', 'env.HOME', 'include', 'include_shell', 'global', 'else', 'elif', 'if', 'else if',
  '=', ':=', '+=', '==', '!=', '=~', '!~', '=^', '=$', '=>', '+', '(', ')', '{', '}', '[', ']', ',', '$HTTP', '$SERVER',
  '$REQUEST_HEADER', '$', '"a"', '"b\\"c"', '"unterminated', '80', '007', '# comment', '\n', '\r\n', ' ', '\t', ';', ':', '!', '\u00a0', '\0',
];

describe('parse never throws', () => {
  it('on 50,000 random byte strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        assertSound(parseBytes(bytes));
      }),
      { numRuns: 50_000 },
    );
  });

  it('on 50,000 soups of lighttpd tokens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...soup), { maxLength: 40 }), fc.constantFrom(' ', '', '\n'), (tokens, sep) => {
        assertSound(parse(tokens.join(sep)));
      }),
      { numRuns: 50_000 },
    );
  });

  it('on blocks and arrays nested 10,000 deep', () => {
    for (const src of [
      `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`,
      `${'$HTTP["url"] =^ "/a" {\n'.repeat(10_000)}x = 1\n${'}\n'.repeat(10_000)}`,
      '('.repeat(10_000),
      '{'.repeat(10_000),
    ]) {
      const r = parse(src);
      assertSound(r);
      expect(r.diagnostics.map((d) => d.messageId)).toContain('too-deep');
    }
  });

  it(`parses nesting up to ${MAX_NESTING} levels`, () => {
    const n = MAX_NESTING - 1;
    const r = parse(`${'$HTTP["url"] =^ "/a" {\n'.repeat(n)}x = 1\n${'}\n'.repeat(n)}`);
    expect(r.diagnostics).toEqual([]);
    let depth = 0;
    walk(r.ast, (node) => void (node.type === 'Branch' && depth++));
    expect(depth).toBe(n);
  });

  it('reads 150,000 statements in one block (no spread of huge arrays onto the stack)', () => {
    const r = parse('server.tag = "x"\n'.repeat(150_000));
    assertSound(r);
    expect(r.ast.body).toHaveLength(150_000);
    let n = 0;
    walk(r.ast, () => void n++);
    expect(n).toBe(1 + 150_000 * 4);
  });

  it('refuses a 50 MB file with a clear message instead of running out of time or memory', () => {
    const line = 'server.tag = "0123456789012345678901234567890123456789"\n';
    const r = parseBytes(Buffer.from(line.repeat(Math.ceil(50e6 / line.length))), { file: 'big.conf' });
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/lighttpd refuses config files over 32 MiB/)]);
  });

  it('keeps reading after a NUL byte the way lighttpd does: stops there, reports it', () => {
    const r = parseBytes(Buffer.from('server.port = 80\n\0garbage ; {{\n'));
    expect(r.ast.body).toHaveLength(1);
    expect(r.diagnostics.map((d) => [d.messageId, d.fatal])).toEqual([['stray-nul', false]]);
  });

  it('reads bytes that are not UTF-8 as latin1, keeping every byte', () => {
    const bytes = Buffer.from([...Buffer.from('server.tag = "caf'), 0xe9, ...Buffer.from('"\n')]);
    const r = parseBytes(bytes);
    expect(r.ast.encoding).toBe('latin1');
    expect(Buffer.from(r.ast.text, 'latin1')).toEqual(bytes);
    expect(r.diagnostics).toEqual([]);
  });

  it('remembers a BOM and reports it, since lighttpd rejects it', () => {
    const r = parseBytes(Buffer.from('\ufeffserver.port = 80\n'));
    expect(r.ast.bom).toBe(true);
    expect(r.ast.body).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.messageId)).toEqual(['byte-order-mark']);
  });
});
