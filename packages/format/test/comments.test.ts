import { parse } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { CommentLedger, FormatInternalError, countLineBreaks, printComment } from '../src/comments.js';
import { format } from '../src/format.js';
import { printers } from '../src/printers.js';

describe('CommentLedger', () => {
  const { ast } = parse('# a\nx = 1 # b\n');
  it('accepts every comment printed exactly once', () => {
    const ledger = new CommentLedger();
    for (const c of ast.comments) ledger.take(c);
    expect(() => ledger.verify(ast.comments)).not.toThrow();
  });
  it('throws instead of losing a comment', () => {
    const ledger = new CommentLedger();
    ledger.take(ast.comments[0]!);
    expect(() => ledger.verify(ast.comments)).toThrow(FormatInternalError);
    expect(() => ledger.verify(ast.comments)).toThrow(/<input>:2:7 would be lost: "# b"/);
  });
  it('throws instead of printing a comment twice', () => {
    const ledger = new CommentLedger();
    for (const c of [...ast.comments, ast.comments[1]!]) ledger.take(c);
    expect(() => ledger.verify(ast.comments)).toThrow(/printed 2 times/);
  });
});

describe('comment helpers', () => {
  it('prints a comment as written, trailing blanks removed', () => {
    expect(printComment({ type: 'Comment', text: '  x\t ', range: ast0() })).toBe('#  x');
  });
  it('counts \\n, \\r\\n and \\r as one line break each', () => {
    expect(countLineBreaks('a\nb\r\nc\rd')).toBe(3);
  });
});

function ast0() {
  return parse('').ast.range;
}

describe('output verification', () => {
  it('throws rather than return output that means something else', () => {
    const original = printers.IntegerLiteral;
    printers.IntegerLiteral = (node) => `${node.raw}0`;
    try {
      expect(() => format('x = 1\n')).toThrow(FormatInternalError);
      expect(() => format('x = 1\n')).toThrow(/different syntax tree/);
    } finally {
      printers.IntegerLiteral = original;
    }
    expect(format('x = 1\n').ok).toBe(true);
  });
});
