import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBytes } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { format, formatBytes, formatRange, type FormatCallOptions } from '../src/index.js';
import { astShape } from '../src/ast-shape.js';
import { meaningOf } from './meaning.js';

const root = fileURLToPath(new URL('../../../fixtures/format/', import.meta.url));
const cases = existsSync(root) ? readdirSync(root).sort() : [];

describe.each(cases)('fixtures/format/%s', (name) => {
  const dir = `${root}${name}/`;
  const input = readFileSync(`${dir}input.conf`);
  const expected = readFileSync(`${dir}output.conf`);
  const options: FormatCallOptions = existsSync(`${dir}options.json`) ? JSON.parse(readFileSync(`${dir}options.json`, 'utf8')) : {};

  it('formats input.conf to output.conf', () => {
    const result = formatBytes(input, { ...options, file: 'input.conf' });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(Buffer.from(result.output).toString('latin1')).toBe(expected.toString('latin1'));
  });

  it('leaves output.conf as it is', () => {
    const result = formatBytes(expected, { ...options, file: 'output.conf' });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(result.changed).toBe(false);
  });

  it('keeps the syntax tree, the comments and the printConfig output', () => {
    const before = parseBytes(input);
    const after = parseBytes(expected);
    expect(after.diagnostics).toEqual([]);
    expect(astShape(after.ast)).toEqual(astShape(before.ast));
    expect(after.ast.comments.map((c) => c.text.trimEnd())).toEqual(before.ast.comments.map((c) => c.text.trimEnd()));
    expect(meaningOf(after.ast, dir)).toBe(meaningOf(before.ast, dir));
  });
});

describe('format', () => {
  it('refuses input with syntax errors', () => {
    const result = format('server.port = = 80\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]?.ruleId).toBe('syntax');
  });
  it('reports whether anything changed', () => {
    expect(format('x = 1\n')).toEqual({ ok: true, output: 'x = 1\n', changed: false });
    expect(format('x=1')).toEqual({ ok: true, output: 'x = 1\n', changed: true });
  });
});

describe('formatBytes', () => {
  it('keeps a BOM byte for byte (lighttpd rejects it; lint reports that, the formatter keeps it)', () => {
    const result = formatBytes(Buffer.from('\uFEFFserver.port=80\r\n'));
    expect(result.ok && Buffer.from(result.output).toString('utf8')).toBe('\uFEFFserver.port = 80\r\n');
  });
});

describe('formatRange', () => {
  const text = 'a=1\n# about b\nb   =  2 # two\n\n$HTTP["host"]=="x" {\ny=1\n}\nc=(1,\n2)\n';
  it('replaces only the top-level statements the range touches, with their comments', () => {
    const at = text.indexOf('2 # two');
    const result = formatRange(text, { start: at, end: at });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.edits).toHaveLength(1);
    const [edit] = result.edits;
    expect(text.slice(edit!.range.start.offset, edit!.range.end.offset)).toBe('# about b\nb   =  2 # two');
    expect(edit!.text).toBe('# about b\nb = 2 # two');
  });
  it('formats a block chain as a whole and agrees with format()', () => {
    const start = text.indexOf('y=1');
    const result = formatRange(text, { start, end: text.length });
    if (!result.ok) throw new Error('syntax');
    const applied = result.edits.reduceRight((t, e) => t.slice(0, e.range.start.offset) + e.text + t.slice(e.range.end.offset), text);
    expect(applied).toBe('a=1\n# about b\nb   =  2 # two\n\n$HTTP["host"] == "x" {\n    y = 1\n}\nc = (1, 2)\n');
  });
  it('accepts a SourceRange as well as offsets', () => {
    const at = text.indexOf('2 # two');
    const position = { offset: at, line: 3, column: 10 };
    expect(formatRange(text, { file: '<input>', start: position, end: position })).toEqual(formatRange(text, { start: at, end: at }));
  });
  it('returns no edit when the statements are already formatted', () => {
    expect(formatRange('a = 1\n', { start: 0, end: 1 })).toEqual({ ok: true, edits: [] });
  });
});
