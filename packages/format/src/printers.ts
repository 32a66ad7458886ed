import {
  walk,
  type ArrayElement,
  type Assignment,
  type Branch,
  type Comment,
  type Expression,
  type GlobalBlock,
  type Node,
  type NodeOfType,
  type NodeType,
  type Statement,
} from '@lhconf/parser';
import { hasBlankLineBetween, leadingCommentsAtStart, startWithComments, withComments, type CommentLedger } from './comments.js';
import { breakParent, group, hardline, ifBreak, indent, join, line, lineSuffix, printDoc, softline, type Doc, type PrintDocOptions } from './doc.js';
import type { LayoutCache } from './layout-cache.js';
import type { FormatOptions } from './options.js';

export interface PrintContext {
  options: FormatOptions;
  /** The document's decoded text: blank lines are read from it. */
  source: string;
  ledger: CommentLedger;
  /** Prints a node with its comments. */
  print(node: Node): Doc;
  /** Spaces after a key (assignment) or key expression (array element) that line up `=` / `=>`. */
  keyPadding: Map<Assignment | ArrayElement, number>;
  /** Comments already printed after an opening `{` or `(`: the node they are attached to skips them. */
  skip: Set<Comment>;
  /** When set, only these top-level statements are printed (range formatting). */
  onlyTopLevel?: ReadonlySet<Statement | Comment>;
  /** When set, top-level blocks are laid out alone and their text is cached (the language server). */
  layout?: { cache: LayoutCache; key: string; printDoc: PrintDocOptions };
}

export type Printer<T extends NodeType> = (node: NodeOfType<T>, ctx: PrintContext) => Doc;

/** A statement or array element, or a comment that belongs to none of them, in source order. */
type Item<T extends Node> = T | Comment;

function sortedItems<T extends Node>(nodes: readonly T[], dangling: readonly Comment[] | undefined): Item<T>[] {
  const items: Item<T>[] = [...nodes, ...(dangling ?? [])];
  return items.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function isComment(item: Item<Node>): item is Comment {
  return item.type === 'Comment';
}

function startOf(item: Item<Node>): number {
  return isComment(item) ? item.range.start.offset : startWithComments(item);
}

/** Whether an empty line separates `item` from the one before it in the source. */
function blankLineBefore(items: readonly Item<Node>[], i: number, source: string): boolean {
  const prev = items[i - 1];
  return prev !== undefined && hasBlankLineBetween(source, prev.range.end.offset, startOf(items[i]!));
}

/** How many comments are attached to `node` and everything in it, except those printed above it. */
function commentsWithin(node: Node): number {
  let n = -leadingCommentsAtStart(node).length;
  walk(node, (x) => {
    n += (x.leadingComments?.length ?? 0) + (x.trailingComments?.length ?? 0);
    if ('danglingComments' in x) n += x.danglingComments?.length ?? 0;
  });
  return n;
}

/**
 * Groups aligned lines: a run is consecutive items for which `width` is defined, not separated by an empty
 * line or an own-line comment (a commented section is aligned on its own). Records, per member, the padding
 * that brings it to the widest.
 *
 * An item holding two or more comments (not counting those above it) also ends its run: where they all fall
 * on its last line, all but the first are printed on lines of their own after it, so the next pass sees a
 * comment line there.
 */
function alignRuns<T extends Assignment | ArrayElement>(
  items: readonly Item<Node>[],
  source: string,
  width: (item: Item<Node>) => { node: T; key: number; op: number } | undefined,
  padding: Map<Assignment | ArrayElement, number>,
): void {
  let run: { node: T; key: number; op: number }[] = [];
  const flush = () => {
    // A loop, not Math.max(...): a run can hold 100,000s of assignments, more than call arguments may.
    let maxKey = 0;
    let maxOp = 0;
    for (const m of run) {
      if (m.key > maxKey) maxKey = m.key;
      if (m.op > maxOp) maxOp = m.op;
    }
    for (const m of run) padding.set(m.node, maxKey - m.key + (maxOp - m.op));
    run = [];
  };
  items.forEach((item, i) => {
    const w = width(item);
    const prev = run[run.length - 1];
    const joinsRun =
      w &&
      prev &&
      commentsWithin(prev.node) < 2 &&
      !blankLineBefore(items, i, source) &&
      startOf(item) === item.range.start.offset;
    if (!joinsRun) flush();
    if (w) run.push(w);
  });
  flush();
}

/** Width of an expression printed on one line (used to align `=>`). */
function flatWidth(expr: Expression): number {
  switch (expr.type) {
    case 'StringLiteral':
    case 'IntegerLiteral':
      return expr.raw.length;
    case 'Reference':
      return expr.name.length;
    case 'Concatenation':
      return expr.operands.reduce((sum, op) => sum + flatWidth(op), 0) + 3 * (expr.operands.length - 1);
    case 'ArrayLiteral':
      return expr.range.end.offset - expr.range.start.offset;
  }
}

/**
 * `# comments` on the line of an opening `{` or `(` (the parser attaches them to the first statement or
 * element, or leaves them dangling) stay on that line: printed after the bracket, skipped where attached.
 */
function printOpeningLineComments(
  openLine: number,
  nodes: readonly Node[],
  dangling: readonly Comment[] | undefined,
  ctx: PrintContext,
): Doc {
  const first = nodes[0];
  const candidates = [...(dangling ?? []), ...(first ? leadingCommentsAtStart(first) : [])];
  const onLine = candidates.filter((c) => c.range.start.line === openLine).sort((a, b) => a.range.start.offset - b.range.start.offset);
  // Only one comment fits on a line; a second one (impossible from real source) stays where it is attached.
  const comment = onLine[0];
  if (!comment) return '';
  ctx.skip.add(comment);
  return [lineSuffix(ctx.ledger.take(comment)), breakParent];
}

/** Statements of a block (or the file) one per line, empty lines kept but never more than one in a row. */
function printStatements(body: readonly Statement[], dangling: readonly Comment[] | undefined, ctx: PrintContext, topLevel = false): Doc[] {
  const items = sortedItems(body, dangling?.filter((c) => !ctx.skip.has(c)));
  if (ctx.options.alignAssignments) {
    alignRuns(
      items,
      ctx.source,
      (item) => (item.type === 'Assignment' ? { node: item, key: item.key.name.length, op: item.operator.value.length } : undefined),
      ctx.keyPadding,
    );
  }
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    if (topLevel && ctx.onlyTopLevel && !ctx.onlyTopLevel.has(item)) return;
    if (parts.length > 0) parts.push(blankLineBefore(items, i, ctx.source) ? [hardline, hardline] : hardline);
    if (isComment(item)) parts.push(ctx.ledger.take(item));
    else if (topLevel && ctx.layout && (item.type === 'Conditional' || item.type === 'GlobalBlock')) parts.push(laidOut(item, ctx, ctx.layout));
    else parts.push(ctx.print(item));
  });
  return parts;
}

/**
 * A top-level block as text, from the cache or laid out alone: it starts a line at indentation 0 and a line
 * break follows it, so alone it lays out exactly as within the document.
 */
function laidOut(item: Statement, ctx: PrintContext, layout: NonNullable<PrintContext['layout']>): Doc {
  const hit = layout.cache.get(item, layout.key);
  if (hit) {
    for (const comment of hit.comments) ctx.ledger.take(comment);
    return hit.text;
  }
  const from = ctx.ledger.taken.length;
  const text = printDoc(ctx.print(item), layout.printDoc);
  layout.cache.set(item, { key: layout.key, text, comments: ctx.ledger.taken.slice(from) });
  return text;
}

/** `{`, the indented statements, `}`: an empty block still takes two lines, as in lighttpd -p. */
function printBlock(node: Branch | GlobalBlock, ctx: PrintContext): Doc {
  const afterOpen = printOpeningLineComments(node.open.start.line, node.body, node.danglingComments, ctx);
  const statements = printStatements(node.body, node.danglingComments, ctx);
  return ['{', afterOpen, statements.length > 0 ? indent([hardline, statements]) : '', hardline, '}'];
}

function printArrayItems(elements: readonly ArrayElement[], dangling: readonly Comment[] | undefined, ctx: PrintContext) {
  const items = sortedItems(elements, dangling?.filter((c) => !ctx.skip.has(c)));
  if (ctx.options.alignArrows) {
    alignRuns(
      items,
      ctx.source,
      (item) => (item.type === 'ArrayElement' && item.key ? { node: item, key: flatWidth(item.key), op: 0 } : undefined),
      ctx.keyPadding,
    );
  }
  const last = elements[elements.length - 1];
  let hasBlankLine = false;
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    if (i > 0) {
      const blank = blankLineBefore(items, i, ctx.source);
      hasBlankLine ||= blank;
      // Own-line comments force the group to break, so `line` is a newline before and after them.
      parts.push(line, blank ? hardline : '');
    }
    if (isComment(item)) parts.push(ctx.ledger.take(item));
    else parts.push(ctx.print(item), item === last ? ifBreak(ctx.options.trailingComma ? ',' : '') : ',');
  });
  return { parts, hasBlankLine };
}

export const printers: { [T in NodeType]: Printer<T> } = {
  Document(node, ctx) {
    const statements = printStatements(node.body, node.danglingComments, ctx, true);
    return statements.length > 0 ? [statements, hardline] : '';
  },
  Assignment(node, ctx) {
    const pad = ' '.repeat(ctx.keyPadding.get(node) ?? 0);
    return [ctx.print(node.key), pad, ' ', ctx.print(node.operator), ' ', ctx.print(node.value)];
  },
  Operator: (node) => node.value,
  Identifier: (node) => node.name,
  StringLiteral: (node) => node.raw,
  IntegerLiteral: (node) => node.raw,
  Reference: (node) => node.name,
  Concatenation: (node, ctx) => join(' + ', node.operands.map((op) => ctx.print(op))),
  ArrayLiteral(node, ctx) {
    if (node.elements.length === 0 && !node.danglingComments?.length) return '()';
    const afterOpen = printOpeningLineComments(node.range.start.line, node.elements, node.danglingComments, ctx);
    const { parts, hasBlankLine } = printArrayItems(node.elements, node.danglingComments, ctx);
    // A keyed list reads as a table: one pair per line, as lighttpd -p prints it.
    const isTable = node.elements.length > 1 && node.elements.some((e) => e.key !== null);
    const shouldBreak = isTable || hasBlankLine || Boolean(node.danglingComments?.length);
    return group(['(', afterOpen, indent([softline, parts]), softline, ')'], { shouldBreak });
  },
  ArrayElement(node, ctx) {
    if (!node.key) return ctx.print(node.value);
    const pad = ' '.repeat(ctx.keyPadding.get(node) ?? 0);
    return [ctx.print(node.key), ifBreak(pad), ' => ', ctx.print(node.value)];
  },
  Condition: (node, ctx) => [
    '$',
    ctx.print(node.object),
    '[',
    ctx.print(node.field),
    '] ',
    ctx.print(node.operator),
    ' ',
    ctx.print(node.value),
  ],
  Keyword: (node) => node.value,
  Branch(node, ctx) {
    const head: Doc[] = node.keywords.map((k) => ctx.print(k));
    if (node.condition) head.push(ctx.print(node.condition));
    return [join(' ', head), ' ', printBlock(node, ctx)];
  },
  // `else` goes on the line after `}`, as lighttpd -p prints it; comments between `}` and `else` stay there.
  Conditional: (node, ctx) => join(hardline, node.branches.map((b) => ctx.print(b))),
  GlobalBlock: (node, ctx) => ['global ', printBlock(node, ctx)],
  Include: (node, ctx) => ['include ', ctx.print(node.argument)],
  IncludeShell: (node, ctx) => ['include_shell ', ctx.print(node.argument)],
};

/** A print context whose `print` dispatches through {@link printers} and adds each node's comments. */
export function createPrintContext(
  options: FormatOptions,
  source: string,
  ledger: CommentLedger,
  onlyTopLevel?: ReadonlySet<Statement | Comment>,
): PrintContext {
  const ctx: PrintContext = {
    options,
    source,
    ledger,
    keyPadding: new Map(),
    skip: new Set(),
    print(node) {
      const printer = printers[node.type] as Printer<NodeType>;
      return withComments(node, printer(node as NodeOfType<NodeType>, ctx), ledger, source, ctx.skip);
    },
  };
  if (onlyTopLevel) ctx.onlyTopLevel = onlyTopLevel;
  return ctx;
}
