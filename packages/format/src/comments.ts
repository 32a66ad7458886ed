import { childrenOf, formatLocation, type Comment, type Node } from '@lhconf/parser';
import { breakParent, hardline, lineSuffix, type Doc } from './doc.js';

/**
 * Thrown when the formatter would lose or duplicate a comment, or otherwise produce output it cannot
 * stand behind. It is a bug in lhconf, never in the user's config: the caller must not write anything.
 */
export class FormatInternalError extends Error {
  override name = 'FormatInternalError';
}

/** `# text` as printed: the comment's bytes, trailing blanks removed. */
export function printComment(comment: Comment): string {
  return `#${comment.text.replace(/[ \t\r]+$/, '')}`;
}

/**
 * Counts the comments that go into the output, so that a comment the printers never reach (a parser
 * attachment the printers do not expect) fails loudly instead of vanishing.
 */
export class CommentLedger {
  private readonly printed = new Map<Comment, number>();
  /** Every comment taken, in order (a cached layout replays its share). */
  readonly taken: Comment[] = [];

  take(comment: Comment): string {
    this.printed.set(comment, (this.printed.get(comment) ?? 0) + 1);
    this.taken.push(comment);
    return printComment(comment);
  }

  /** Throws unless each of `all` was printed exactly once and nothing else was. */
  verify(all: readonly Comment[]): void {
    const expected = new Set(all);
    for (const comment of all) {
      const n = this.printed.get(comment) ?? 0;
      if (n !== 1) {
        throw new FormatInternalError(
          `comment at ${formatLocation(comment.range)} would be ${n === 0 ? 'lost' : `printed ${n} times`}: "${printComment(comment)}"`,
        );
      }
    }
    for (const comment of this.printed.keys()) {
      if (!expected.has(comment)) {
        throw new FormatInternalError(`comment at ${formatLocation(comment.range)} is attached to the tree but missing from Document.comments`);
      }
    }
  }
}

/** Number of line breaks in `text` (`\r\n`, `\n` and `\r` count once each, as in lighttpd). */
export function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      n++;
    }
  }
  return n;
}

/** Whether the source has an empty line between offsets `from` and `to` (which hold only blanks and newlines, or a trailing comment). */
export function hasBlankLineBetween(source: string, from: number, to: number): boolean {
  return from < to && countLineBreaks(source.slice(from, to)) >= 2;
}

/**
 * Where a node begins once the comments printed before it are counted: its own leading comments and those
 * of descendants that start where it starts (a parser may attach `# x` above `a = 1` to the key `a`).
 */
export function startWithComments(node: Node): number {
  return Math.min(node.range.start.offset, ...leadingCommentsAtStart(node).map((c) => c.range.start.offset));
}

/** The leading comments of `node` and of the descendants that start where it starts, outermost first. */
export function leadingCommentsAtStart(node: Node): Comment[] {
  const out: Comment[] = [];
  let current: Node | undefined = node;
  while (current && current.range.start.offset === node.range.start.offset) {
    out.push(...(current.leadingComments ?? []));
    current = childrenOf(current)[0];
  }
  return out;
}

/** Nodes that the printers always put at the start of a line. */
const lineStarters: ReadonlySet<Node['type']> = new Set([
  'Document', 'Assignment', 'Conditional', 'GlobalBlock', 'Include', 'IncludeShell', 'Branch', 'ArrayElement',
]);

/** Whether the printed `node` begins a line: a line starter, or the first part of one. */
function startsLine(node: Node): boolean {
  if (lineStarters.has(node.type)) return true;
  const parent = node.parent;
  return parent !== undefined && parent.range.start.offset === node.range.start.offset && startsLine(parent);
}

/**
 * The comments of one node around its printed form: leading comments on their own lines (empty lines
 * between them kept), trailing comments deferred to the end of the line. A node in the middle of a line
 * (`"b"` in `("a" +⏎ # c⏎ "b")`) cannot have its leading comments above it: they go to the end of its line.
 */
export function withComments(node: Node, printed: Doc, ledger: CommentLedger, source: string, skip: ReadonlySet<Comment>): Doc {
  const leading = (node.leadingComments ?? []).filter((c) => !skip.has(c));
  const trailing = node.trailingComments ?? [];
  if (leading.length === 0 && trailing.length === 0) return printed;
  const parts: Doc[] = [];
  const above = startsLine(node) ? leading : [];
  above.forEach((comment, i) => {
    parts.push(ledger.take(comment), hardline);
    const next = above[i + 1]?.range.start.offset ?? node.range.start.offset;
    if (hasBlankLineBetween(source, comment.range.end.offset, next)) parts.push(hardline);
  });
  parts.push(printed);
  for (const comment of above.length > 0 ? trailing : [...leading, ...trailing]) {
    parts.push(lineSuffix(ledger.take(comment)), breakParent);
  }
  return parts;
}
