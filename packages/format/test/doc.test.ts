import { describe, expect, it } from 'vitest';
import { group, hardline, ifBreak, indent, join, line, lineSuffix, breakParent, printDoc, softline, type Doc } from '../src/doc.js';

const print = (doc: Doc, lineWidth = 20) => printDoc(doc, { lineWidth, indentWidth: 4, useTabs: false, newline: '\n' });
const list = (items: Doc[]) =>
  group(['(', indent([softline, join([',', line], items), ifBreak(',')]), softline, ')']);

describe('printDoc', () => {
  it('keeps a group flat when it fits', () => {
    expect(print(['x = ', list(['"a"', '"b"'])])).toBe('x = ("a", "b")');
  });
  it('breaks a group that does not fit, with the break-only trailing comma', () => {
    expect(print(['x = ', list(['"aaaaaa"', '"bbbbbb"'])])).toBe('x = (\n    "aaaaaa",\n    "bbbbbb",\n)');
  });
  it('counts text after the group up to the next line break', () => {
    expect(print(['x = ', list(['"a"', '"b"']), ' + "ccccccccc"'])).toBe('x = (\n    "a",\n    "b",\n) + "ccccccccc"');
  });
  it('breaks the groups around a hard line', () => {
    expect(print(list(['"a"', ['"b"', hardline, '"c"']]), 80)).toBe('(\n    "a",\n    "b"\n    "c",\n)');
  });
  it('prints line suffixes before the next newline', () => {
    expect(print(['a', lineSuffix('# c'), breakParent, ',', hardline, 'b'])).toBe('a, # c\nb');
    expect(print(['a', lineSuffix('# c')])).toBe('a # c');
  });
  it('gives each further line suffix a line of its own', () => {
    expect(print(indent(['a', lineSuffix('# c'), lineSuffix('# d'), hardline, 'b']))).toBe('a # c\n    # d\n    b');
  });
  it('trims trailing blanks and indents with tabs', () => {
    expect(printDoc(['{', indent([hardline, 'x', hardline, hardline, 'y']), hardline, '}'], { lineWidth: 80, indentWidth: 4, useTabs: true, newline: '\r\n' }))
      .toBe('{\r\n\tx\r\n\r\n\ty\r\n}');
  });
});
