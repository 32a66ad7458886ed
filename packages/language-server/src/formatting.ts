import { formatParsed, formatRange, LayoutCache } from '@lhconf/format';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import { hasSyntaxError, type ParsedDocument } from './documents.js';
import { offsetAt, positionAt, toLspRange } from './positions.js';

/**
 * One edit turning `parsed.text` into `output`: the changed lines only, so the editor keeps its cursor and
 * marks elsewhere. The edit starts and ends at line starts, never between the \r and \n of a CRLF.
 */
export function minimalEdit(parsed: ParsedDocument, output: string): TextEdit {
  const text = parsed.text;
  const limit = Math.min(text.length, output.length);
  let prefix = 0;
  while (prefix < limit && text.charCodeAt(prefix) === output.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && text.charCodeAt(text.length - 1 - suffix) === output.charCodeAt(output.length - 1 - suffix)) suffix++;
  const starts = parsed.lines.lineStarts;
  const start = starts[parsed.lines.position(prefix).line - 1]!;
  const endLine = parsed.lines.position(text.length - suffix);
  let end = starts[endLine.line - 1]!;
  if (end < text.length - suffix) end = starts[endLine.line] ?? text.length;
  return {
    range: { start: positionAt(parsed.lines, start), end: positionAt(parsed.lines, end) },
    newText: output.slice(start, output.length - (text.length - end)),
  };
}

/**
 * The options the CLI would use for the file (`format` in .lhconfrc.json, .editorconfig): the saved file
 * must equal `lhconf format`'s output. A broken config file is logged and formatting refused.
 */
async function optionsFor(ctx: ServerContext, parsed: ParsedDocument) {
  const options = await ctx.settings.formatOptions(parsed.file);
  if (typeof options === 'string') {
    ctx.connection.console.warn(`lhconf: not formatting ${parsed.file}: ${options}`);
    return undefined;
  }
  return { ...options, file: parsed.file, targetVersion: parsed.targetVersion };
}

/** textDocument/formatting: no edits when the text has syntax errors (the formatter never guesses). */
export async function formatDocument(ctx: ServerContext, params: DocumentFormattingParams): Promise<TextEdit[]> {
  const found = await ctx.parsed(params.textDocument.uri);
  if (!found || hasSyntaxError(found.parsed)) return [];
  const options = await optionsFor(ctx, found.parsed);
  if (!options) return [];
  const { parsed } = found;
  // The server has parsed this version already: format from that tree instead of parsing again. Top-level
  // blocks that reparse kept from earlier versions keep their layout; the safety check parses the output
  // incrementally from the last output's parse: successive outputs differ little.
  const parseOutput = (output: string) => ctx.outputParses.parse(parsed.uri, output, { file: parsed.file, targetVersion: parsed.targetVersion });
  let layoutCache = ctx.layouts.get(parsed.uri);
  if (!layoutCache) ctx.layouts.set(parsed.uri, (layoutCache = new LayoutCache()));
  const result = formatParsed(parsed.text, { ast: parsed.ast, diagnostics: parsed.syntax }, options, { parseOutput, layoutCache });
  return result.ok && result.changed ? [minimalEdit(parsed, result.output)] : [];
}

/** textDocument/rangeFormatting: reformats the top-level statements the range touches. */
export async function formatDocumentRange(ctx: ServerContext, params: DocumentRangeFormattingParams): Promise<TextEdit[]> {
  const found = await ctx.parsed(params.textDocument.uri);
  if (!found || hasSyntaxError(found.parsed)) return [];
  const { parsed } = found;
  const options = await optionsFor(ctx, parsed);
  if (!options) return [];
  const span = { start: offsetAt(parsed.lines, params.range.start), end: offsetAt(parsed.lines, params.range.end) };
  const result = formatRange(parsed.text, span, options);
  return result.ok ? result.edits.map((e) => ({ range: toLspRange(e.range), newText: e.text })) : [];
}
