import {
  LineMap,
  parse as parseText,
  parseBytes,
  type Comment,
  type Diagnostic,
  type Document,
  type ParseOptions,
  type ParseResult,
  type Position,
  type SourceRange,
  type Statement,
  type TextEdit,
} from '@lhconf/parser';
import { sameShape } from './ast-shape.js';
import { CommentLedger, FormatInternalError, printComment, startWithComments } from './comments.js';
import { printDoc } from './doc.js';
import { normalizeFormatOptions, type FormatOptions } from './options.js';
import type { LayoutCache } from './layout-cache.js';
import { createPrintContext } from './printers.js';

export interface FormatCallOptions extends Partial<FormatOptions> {
  /** Path used in diagnostics. */
  file?: string;
  /** lighttpd release whose syntax applies (passed to the parser). */
  targetVersion?: string;
}

export type FormatResult = { ok: true; output: string; changed: boolean } | { ok: false; diagnostics: Diagnostic[] };
export type FormatBytesResult = { ok: true; output: Uint8Array; changed: boolean } | { ok: false; diagnostics: Diagnostic[] };
export type FormatRangeResult = { ok: true; edits: TextEdit[] } | { ok: false; diagnostics: Diagnostic[] };

/** A span of the decoded text (BOM removed) as 0-based UTF-16 offsets, `end` exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

function syntaxErrors(result: ParseResult): Diagnostic[] {
  // A BOM is a problem for lighttpd, not for the tree: the formatter keeps it as the user wrote it.
  return result.diagnostics.filter((d) => d.severity === 'error' && d.messageId !== 'byte-order-mark');
}

/** Splits the call options into the parser's and the layout's. */
function splitOptions(options: FormatCallOptions): { parse: ParseOptions; layout: FormatOptions } {
  const { file, targetVersion, ...layout } = options;
  return {
    parse: { ...(file !== undefined ? { file } : {}), ...(targetVersion !== undefined ? { targetVersion } : {}) },
    layout: normalizeFormatOptions(layout),
  };
}

/** Lays out a parsed document; `only` restricts the output to some top-level statements (and comments between them). */
function printDocument(ast: Document, options: FormatOptions, only?: ReadonlySet<Statement | Comment>, cache?: LayoutCache): string {
  const ledger = new CommentLedger();
  const ctx = createPrintContext(options, ast.text, ledger, only);
  const docOptions = { lineWidth: options.lineWidth, indentWidth: options.indentWidth, useTabs: options.useTabs, newline: ast.lineEnding };
  if (cache) ctx.layout = { cache, key: JSON.stringify([options, ast.lineEnding]), printDoc: docOptions };
  const doc = ctx.print(ast);
  ledger.verify(only ? ast.comments.filter((c) => only.has(c) || isInside(c, only, ast.text)) : ast.comments);
  return printDoc(doc, docOptions);
}

function isInside(comment: Comment, only: ReadonlySet<Statement | Comment>, text: string): boolean {
  const at = comment.range.start.offset;
  for (const item of only) {
    if (item.type === 'Comment') continue;
    if (at >= startWithComments(item) && at < lineEndAfter(text, item.range.end.offset)) return true;
  }
  return false;
}

/** The end of the line that `offset` is on: a trailing comment there belongs to the node ending at `offset`. */
function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Parses formatted text for the safety check; the language server passes one that reuses its own parse. */
export type ParseOutput = (output: string) => ParseResult;

/** What a caller formatting successive versions of one document can lend {@link formatParsed}. */
export interface FormatReuse {
  /** Parses the output for the safety check (default: a fresh `parse`). */
  parseOutput?: ParseOutput;
  /** Layouts of top-level blocks from earlier versions, by statement object (see {@link LayoutCache}). */
  layoutCache?: LayoutCache;
}

/**
 * Re-parses the output and checks that it says what the input said: no syntax error, the same tree (ranges
 * and layout aside) and the same comments in the same order. A formatter bug must never reach a file.
 */
function verifyOutput(before: Document, output: string, parseOutput: ParseOutput): void {
  const after = parseOutput(output);
  const problem = after.diagnostics.find((d) => d.severity === 'error');
  if (problem) throw new FormatInternalError(`the formatted text does not parse: ${problem.message}`);
  if (!sameShape(after.ast, before)) throw new FormatInternalError('the formatted text has a different syntax tree from the input');
  const a = after.ast.comments;
  const b = before.comments;
  if (a.length !== b.length || a.some((comment, i) => printComment(comment) !== printComment(b[i]!)))
    throw new FormatInternalError('the formatted text has different comments from the input');
}

/**
 * Formats one file's text. Refuses (returns the syntax errors) when the text does not parse: a formatter
 * that guesses at broken input could change what lighttpd reads. Line endings (LF/CRLF) and a BOM are kept.
 * Throws {@link FormatInternalError} rather than drop a comment.
 */
export function format(text: string, options: FormatCallOptions = {}): FormatResult {
  return formatParsed(text, parseText(text, splitOptions(options).parse), options);
}

/**
 * `format(text, options)` for a text already parsed with the same file and target version (the language
 * server parses each version of a document once), with what `reuse` lends. Output identical to the input
 * needs no check; any other output is parsed and compared with the input before it is returned.
 */
export function formatParsed(text: string, parsed: ParseResult, options: FormatCallOptions = {}, reuse: FormatReuse = {}): FormatResult {
  const opts = splitOptions(options);
  const errors = syntaxErrors(parsed);
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const printed = printDocument(parsed.ast, opts.layout, undefined, reuse.layoutCache);
  const output = (parsed.ast.bom ? '\uFEFF' : '') + printed;
  if (output === text) return { ok: true, output, changed: false };
  verifyOutput(parsed.ast, printed, reuse.parseOutput ?? ((out) => parseText(out, opts.parse)));
  return { ok: true, output, changed: true };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Formats a file's bytes: the BOM, the line endings and the encoding are kept, so a latin1 file (not valid
 * UTF-8) comes back with the same bytes in its strings and comments.
 */
export function formatBytes(bytes: Uint8Array, options: FormatCallOptions = {}): FormatBytesResult {
  const opts = splitOptions(options);
  const parsed = parseBytes(bytes, opts.parse);
  const errors = syntaxErrors(parsed);
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const text = printDocument(parsed.ast, opts.layout);
  verifyOutput(parsed.ast, text, (out) => parseText(out, opts.parse));
  const body = Buffer.from(text, parsed.ast.encoding);
  const output = parsed.ast.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  const out = new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
  return { ok: true, output: out, changed: !sameBytes(out, bytes) };
}

function toOffsets(span: OffsetRange | SourceRange): OffsetRange {
  const { start, end } = span;
  return typeof start === 'number' && typeof end === 'number' ? { start, end } : { start: (start as Position).offset, end: (end as Position).offset };
}

/**
 * Formats the top-level statements that overlap `span` (offsets into `text` after any BOM, or a SourceRange), for an editor's
 * "format selection". Returns at most one edit, replacing those statements (from their first leading comment
 * to their last character) with their formatted text; none when they are already formatted.
 */
export function formatRange(text: string, span: OffsetRange | SourceRange, options: FormatCallOptions = {}): FormatRangeResult {
  const range = toOffsets(span);
  const opts = splitOptions(options);
  const parsed = parseText(text, opts.parse);
  const errors = syntaxErrors(parsed);
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const { ast } = parsed;
  const items = [...ast.body, ...(ast.danglingComments ?? [])].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const startOf = (item: Statement | Comment) => (item.type === 'Comment' ? item.range.start.offset : startWithComments(item));
  const first = items.findIndex((item) => item.range.end.offset >= range.start);
  let last = -1;
  items.forEach((item, i) => {
    if (startOf(item) <= range.end) last = i;
  });
  if (first < 0 || last < first) return { ok: true, edits: [] };
  const selected = items.slice(first, last + 1);
  const only = new Set(selected);
  const from = startOf(selected[0]!);
  const lastItem = selected[selected.length - 1]!;
  const to = lastItem.type === 'Comment' ? lastItem.range.end.offset : lineEndAfter(ast.text, lastItem.range.end.offset);
  const printed = printDocument(ast, opts.layout, only).replace(/(\r?\n)$/, '');
  // Keep a trailing comment of the last statement: it ends the replaced span.
  const original = ast.text.slice(from, to).replace(/[ \t]+$/, '');
  if (printed === original) return { ok: true, edits: [] };
  verifyOutput(ast, ast.text.slice(0, from) + printed + ast.text.slice(to), (out) => parseText(out, opts.parse));
  const lines = new LineMap(ast.text);
  return { ok: true, edits: [{ range: lines.range(ast.file, from, to), text: printed }] };
}
