import { forEachChild, type Comment, type Document, type Node, type NodeOfType, type NodeType, type Statement } from './ast.js';
import { MAX_FILE_BYTES, parse, parsedTargets, type ParseOptions, type ParseResult } from './parse.js';
import type { Position, SourceRange } from './source.js';
import { lineEndingOf } from './to-ast.js';
import { LATEST_VERSION } from './version.js';

/**
 * `parse(text, options)` for a new version of a text already parsed, re-reading only the top-level
 * statements around the change: the language server re-lints a 2,000-line config on each keystroke.
 * The result equals what `parse` gives, field for field (ranges, comments, parent links, diagnostics).
 *
 * `previous` is a result of `parse` or `reparse` of the old text (`previous.ast.text`); any other result, or
 * other options than it was read with, means a full parse. **`previous` is consumed**: on the fast path
 * its unchanged statements move into the result as the same objects (those after the change get their
 * ranges shifted in place, all get the new Document as parent). So do not use it afterwards: not for lint,
 * not for a format check, not kept in a cache. Passing it to `reparse` again is caught (that parses
 * afresh). When the text is unchanged, `previous` itself is returned.
 *
 * Only a change between two syntax-error-free texts takes the fast path; anything else is a full `parse`.
 */
export function reparse(previous: ParseResult, text: string, options: ParseOptions = {}): ParseResult {
  return reparseAround(previous, text, options) ?? parse(text, options);
}

/** Fewer statements than this: the re-read slice would be the whole text anyway. */
const MIN_STATEMENTS = 3;

/** The splice, or undefined when only a full parse is sure to give the same result. */
function reparseAround(previous: ParseResult, text: string, options: ParseOptions): ParseResult | undefined {
  const old = previous.ast;
  const file = options.file ?? '<input>';
  const target = options.targetVersion ?? LATEST_VERSION;
  // Another target changes version-gated diagnostics. A result parse did not make (parseBytes, by hand) is
  // unknown, and one already consumed by reparse has lent out its statements.
  if (parsedTargets.get(old) !== target || old.file !== file || old.bom || old.encoding !== 'utf8') return undefined;
  if (text === old.text) return previous;
  // lighttpd's parser (and lhconf's lemon-like recovery) drops tokens anywhere in the file: an error
  // anywhere can change how the rest reads, so only error-free texts are spliced.
  if (previous.diagnostics.length > 0 || text.length > MAX_FILE_BYTES) return undefined;
  const body = old.body;
  const n = body.length;
  if (n < MIN_STATEMENTS) return undefined;

  const oldText = old.text;
  const change = changedSpan(oldText, text);
  const cut = cutPoints(oldText, body, change);
  if (!cut) return undefined;
  const { p, q, a, c } = cut;
  const delta = text.length - oldText.length;
  const e = q < n ? c + delta : text.length;
  // Each cut must be a line start of the new text too: a "\r" before it and a "\n" after it would be one line break.
  if (!isLineStart(text, a) || (q < n && !isLineStart(text, e))) return undefined;

  const sliceText = text.slice(a, e);
  // Redundant with the slice's own diagnostics (a leading `else` or `{` is junk there), kept explicit:
  // a full parse would join it to the statement before the cut.
  if (continuesStatement(sliceText)) return undefined;
  const slice = parse(sliceText, options);
  if (slice.diagnostics.length > 0) return undefined;
  const sliceDangling = slice.ast.danglingComments;
  // Comments after the slice's last statement lead the first reused statement in a full parse; rare
  // enough (the margin statement normally closes the slice) to leave to it.
  if (sliceDangling && q < n) return undefined;

  // Nothing is mutated before this line: every way out above leaves `previous` as it was.
  const lineA = p === 0 ? 1 : body[p - 1]!.range.end.line + 1;
  shiftTree(slice.ast.body, 0, slice.ast.body.length, slice.ast.comments, 0, slice.ast.comments.length, a, lineA - 1);
  const comments = old.comments;
  const firstSliced = firstNotBefore(comments, (cm) => cm.range.start.offset < a);
  const firstReused = q < n ? firstNotBefore(comments, (cm) => cm.range.start.offset < c) : comments.length;
  const sliceEnd = slice.ast.range.end;
  let end: Position;
  if (q < n) {
    const lineDelta = lineA + sliceEnd.line - 1 - (body[q - 1]!.range.end.line + 1);
    shiftTree(body, q, n, comments, firstReused, comments.length, delta, lineDelta);
    const oldEnd = old.range.end;
    end = { offset: oldEnd.offset + delta, line: oldEnd.line + lineDelta, column: oldEnd.column };
  } else {
    end = { offset: sliceEnd.offset + a, line: sliceEnd.line + lineA - 1, column: sliceEnd.column };
  }

  const newBody: Statement[] = body.slice(0, p);
  for (const s of slice.ast.body) newBody.push(s);
  for (let i = q; i < n; i++) newBody.push(body[i]!);
  const newComments: Comment[] = comments.slice(0, firstSliced);
  for (const cm of slice.ast.comments) newComments.push(cm);
  for (let i = firstReused; i < comments.length; i++) newComments.push(comments[i]!);
  // Same fields in the same order as toAst builds them, so that JSON output is identical too.
  const ast: Document = {
    type: 'Document',
    file,
    body: newBody,
    comments: newComments,
    text,
    bom: false,
    lineEnding: lineEndingOf(text),
    encoding: 'utf8',
    range: { file, start: { offset: 0, line: 1, column: 1 }, end },
  };
  // Document-level dangling comments lie after the last statement: the reused tail's when there is one.
  const dangling = q < n ? old.danglingComments : sliceDangling;
  if (dangling) ast.danglingComments = dangling;
  // linkParents defines `parent` writable and not enumerable: assigning keeps it so.
  for (const s of newBody) (s as { parent?: Node }).parent = ast;
  parsedTargets.delete(old);
  parsedTargets.set(ast, target);
  return { ast, diagnostics: [] };
}

interface Change {
  /** Offset of the first character that differs (the same in both texts). */
  start: number;
  /** Where the unchanged tail begins in the old text. */
  oldEnd: number;
}

/** The changed span by common prefix and suffix. */
function changedSpan(oldText: string, text: string): Change {
  const max = Math.min(oldText.length, text.length);
  let start = 0;
  // Compare in blocks first: equal substrings are compared natively, far faster than char by char.
  const BLOCK = 256;
  while (start + BLOCK <= max && oldText.startsWith(text.substring(start, start + BLOCK), start)) start += BLOCK;
  while (start < max && oldText.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  const maxTail = max - start;
  while (tail + BLOCK <= maxTail && oldText.endsWith(text.substring(text.length - tail - BLOCK, text.length - tail), oldText.length - tail)) tail += BLOCK;
  while (tail < maxTail && oldText.charCodeAt(oldText.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return { start, oldEnd: oldText.length - tail };
}

interface Cut {
  /** body[0, p) is reused as it is. */
  p: number;
  /** body[q, n) is reused, shifted; q === n: no statement after the change is reused. */
  q: number;
  /** The slice starts here (a line start, the same offset in both texts). */
  a: number;
  /** The reused tail starts here in the old text (a line start); meaningless when q === n. */
  c: number;
}

/**
 * Where to cut: between top-level statements only, each cut at the start of the line after a statement's
 * last line. What lies before a cut (a statement, its trailing comment) or after it (leading comments,
 * statements) then lexes, parses and attaches its comments the same way whatever the other side holds.
 * One more statement on each side is re-read as a margin.
 */
function cutPoints(oldText: string, body: readonly Statement[], change: Change): Cut | undefined {
  const n = body.length;
  /** The cut after body[i - 1], or -1 where there is none: no line break after it, or the next statement starts on its last line. */
  const cutAfter = (i: number): number => {
    const at = nextLineStart(oldText, body[i - 1]!.range.end.offset);
    if (at < 0 || (i < n && body[i]!.range.start.offset < at)) return -1;
    return at;
  };
  // The last cut before the change: the text before it is the same in both versions.
  let p = firstNotBefore(body, (s) => s.range.end.offset <= change.start);
  while (p > 0) {
    const at = cutAfter(p);
    if (at >= 0 && at <= change.start) break;
    p--;
  }
  if (p > 0) p--;
  while (p > 0 && cutAfter(p) < 0) p--;
  // The first cut after the change: the text after it is the same in both versions.
  let q = Math.max(1, firstNotBefore(body, (s) => s.range.end.offset < change.oldEnd));
  while (q < n && cutAfter(q) < change.oldEnd) q++;
  if (q < n) q++;
  while (q < n && cutAfter(q) < 0) q++;
  if (p === 0 && q >= n) return undefined;
  if (p >= q) return undefined;
  return { p, q, a: p === 0 ? 0 : cutAfter(p), c: q < n ? cutAfter(q) : oldText.length };
}

/** The first index of a list, in source order, at which `isBefore` turns false (binary search). */
function firstNotBefore<T>(list: readonly T[], isBefore: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The offset after the first line break at or after `from` (`\r\n` is one, as in LineMap), or -1. */
function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) return i + 1;
    if (ch === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

function isLineStart(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const before = text.charCodeAt(offset - 1);
  return before === 10 || (before === 13 && text.charCodeAt(offset) !== 10);
}

/** Whether the first token of `text` is `else`, `elif`, `elsif`, `elseif` or `{`: it would continue the statement before. */
function continuesStatement(text: string): boolean {
  let i = 0;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0xa0) i++;
    else if (ch === 35) while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    else break;
  }
  return text.charCodeAt(i) === 123 || ELSE_WORD.test(text.slice(i, i + 8));
}

/** `else` and its spellings as whole tokens (a longer word is a key, tokens.ts longer_alt). */
const ELSE_WORD = /^(?:else|elif|elsif|elseif)(?![A-Za-z0-9_.-])/;

/** SourceRange fields besides `range`, by node type: every position a shift must move. */
const extraRanges = {
  Document: [],
  Assignment: [],
  Operator: [],
  Identifier: [],
  StringLiteral: [],
  IntegerLiteral: [],
  Reference: [],
  Concatenation: [],
  ArrayLiteral: [],
  ArrayElement: [],
  Condition: [],
  Keyword: [],
  Branch: ['open', 'close'],
  Conditional: [],
  GlobalBlock: ['keyword', 'open', 'close'],
  Include: [],
  IncludeShell: [],
} as const satisfies { [T in NodeType]: readonly RangeKey<NodeOfType<T>>[] };

type RangeKey<T> = { [K in keyof T]-?: K extends 'range' ? never : T[K] extends SourceRange ? K : never }[keyof T];

/**
 * Moves statements[from, to) and comments[cFrom, cTo) by `offset` characters and `line` lines, in place.
 * Columns stay: every cut is at a line start.
 */
function shiftTree(statements: readonly Statement[], from: number, to: number, comments: readonly Comment[], cFrom: number, cTo: number, offset: number, line: number): void {
  if (offset === 0 && line === 0) return;
  for (let i = from; i < to; i++) {
    for (const pos of positionsOf(statements[i]!)) {
      pos.offset += offset;
      pos.line += line;
    }
  }
  // Attached comments are these same objects (toAst pushes each into doc.comments and into one node).
  for (let i = cFrom; i < cTo; i++) {
    const r = comments[i]!.range;
    r.start.offset += offset;
    r.start.line += line;
    r.end.offset += offset;
    r.end.line += line;
  }
}

/**
 * Each statement's Position objects, each once, remembered: a statement after the change is shifted on
 * every keystroke, and a flat list is several times faster to move than a walk of its tree. The list
 * stays right because a reused statement keeps its Position objects; only their values move.
 */
const positionLists = new WeakMap<Statement, Position[]>();

function positionsOf(statement: Statement): Position[] {
  const known = positionLists.get(statement);
  if (known) return known;
  // toAst shares Position objects between a node and its children (a span starts where its first child
  // starts): a listed one is marked by a negative line (lines start at 1) until the walk is done.
  const list: Position[] = [];
  const add = (pos: Position): void => {
    if (pos.line < 0) return;
    pos.line = -pos.line;
    list.push(pos);
  };
  const stack: Node[] = [statement];
  const push = (child: Node): void => void stack.push(child);
  while (stack.length > 0) {
    const node = stack.pop()!;
    add(node.range.start);
    add(node.range.end);
    for (const key of extraRanges[node.type] as readonly string[]) {
      const r = (node as unknown as Record<string, SourceRange>)[key]!;
      add(r.start);
      add(r.end);
    }
    forEachChild(node, push);
  }
  for (const pos of list) pos.line = -pos.line;
  positionLists.set(statement, list);
  return list;
}
