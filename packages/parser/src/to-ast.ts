import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import { linkParents } from './ast.js';
import type * as C from './cst.generated.js';
import type { LineMap, SourceRange } from './source.js';
import * as Tok from './tokens.js';
import { hasFeature } from './version.js';

/** Reported by `toAst` for CST shapes the grammar accepts but lighttpd does not (or not at every version). */
export interface ShapeProblem {
  messageId: string;
  message: string;
  range: SourceRange;
  severity: 'error' | 'warning';
  /** Whether lighttpd (at the target version) refuses the file for it. */
  fatal: boolean;
}

interface Ctx {
  file: string;
  lines: LineMap;
  problems: ShapeProblem[];
  target: string;
}

function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

function tokenRange(ctx: Ctx, token: IToken): SourceRange {
  return ctx.lines.range(ctx.file, token.startOffset, token.startOffset + token.image.length);
}

function span(ctx: Ctx, start: SourceRange, end: SourceRange): SourceRange {
  return { file: ctx.file, start: start.start, end: end.end };
}

/** Decodes a string token: `\"` is the only escape (configfile.c); other backslashes stay. */
export function decodeString(raw: string): string {
  return raw.slice(1, -1).replace(/\\"/g, '"');
}

function convertValue(ctx: Ctx, cst: C.ValueCstNode): A.Expression | null {
  const c = cst.children;
  const s = c.StringLiteral?.[0];
  if (isReal(s)) return { type: 'StringLiteral', raw: s.image, value: decodeString(s.image), range: tokenRange(ctx, s) };
  const i = c.IntegerLiteral?.[0];
  if (isReal(i)) return { type: 'IntegerLiteral', raw: i.image, value: Number(i.image), range: tokenRange(ctx, i) };
  const k = c.Key?.[0];
  if (isReal(k)) return { type: 'Reference', name: k.image, range: tokenRange(ctx, k) };
  const arr = c.array?.[0];
  if (arr) return convertArray(ctx, arr);
  return null;
}

function convertExpression(ctx: Ctx, cst: C.ExpressionCstNode | undefined): A.Expression | null {
  if (!cst) return null;
  const operands: A.Expression[] = [];
  for (const v of cst.children.value ?? []) {
    const e = convertValue(ctx, v);
    if (!e) return null;
    operands.push(e);
  }
  if (operands.length === 0) return null;
  if (operands.length === 1) return operands[0]!;
  return { type: 'Concatenation', operands, range: span(ctx, operands[0]!.range, operands[operands.length - 1]!.range) };
}

/** One report per run of tokens dropped inside an array: a comma or an element ends a run. */
function reportArrayJunk(ctx: Ctx, c: C.ArrayCstChildren): void {
  const junk = (c.arrayJunk ?? []).flatMap((j) => Object.values(j.children as Record<string, IToken[]>).flat());
  junk.sort((x, y) => x.startOffset - y.startOffset);
  const breaks = [...(c.Comma ?? []).map((x) => x.startOffset), ...(c.arrayElement ?? []).map((e) => e.location?.startOffset ?? -1)];
  let run: IToken[] = [];
  for (const token of junk) {
    const prev = run[run.length - 1];
    if (prev && breaks.some((b) => b > prev.startOffset && b < token.startOffset)) {
      reportJunk(ctx, run, true);
      run = [];
    }
    run.push(token);
  }
  if (run.length > 0) reportJunk(ctx, run, true);
}

function convertArray(ctx: Ctx, cst: C.ArrayCstNode): A.ArrayLiteral | null {
  const c = cst.children;
  const open = c.LParen?.[0];
  const close = c.RParen?.[0];
  if (!isReal(open) || !isReal(close)) return null;
  const elements: A.ArrayElement[] = [];
  if (c.arrayJunk) reportArrayJunk(ctx, c);
  for (const el of c.arrayElement ?? []) {
    const [first, second] = el.children.expression ?? [];
    const a = convertExpression(ctx, first);
    if (!a) return null;
    if (second || el.children.ArrayAssign) {
      const b = convertExpression(ctx, second);
      if (!b) return null;
      elements.push({ type: 'ArrayElement', key: a, value: b, range: span(ctx, a.range, b.range) });
    } else {
      elements.push({ type: 'ArrayElement', key: null, value: a, range: a.range });
    }
  }
  const commas = (c.Comma ?? []).filter(isReal);
  // `( "a",, "b" )` and `( , )`: 1.4.69 drops the stray comma by error recovery; the grammar has no such form.
  if (commas.length > elements.length) {
    const extra = commas.filter((comma) => {
      const before = elements.filter((e) => e.range.end.offset <= comma.startOffset).length;
      const commasBefore = commas.filter((x) => x.startOffset < comma.startOffset).length;
      return commasBefore >= before;
    });
    for (const comma of extra) {
      ctx.problems.push({
        messageId: 'extra-comma',
        message: 'extra "," in array: an element is missing here (lighttpd 1.4.69 ignores the comma; newer releases reject it)',
        range: tokenRange(ctx, comma),
        severity: 'error',
        fatal: false,
      });
    }
  }
  const lastEl = elements[elements.length - 1];
  const lastComma = commas[commas.length - 1];
  const trailingComma = lastComma !== undefined && (!lastEl || lastComma.startOffset >= lastEl.range.end.offset);
  return {
    type: 'ArrayLiteral',
    elements,
    trailingComma: trailingComma && elements.length > 0,
    range: ctx.lines.range(ctx.file, open.startOffset, close.startOffset + 1),
  };
}

function convertCondition(ctx: Ctx, cst: C.ConditionCstNode | undefined): A.Condition | null {
  if (!cst) return null;
  const c = cst.children;
  const obj = c.ConditionObject?.[0];
  const op = c.MatchOp?.[0];
  const close = c.RBracket?.[0];
  if (!isReal(obj) || !isReal(op) || !isReal(close) || !isReal(c.LBracket?.[0])) return null;
  const field = convertExpression(ctx, c.expression?.[0]);
  const value = convertExpression(ctx, c.expression[1]);
  if (!field || !value) return null;
  const objRange = tokenRange(ctx, obj);
  return {
    type: 'Condition',
    object: { type: 'Identifier', name: obj.image.slice(1).trim(), range: objRange },
    field,
    operator: { type: 'Operator', value: op.image as A.MatchOperator, range: tokenRange(ctx, op) },
    value,
    range: span(ctx, objRange, value.range),
  };
}

interface BlockParts {
  body: A.Statement[];
  open: SourceRange;
  close: SourceRange;
}

function convertBlock(ctx: Ctx, cst: C.BlockCstNode | undefined): BlockParts | null {
  if (!cst) return null;
  const c = cst.children;
  const open = c.LCurly?.[0];
  const close = c.RCurly?.[0];
  if (!isReal(open) || !isReal(close)) return null;
  return { body: convertStatements(ctx, c.statement), open: tokenRange(ctx, open), close: tokenRange(ctx, close) };
}

function keyword(ctx: Ctx, token: IToken | undefined): A.Keyword | null {
  if (!isReal(token)) return null;
  return { type: 'Keyword', value: token.image as A.Keyword['value'], range: tokenRange(ctx, token) };
}

function convertConditional(ctx: Ctx, cst: C.ConditionalCstNode): A.Conditional | null {
  const branches: A.Branch[] = [];
  const first = cst.children.ifBranch?.[0];
  if (!first) return null;
  const ifKw = keyword(ctx, first.children.If?.[0]);
  const cond = convertCondition(ctx, first.children.condition?.[0]);
  if (!cond) return null;
  const block = convertBlock(ctx, first.children.block?.[0]);
  if (!block) return null;
  branches.push({
    type: 'Branch',
    keywords: ifKw ? [ifKw] : [],
    condition: cond,
    ...block,
    range: span(ctx, ifKw?.range ?? cond.range, block.close),
  });
  for (const eb of cst.children.elseBranch ?? []) {
    const c = eb.children;
    const kws = [keyword(ctx, c.Else?.[0]), keyword(ctx, c.If?.[0]), keyword(ctx, c.ElseIf?.[0])].filter(
      (k): k is A.Keyword => k !== null,
    );
    if (kws.length === 0) return null;
    const condition = c.condition?.[0] ? convertCondition(ctx, c.condition?.[0]) : null;
    if (c.condition?.[0] && !condition) return null;
    if (!condition && kws.some((k) => k.value === 'if')) {
      ctx.problems.push({
        messageId: 'else-if-without-condition',
        message: '"else if" needs a condition, e.g. else if $HTTP["host"] == "example.org" { … }',
        range: kws[kws.length - 1]!.range,
        severity: 'error',
        fatal: true,
      });
    }
    const b = convertBlock(ctx, c.block?.[0]);
    if (!b) return null;
    branches.push({ type: 'Branch', keywords: kws, condition, ...b, range: span(ctx, kws[0]!.range, b.close) });
  }
  return { type: 'Conditional', branches, range: span(ctx, branches[0]!.range, branches[branches.length - 1]!.range) };
}

/** A run of tokens lighttpd's parser cannot use: lemon discards them one by one and goes on, so lighttpd ignores them. */
function reportJunk(ctx: Ctx, tokens: IToken[], inArray = false): void {
  const real = tokens.filter(isReal);
  const first = real[0];
  const last = real[real.length - 1];
  if (!first || !last) return;
  const range = ctx.lines.range(ctx.file, first.startOffset, last.startOffset + last.image.length);
  if (real.some((tok) => tok.tokenType === Tok.UnterminatedString)) {
    ctx.problems.push({ messageId: 'missing-closing-quote', message: 'missing closing quote: this string never ends', range, severity: 'error', fatal: true });
    return;
  }
  const text = real.map((tok) => tok.image).join(' ');
  const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  const shown = cut.startsWith('"') ? cut : `"${cut}"`;
  const isValue = (tok: IToken): boolean => tok.tokenType === Tok.StringLiteral || tok.tokenType === Tok.IntegerLiteral;
  const hint = inArray
    ? ' A "," is probably missing before it.'
    : isValue(first)
      ? ' Join values with "+".'
      : first.tokenType === Tok.RCurly
        ? ' There is no block open here.'
        : first.tokenType === Tok.Else || first.tokenType === Tok.ElseIf
          ? ' "else" must follow the "}" of a condition; the block after it belongs to the enclosing scope.'
          : '';
  // 1.4.74 made the tokenizer reject a string right after a string; other stray tokens are still dropped.
  const fatal = first.tokenType === Tok.StringLiteral && hasFeature(ctx.target, 'strictTokenizer');
  ctx.problems.push({
    messageId: 'ignored-token',
    message: `unexpected ${shown}: lighttpd ${fatal ? 'rejects it' : `${ctx.target} ignores ${real.length > 1 ? 'these tokens' : 'it'} (its parser drops what it cannot use; newer releases may reject it)`}.${hint}`,
    range,
    severity: 'error',
    fatal,
  });
}

function convertStatement(ctx: Ctx, cst: C.StatementCstNode): A.Statement | null {
  const c = cst.children;
  if (c.junk) return null; // reported by convertStatements, one report per run
  if (c.assignment) {
    const a = c.assignment?.[0]!.children;
    const key = a.Key?.[0];
    const op = a.AssignLike?.[0];
    if (!isReal(key) || !isReal(op)) return null;
    const skipped = (a.operatorJunk ?? []).flatMap((j) => Object.values(j.children as Record<string, IToken[]>).flat()).filter(isReal);
    if (skipped.length > 0) {
      skipped.sort((x, y) => x.startOffset - y.startOffset);
      const first = skipped[0]!;
      const last = skipped[skipped.length - 1]!;
      const text = skipped.map((tok) => (tok.tokenType === Tok.Newline ? '⏎' : tok.image)).join(' ');
      const shown = text.length > 50 ? `${text.slice(0, 50)}…` : text;
      const opLine = ctx.lines.position(op.startOffset).line;
      const sameLine = ctx.lines.position(key.startOffset).line === opLine;
      // Since 1.4.77 the tokenizer rejects a key or string right after a key ("missing assignment operator").
      const fatal = hasFeature(ctx.target, 'missingOperatorErrors') && (first.tokenType === Tok.Key || first.tokenType === Tok.StringLiteral);
      ctx.problems.push({
        messageId: 'missing-assign-operator',
        message: fatal
          ? `"${key.image}" must be followed by "=": lighttpd ${ctx.target} rejects "${shown}" here ("missing assignment operator")`
          : `"${key.image}" must be followed by "=": lighttpd ${ctx.target} drops "${shown}" up to the next "="${sameLine ? '' : ` on line ${opLine}`}, so this assignment takes that value`,
        range: ctx.lines.range(ctx.file, first.startOffset, last.startOffset + last.image.length),
        severity: 'error',
        fatal,
      });
    }
    if (op.tokenType === Tok.Equal) {
      ctx.problems.push({
        messageId: 'double-equal',
        message: '"==" compares in conditions; lighttpd reads "==" here as "=" and ignores the second "=". Use "="',
        range: tokenRange(ctx, op),
        severity: 'error',
        fatal: false,
      });
    }
    const value = convertExpression(ctx, a.expression?.[0]);
    if (!value) return null;
    const keyRange = tokenRange(ctx, key);
    return {
      type: 'Assignment',
      key: { type: 'Identifier', name: key.image, range: keyRange },
      operator: { type: 'Operator', value: (op.tokenType === Tok.Equal ? '=' : op.image) as A.AssignOperator, range: tokenRange(ctx, op) },
      value,
      range: span(ctx, keyRange, value.range),
    };
  }
  if (c.conditional) return convertConditional(ctx, c.conditional?.[0]!);
  if (c.globalBlock) {
    const g = c.globalBlock?.[0]!.children;
    const kw = g.Global?.[0];
    if (!isReal(kw)) return null;
    const kwRange = tokenRange(ctx, kw);
    const block = convertBlock(ctx, g.block?.[0]);
    if (!block) return null;
    return { type: 'GlobalBlock', keyword: kwRange, ...block, range: span(ctx, kwRange, block.close) };
  }
  const inc = c.include?.[0] ?? c.includeShell?.[0];
  if (inc) {
    const kw = (inc.children as { Include?: IToken[]; IncludeShell?: IToken[] });
    const token = kw.Include?.[0] ?? kw.IncludeShell?.[0];
    if (!isReal(token)) return null;
    const argument = convertExpression(ctx, inc.children.expression?.[0]);
    if (!argument) return null;
    const range = span(ctx, tokenRange(ctx, token), argument.range);
    return c.include ? { type: 'Include', argument, range } : { type: 'IncludeShell', argument, range };
  }
  return null; // a Newline, or a statement broken beyond use (its syntax error is reported)
}

function convertStatements(ctx: Ctx, list: C.StatementCstNode[] | undefined, strayBraces: IToken[] = []): A.Statement[] {
  const out: A.Statement[] = [];
  // Stray tokens and stray "}" (top level only) form runs; newlines do not break a run on one line.
  const items: { offset: number; token?: IToken; node?: C.StatementCstNode }[] = [];
  for (const s of list ?? []) items.push({ offset: s.location?.startOffset ?? 0, node: s });
  for (const b of strayBraces) items.push({ offset: b.startOffset, token: b });
  if (strayBraces.length > 0) items.sort((x, y) => x.offset - y.offset);
  let run: IToken[] = [];
  const flush = (): void => {
    if (run.length > 0) reportJunk(ctx, run);
    run = [];
  };
  for (const item of items) {
    const junkToken = item.token ?? (item.node?.children.junk ? Object.values(item.node.children.junk[0]!.children as Record<string, IToken[]>).flat()[0] : undefined);
    if (junkToken) {
      const prev = run[run.length - 1];
      if (prev && ctx.lines.position(prev.startOffset).line !== ctx.lines.position(junkToken.startOffset).line) flush();
      run.push(junkToken);
      continue;
    }
    if (item.node?.children.Newline) continue;
    flush();
    const st = convertStatement(ctx, item.node!);
    if (st) out.push(st);
  }
  flush();
  return out;
}

export interface ToAstInput {
  target: string;
  cst: C.DocumentCstNode;
  comments: IToken[];
  file: string;
  lines: LineMap;
  text: string;
  bom: boolean;
  encoding: 'utf8' | 'latin1';
}

/** `\r\n` when the file's first line break is one (the formatter writes that back), else `\n`. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  return crlf >= 0 && crlf + 1 === lf ? '\r\n' : '\n';
}

/** Converts a (possibly recovered) CST into the AST; broken statements are left out. */
export function toAst(input: ToAstInput): { ast: A.Document; problems: ShapeProblem[] } {
  const ctx: Ctx = { file: input.file, lines: input.lines, problems: [], target: input.target };
  const body = convertStatements(ctx, input.cst.children.statement, input.cst.children.RCurly ?? []);
  const comments: A.Comment[] = input.comments.map((tok) => ({
    type: 'Comment',
    text: tok.image.slice(1),
    range: tokenRange(ctx, tok),
  }));
  const text = input.text;
  const ast: A.Document = {
    type: 'Document',
    file: input.file,
    body,
    comments,
    text,
    bom: input.bom,
    lineEnding: lineEndingOf(text),
    encoding: input.encoding,
    range: input.lines.range(input.file, 0, text.length),
  };
  attachComments(ast);
  linkParents(ast);
  return { ast, problems: ctx.problems };
}

// ---------------------------------------------------------------------------------------------
// Comment attachment: own line before a node → leading; same line after a node → trailing;
// nothing to attach to inside a block/array/file → dangling of that container.

type Container = A.Document | A.Branch | A.GlobalBlock | A.ArrayLiteral | A.Conditional;

function listOf(c: Container): A.Node[] {
  switch (c.type) {
    case 'ArrayLiteral':
      return c.elements;
    case 'Conditional':
      return c.branches;
    default:
      return c.body;
  }
}

/** Whether `offset` lies strictly inside the delimiters of a container. */
function innerContains(node: A.Node, offset: number): boolean {
  switch (node.type) {
    case 'Branch':
    case 'GlobalBlock':
      return offset > node.open.start.offset && offset < node.close.start.offset;
    case 'ArrayLiteral':
      return offset > node.range.start.offset && offset < node.range.end.offset - 1;
    default:
      return offset >= node.range.start.offset && offset < node.range.end.offset;
  }
}

/** The last index whose node starts at or before `offset` (binary search; lists are in source order). */
function lastStartingBefore(list: A.Node[], offset: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.range.start.offset <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

function push(node: A.NodeBase, key: 'leadingComments' | 'trailingComments', comment: A.Comment): void {
  (node[key] ??= []).push(comment);
}

function pushDangling(node: Container, comment: A.Comment): void {
  if (node.type === 'Conditional') {
    push(node.branches[node.branches.length - 1]!, 'trailingComments', comment);
    return;
  }
  (node.danglingComments ??= []).push(comment);
}

/** Descends from the document to the innermost container holding the comment. */
function findContainer(doc: A.Document, offset: number): { container: Container; enclosing: A.Node | null } {
  let container: Container = doc;
  for (;;) {
    const list = listOf(container);
    const i = lastStartingBefore(list, offset);
    const candidate = i >= 0 ? list[i]! : undefined;
    if (!candidate || offset >= candidate.range.end.offset) return { container, enclosing: null };
    // The comment is inside `candidate`: find the deepest container within it.
    const next = deepestContainer(candidate, offset);
    if (!next) return { container, enclosing: candidate };
    container = next;
  }
}

function deepestContainer(node: A.Node, offset: number): Container | null {
  if (node.type === 'Conditional' || node.type === 'Branch' || node.type === 'GlobalBlock' || node.type === 'ArrayLiteral') {
    if (node.type === 'Conditional') return node;
    if (innerContains(node, offset)) return node;
  }
  // Arrays can hide inside assignments, concatenations, elements and conditions.
  const stack: A.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== node && (n.type === 'ArrayLiteral' || n.type === 'Branch' || n.type === 'GlobalBlock') && innerContains(n, offset)) {
      return n;
    }
    if (n.type === 'Branch' && n !== node) continue;
    const kids = childrenOfForComments(n);
    for (const k of kids) if (k.range.start.offset <= offset && offset < k.range.end.offset) stack.push(k);
  }
  return null;
}

function childrenOfForComments(n: A.Node): A.Node[] {
  switch (n.type) {
    case 'Assignment':
      return [n.value];
    case 'Concatenation':
      return n.operands;
    case 'ArrayElement':
      return n.key ? [n.key, n.value] : [n.value];
    case 'Include':
    case 'IncludeShell':
      return [n.argument];
    case 'Branch':
      return n.condition ? [n.condition] : [];
    case 'Condition':
      return [n.field, n.value];
    default:
      return [];
  }
}

function attachComments(doc: A.Document): void {
  for (const comment of doc.comments) {
    const offset = comment.range.start.offset;
    const { container, enclosing } = findContainer(doc, offset);
    if (enclosing) {
      // Inside a statement but not inside any block or array (e.g. after a condition, before a "{" on the next line).
      push(enclosing, 'trailingComments', comment);
      continue;
    }
    const list = listOf(container);
    const i = lastStartingBefore(list, offset);
    const before = i >= 0 ? list[i] : undefined;
    const after = list[i + 1];
    if (before && before.range.end.line === comment.range.start.line) push(before, 'trailingComments', comment);
    else if (after) push(after, 'leadingComments', comment);
    else pushDangling(container, comment);
  }
}
