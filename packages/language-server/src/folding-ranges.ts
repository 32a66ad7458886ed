import { walk, type Comment, type SourceRange } from '@lhconf/parser';
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import type { ServerContext } from './context.js';

/** A fold from `open`'s line to the line before `close`, so that the closing `}` or `)` stays visible. */
function fold(open: SourceRange, close: SourceRange): FoldingRange | undefined {
  const startLine = open.start.line - 1;
  const endLine = close.start.line - 2;
  return endLine > startLine ? { startLine, endLine } : undefined;
}

/** Runs of two or more comments on consecutive lines, each on a line of its own. */
function commentRuns(comments: readonly Comment[], text: string): FoldingRange[] {
  const out: FoldingRange[] = [];
  let first: Comment | undefined;
  let last: Comment | undefined;
  const flush = () => {
    if (first && last && last.range.start.line > first.range.start.line)
      out.push({ startLine: first.range.start.line - 1, endLine: last.range.start.line - 1, kind: FoldingRangeKind.Comment });
  };
  for (const comment of comments) {
    const lineStart = comment.range.start.offset - (comment.range.start.column - 1);
    const ownLine = text.slice(lineStart, comment.range.start.offset).trim() === '';
    if (ownLine && last && comment.range.start.line === last.range.start.line + 1) {
      last = comment;
      continue;
    }
    flush();
    first = last = ownLine ? comment : undefined;
  }
  flush();
  return out;
}

/** textDocument/foldingRange: blocks, multi-line arrays and comment runs. */
export async function foldingRanges(ctx: ServerContext, params: FoldingRangeParams): Promise<FoldingRange[]> {
  const found = await ctx.parsed(params.textDocument.uri);
  if (!found) return [];
  const { ast, text } = found.parsed;
  const out: FoldingRange[] = [];
  walk(ast, (node) => {
    let range: FoldingRange | undefined;
    if (node.type === 'Branch' || node.type === 'GlobalBlock') range = fold(node.open, node.close);
    else if (node.type === 'ArrayLiteral') range = fold(node.range, { ...node.range, start: node.range.end });
    if (range) out.push(range);
  });
  return [...out, ...commentRuns(ast.comments, text)];
}
