import { LineMap, type SourceRange } from '@lhconf/parser';
import type { Position, Range } from 'vscode-languageserver';
import { fileURLToPath, pathToFileURL } from 'node:url';

// lhconf positions are 1-based lines and columns counted in UTF-16 code units of the decoded text, and the
// LineMap breaks lines at \n, \r\n and a lone \r exactly as LSP does: the conversion is a shift by one.

/** An lhconf range as an LSP range. */
export function toLspRange(range: SourceRange): Range {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** The offset of an LSP position in text whose line starts are `lines.lineStarts` (clamped to the line). */
export function offsetAt(lines: LineMap, position: Position): number {
  const starts = lines.lineStarts;
  if (position.line >= starts.length) return lines.text.length;
  const start = starts[position.line]!;
  const next = position.line + 1 < starts.length ? starts[position.line + 1]! : lines.text.length;
  return Math.min(start + position.character, next);
}

/** The LSP position of an offset. */
export function positionAt(lines: LineMap, offset: number): Position {
  const p = lines.position(Math.max(0, Math.min(offset, lines.text.length)));
  return { line: p.line - 1, character: p.column - 1 };
}

/** A file path for a `file:` URI; other schemes (untitled:) keep the URI as their name. */
export function uriToFile(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The URI of a path as the parser names it (absolute paths); names that are not paths stay as they are. */
export function fileToUri(file: string): string {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) ? pathToFileURL(file).href : file;
}
