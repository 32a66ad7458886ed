import * as path from 'node:path';
import type {
  ArrayElement,
  ArrayLiteral,
  Assignment,
  Branch,
  Concatenation,
  Conditional,
  Document,
  Expression,
  GlobalBlock,
  Include,
  IncludeShell,
  Statement,
} from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { parse, parseBytes } from '../parse.js';
import type { SourceRange } from '../source.js';
import { hasFeature, LATEST_VERSION } from '../version.js';
import { checkRemoteIp, compKeyOf, isSocketValueChecked, NEGATED_OPERATOR_CHAR, normalizeHost, simplifyRegex } from './conditions.js';
import { findCoreValueErrors } from './core-checks.js';
import { applyCoreRewrites } from './core-rewrites.js';
import { baseDirOf, defaultRunShell, hasGlobMagic, nodeFs, resolveIncludePath } from './includes.js';
import { semanticDiagnostic, type ReportOptions, type SemanticMessageId } from './messages.js';
import { checkRegex, firstInvalidUtf8 } from './regex-check.js';
import type {
  ArrayEntry,
  ConfigContext,
  EvaluatedCondition,
  EvaluateFs,
  EvaluateOptions,
  EvaluateResult,
  IncludeRecord,
  Setting,
  Value,
} from './types.js';
import { describeKind, foldKey, mergeValues, ownedCopy, parseIntegerLiteral, toStringOperand } from './values.js';

/** Reads a config file (and everything it includes) the way lighttpd's config_read does. */
export function evaluateFile(file: string, options: EvaluateOptions = {}): EvaluateResult {
  const ev = new Evaluator(file, options);
  const bytes = attempt(() => ev.fs.readFile(file));
  if (bytes === undefined) {
    ev.report('include-read-failed', { path: file }, emptyRange(file), {});
    return ev.finish();
  }
  const parsed = parseBytes(bytes, { file, targetVersion: ev.targetVersion });
  ev.runMain(parsed.ast, parsed.diagnostics);
  return ev.finish();
}

/** Evaluates config text as if it were the main file `options.file` (default `<input>`). */
export function evaluateText(text: string, options: EvaluateOptions & { file?: string } = {}): EvaluateResult {
  const file = options.file ?? '<input>';
  const ev = new Evaluator(file, options);
  const parsed = parse(text, { file, targetVersion: ev.targetVersion });
  ev.runMain(parsed.ast, parsed.diagnostics);
  return ev.finish();
}

/** Evaluates an already parsed main file (its includes are still read through `options.fs`). */
export function evaluateDocument(doc: Document, options: EvaluateOptions = {}): EvaluateResult {
  const ev = new Evaluator(doc.file, options);
  ev.runMain(doc, []);
  return ev.finish();
}

function emptyRange(file: string): SourceRange {
  return { file, start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
}

function spanRange(a: SourceRange, b: SourceRange): SourceRange {
  return { file: a.file, start: a.start, end: b.end };
}

/** One block as lighttpd keeps it (data_config); settings live in `slots` in lighttpd's array order. */
class Block implements ConfigContext {
  index: number;
  text: string;
  condition: EvaluatedCondition | null = null;
  parent: Block | null;
  children: Block[] = [];
  settings = new Map<string, Setting>();
  prev: Block | null = null;
  next: Block | null = null;
  isElse = false;
  branches: Branch[] = [];
  /**
   * lighttpd's lookup key is the parent's key, ` / `, this condition (`global / $HTTP["host"] == "a"`).
   * Such paths grow with depth, so the evaluator interns them: `keyId` names (parent key id, folded text).
   */
  keyId: number;
  /** The last part of the key (the condition text, or `else_tmp_token` while an else is open). */
  keyText: string;
  /** The condition value after lighttpd's normalisation; its length places the operator an `else` negates. */
  normalizedValue = '';
  /** Not a real lighttpd block: stands in for a condition lighttpd rejected, so evaluation can go on. */
  detached = false;
  /** Where the block was first opened (its condition or `else`). */
  opened: SourceRange | null = null;
  slots: Setting[] = [];
  /** The folded key of each slot. */
  private readonly folded: string[] = [];
  private readonly pos = new Map<string, number>();
  /** Keys whose assignment failed: later references to them are not reported again. */
  readonly poisoned = new Set<string>();

  constructor(index: number, text: string, keyId: number, keyText: string, parent: Block | null) {
    this.index = index;
    this.text = text;
    this.keyId = keyId;
    this.keyText = keyText;
    this.parent = parent;
  }

  get(folded: string): Setting | undefined {
    const i = this.pos.get(folded);
    return i === undefined ? undefined : this.slots[i];
  }

  insert(setting: Setting, folded = foldKey(setting.key)): void {
    this.pos.set(folded, this.slots.length);
    this.slots.push(setting);
    this.folded.push(folded);
  }

  /** array_replace: an existing key keeps its place (with the new spelling); a new one is appended. */
  replace(setting: Setting): void {
    const folded = foldKey(setting.key);
    const i = this.pos.get(folded);
    if (i === undefined) this.insert(setting, folded);
    else this.slots[i] = setting;
  }

  /**
   * `+=` on an own key: array_extract_element_klen moves the last element into the hole, then the
   * merged value is appended (so `+=` reorders `-p` output).
   */
  extractAndAppend(folded: string, setting: Setting): void {
    const i = this.pos.get(folded)!;
    const last = this.slots.length - 1;
    if (i !== last) {
      const movedFold = this.folded[last]!;
      this.slots[i] = this.slots[last]!;
      this.folded[i] = movedFold;
      this.pos.set(movedFold, i);
      this.pos.set(folded, last);
      this.folded[last] = folded;
    }
    this.slots[last] = setting;
  }

  /** Looks a key up here and then in each enclosing block (configparser_get_variable). */
  lookup(folded: string): Setting | undefined {
    for (let b: Block | null = this; b; b = b.parent) {
      const s = b.get(folded);
      if (s) return s;
    }
    return undefined;
  }

  isPoisoned(folded: string): boolean {
    for (let b: Block | null = this; b; b = b.parent) if (b.poisoned.has(folded)) return true;
    return false;
  }
}

/** Where the statements being evaluated come from. */
interface Scope {
  file: string;
  /** Include statements that led here, outermost first. */
  chain: SourceRange[];
  /** Absolute paths of the files in the chain (cycle detection). */
  ancestors: string[];
}

/** The state of one if/else chain while its branches are evaluated. */
interface ChainState {
  node: Conditional;
  /** The block of the previous branch (lighttpd's `condlines` B). */
  prev: Block | null;
  /** Whether the current branch pushed a block. */
  pushed: boolean;
}

type Task =
  | { kind: 'statements'; list: readonly Statement[]; i: number; scope: Scope }
  | { kind: 'open-branch'; chain: ChainState; branch: Branch; k: number; scope: Scope }
  | { kind: 'close-branch'; chain: ChainState; branch: Branch; k: number; scope: Scope }
  | { kind: 'close-global' };

type ExprFrame =
  | { kind: 'concat'; node: Concatenation; i: number; acc: Value | undefined; failed: boolean }
  | {
      kind: 'array';
      node: ArrayLiteral;
      i: number;
      wantKey: boolean;
      key: string | null;
      elements: ArrayEntry[];
      seen: Map<string, ArrayElement>;
      failed: boolean;
    };

const ELSE_TMP_TOKEN = 'else_tmp_token';

class Evaluator {
  readonly targetVersion: string;
  readonly fs: EvaluateFs;
  private readonly cwd: string;
  private readonly env: Record<string, string | undefined>;
  private readonly options: EvaluateOptions;
  private readonly baseDir: string;
  private readonly maxIncludeDepth: number;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly files = new Map<string, Document>();
  private readonly includes: IncludeRecord[] = [];
  /** The first include_shell that was not run: later undefined keys may come from its output. */
  private skippedShell: SourceRange | null = null;
  /** How each file was first included (for diagnostics raised after evaluation). */
  private readonly chainOf = new Map<string, SourceRange[]>();
  /** srv->config_context: every block by key id. */
  private readonly allConfigs = new Map<number, Block>();
  /** Interned block keys: `${parentKeyId} ${foldedText}` → id, and back. */
  private readonly keyIds = new Map<string, number>();
  private readonly keyParts: { parent: number; text: string }[] = [];
  private readonly blocks: Block[] = [];
  private readonly root: Block;
  private current: Block;
  /** ctx->configs_stack */
  private readonly stack: Block[] = [];
  private readonly tasks: Task[] = [];

  constructor(
    private readonly mainFile: string,
    options: EvaluateOptions,
  ) {
    this.options = options;
    this.targetVersion = options.targetVersion ?? LATEST_VERSION;
    this.cwd = options.cwd ?? process.cwd();
    this.env = options.env ?? process.env;
    this.fs = options.fs ?? nodeFs(this.cwd);
    this.baseDir = baseDirOf(mainFile);
    this.maxIncludeDepth = options.maxIncludeDepth ?? 64;
    this.root = new Block(0, 'global', this.keyId(-1, 'global'), 'global', null);
    this.allConfigs.set(this.root.keyId, this.root);
    this.blocks.push(this.root);
    this.current = this.root;
    // config_vars_init: predefined in the global block, before anything is parsed.
    const predefined = emptyRange(mainFile);
    this.root.insert({ key: 'var.CWD', value: { kind: 'string', value: this.cwd }, origins: [predefined] });
    this.root.insert({ key: 'var.PID', value: { kind: 'integer', value: options.pid ?? process.pid }, origins: [predefined] });
  }

  /** The id of the key `<key of parent> / <text>` (lighttpd compares keys case-insensitively). */
  private keyId(parent: number, text: string): number {
    const k = `${parent} ${foldKey(text)}`;
    let id = this.keyIds.get(k);
    if (id === undefined) {
      id = this.keyParts.length;
      this.keyParts.push({ parent, text });
      this.keyIds.set(k, id);
    }
    return id;
  }

  /** The key as lighttpd spells it in messages (`global / $HTTP["host"] == "a"`). */
  private keyString(id: number): string {
    const parts: string[] = [];
    for (let i = id; i >= 0; i = this.keyParts[i]!.parent) parts.push(this.keyParts[i]!.text);
    return parts.reverse().join(' / ');
  }

  report(messageId: SemanticMessageId, data: Record<string, string | number>, range: SourceRange, options: ReportOptions): void {
    this.diagnostics.push(semanticDiagnostic(messageId, data, range, options));
  }

  /** Evaluates the main file into the global block. */
  runMain(doc: Document, diagnostics: Diagnostic[]): void {
    this.addParsed(doc, diagnostics, []);
    const scope: Scope = { file: doc.file, chain: [], ancestors: [this.absolute(doc.file)] };
    this.tasks.push({ kind: 'statements', list: doc.body, i: 0, scope });
    this.drain();
  }

  private absolute(p: string): string {
    return path.resolve(this.cwd, p);
  }

  private drain(): void {
    const tasks = this.tasks;
    while (tasks.length > 0) {
      const task = tasks[tasks.length - 1]!;
      switch (task.kind) {
        case 'statements': {
          if (task.i >= task.list.length) {
            tasks.pop();
            break;
          }
          const stmt = task.list[task.i++]!;
          if (task.i >= task.list.length) tasks.pop();
          this.statement(stmt, task.scope);
          break;
        }
        case 'open-branch':
          tasks.pop();
          this.openBranch(task.chain, task.branch, task.k, task.scope);
          break;
        case 'close-branch':
          tasks.pop();
          this.closeBranch(task.chain, task.branch, task.k, task.scope);
          break;
        case 'close-global':
          tasks.pop();
          this.pop();
          break;
      }
    }
  }

  private statement(stmt: Statement, scope: Scope): void {
    switch (stmt.type) {
      case 'Assignment':
        this.assign(stmt, scope);
        return;
      case 'GlobalBlock':
        this.globalBlock(stmt, scope);
        return;
      case 'Conditional':
        this.conditional(stmt, scope);
        return;
      case 'Include':
        this.include(stmt, scope);
        return;
      case 'IncludeShell':
        this.includeShell(stmt, scope);
        return;
    }
  }

  // ---- blocks -------------------------------------------------------------------------------

  /** configparser_push: entering any block while `global { }` is current is fatal. */
  private push(block: Block, at: SourceRange, scope: Scope): void {
    if (this.stack.length > 0 && this.current === this.root) {
      this.report('conditional-in-global', {}, at, { includeChain: scope.chain });
    }
    this.stack.push(this.current);
    this.current = block;
  }

  private pop(): Block {
    const old = this.current;
    this.current = this.stack.pop() ?? this.root;
    return old;
  }

  private globalBlock(node: GlobalBlock, scope: Scope): void {
    this.push(this.root, node.keyword, scope);
    this.tasks.push({ kind: 'close-global' });
    this.tasks.push({ kind: 'statements', list: node.body, i: 0, scope });
  }

  private conditional(node: Conditional, scope: Scope): void {
    const chain: ChainState = { node, prev: null, pushed: false };
    for (let k = node.branches.length - 1; k >= 0; k--) {
      const branch = node.branches[k]!;
      this.tasks.push({ kind: 'close-branch', chain, branch, k, scope });
      this.tasks.push({ kind: 'statements', list: branch.body, i: 0, scope });
      this.tasks.push({ kind: 'open-branch', chain, branch, k, scope });
    }
  }

  private newBlock(text: string, keyText: string): Block {
    const block = new Block(this.allConfigs.size, text, this.keyId(this.current.keyId, keyText), keyText, this.current);
    this.allConfigs.set(block.keyId, block);
    this.blocks.push(block);
    this.current.children.push(block);
    return block;
  }

  private detachedBlock(text: string): Block {
    const block = new Block(-1, text, -1, text, this.current);
    block.detached = true;
    return block;
  }

  private openBranch(chain: ChainState, branch: Branch, k: number, scope: Scope): void {
    chain.pushed = false;
    const cond = branch.condition;
    if (!cond) {
      // 1.4.69 error recovery: an `else { }` with no condition before it is dropped and its body lands in the enclosing block.
      if (k === 0) return;
      const block = this.newBlock('else', ELSE_TMP_TOKEN);
      block.isElse = true;
      block.branches.push(branch);
      block.opened = branchHead(branch);
      this.push(block, branchHead(branch), scope);
      chain.pushed = true;
      return;
    }
    const fieldValue = this.expression(cond.field, scope);
    const rvalue = this.expression(cond.value, scope);
    let field: string | undefined;
    if (fieldValue !== undefined) {
      field = toStringOperand(fieldValue);
      if (field === undefined) this.report('operand-not-string', {}, cond.field.range, { includeChain: scope.chain });
    }
    let value: string | undefined;
    if (rvalue !== undefined) {
      if (rvalue.kind === 'string') value = rvalue.value;
      else this.report('rvalue-not-string', { kind: describeKind(rvalue) }, cond.value.range, { includeChain: scope.chain });
    }
    const object = cond.object.name;
    if (field === undefined || value === undefined) {
      this.push(this.detachedBlock(`$${object}[...]`), cond.range, scope);
      chain.pushed = true;
      return;
    }
    const comp = object === 'REQUEST_HEADER' && !hasFeature(this.targetVersion, 'requestHeaderCondition') ? undefined : compKeyOf(object, field);
    const written = cond.operator.value;
    const simplify = written === '=~' && comp !== 'socket' && hasFeature(this.targetVersion, 'prefixSuffixOperators');
    const simplified = simplify ? simplifyRegex(value) : { operator: written, value };
    const text = `$${object}["${field}"] ${simplified.operator} "${simplified.value}"`;
    const existing = this.allConfigs.get(this.keyId(this.current.keyId, text));
    if (existing) {
      existing.branches.push(branch);
      this.push(existing, cond.range, scope);
      chain.pushed = true;
      return;
    }
    const op = simplified.operator;
    let normalized = simplified.value;
    let invalid: string | undefined;
    const exact = op === '==' || op === '!=' || op === '=^' || op === '=$';
    if (comp === undefined) {
      this.report('unknown-condition', { object, field, text }, spanRange(cond.object.range, cond.field.range), { includeChain: scope.chain });
      invalid = 'comp';
    } else if (comp === 'remote-ip' && exact) {
      const r = checkRemoteIp(normalized);
      normalized = r.normalized;
      if (r.invalid) invalid = 'IP address or network';
    } else if (comp === 'socket') {
      if (isSocketValueChecked(normalized)) {
        const n = normalizeHost(normalized);
        if (n === undefined) invalid = 'socket address';
        else normalized = n;
      }
    } else if (comp === 'host' && exact) {
      const n = normalizeHost(normalized);
      if (n === undefined) invalid = 'host name (bad port or IPv6 address)';
      else normalized = n;
    }
    if (invalid !== undefined && invalid !== 'comp') {
      this.report('invalid-ip', { value: simplified.value, what: invalid }, cond.value.range, { includeChain: scope.chain });
    }
    if (invalid === undefined && (op === '=~' || op === '!~')) this.checkConditionRegex(simplified.value, cond.value.range, scope);
    const evaluated: EvaluatedCondition = { object, field, operator: op, value: simplified.value, writtenOperator: written };
    const block = invalid !== undefined ? this.detachedBlock(text) : this.newBlock(text, text);
    block.condition = evaluated;
    block.normalizedValue = normalized;
    block.branches.push(branch);
    block.opened = cond.range;
    this.push(block, cond.range, scope);
    chain.pushed = true;
  }

  private checkConditionRegex(regex: string, range: SourceRange, scope: Scope): void {
    if (this.files.get(scope.file)?.encoding === 'latin1' && /[\u0080-\u00ff]/.test(regex)) {
      const bad = firstInvalidUtf8(Buffer.from(regex, 'latin1'));
      if (bad !== undefined) {
        this.report('invalid-regex', { error: 'UTF-8 error', offset: bad, regex }, range, { includeChain: scope.chain });
        return;
      }
    }
    const r = checkRegex(regex);
    if (r.kind === 'error') {
      this.report('invalid-regex', { error: r.message, offset: r.offset, regex }, range, { includeChain: scope.chain });
    } else if (r.captures !== null && r.captures > 9) {
      this.report('too-many-captures', { count: r.captures, regex }, range, { includeChain: scope.chain });
    }
  }

  private closeBranch(chain: ChainState, branch: Branch, k: number, scope: Scope): void {
    if (!chain.pushed) {
      chain.prev = null;
      return;
    }
    const c = this.pop();
    const b = chain.prev;
    chain.prev = c;
    if (k === 0 || !b || b.detached || c.detached) return;
    const at = branchHead(branch);
    let ok = true;
    if (b.index >= c.index) {
      this.report('unreachable-else', { text: c.isElse ? 'else' : c.text }, at, {
        includeChain: scope.chain,
        related: c.opened && !c.isElse ? [{ message: 'the same condition first opened here', range: c.opened }] : [],
      });
      ok = false;
    }
    if (b.isElse) {
      this.report('else-after-catch-all', {}, at, {
        includeChain: scope.chain,
        related: b.opened ? [{ message: 'catch-all else', range: b.opened }] : [],
      });
      ok = false;
    }
    if (!c.isElse) {
      c.prev = b;
      b.next = c;
      return;
    }
    if (!ok) return;
    // cond_else: the catch-all takes the previous branch's key with the operator negated
    this.allConfigs.delete(c.keyId);
    // the operator sits just before ` "<value>"`, measured with the value as normalised (configparser.y)
    const pos = b.keyText.length - b.normalizedValue.length - 5;
    const op = b.condition?.operator;
    const negated = pos >= 0 && op ? b.keyText.slice(0, pos) + NEGATED_OPERATOR_CHAR[op] + b.keyText.slice(pos + 1) : b.keyText;
    const negatedId = this.keyId(this.keyParts[b.keyId]?.parent ?? -1, negated);
    c.keyId = negatedId;
    c.keyText = negated;
    c.condition = null;
    const clash = this.allConfigs.get(negatedId);
    if (clash) {
      this.report('unreachable-else', { text: negated }, at, {
        includeChain: scope.chain,
        related: clash.opened ? [{ message: 'the negated condition is already a block here', range: clash.opened }] : [],
      });
      c.detached = true;
      chain.prev = clash;
      return;
    }
    this.allConfigs.set(negatedId, c);
    c.prev = b;
    b.next = c;
  }

  // ---- assignments ----------------------------------------------------------------------------

  private assign(node: Assignment, scope: Scope): void {
    const written = node.key.name;
    const key = written.includes('.') ? written : `var.${written}`;
    const folded = foldKey(key);
    const value = this.expression(node.value, scope);
    const op = node.operator.value;
    const block = this.current;
    const chain = { includeChain: scope.chain };
    if (key.startsWith('env.')) {
      this.report('env-assignment', { verb: op === '+=' ? 'Appending' : 'Setting', index: block.index, block: this.keyString(block.keyId), key }, node.key.range, chain);
      return;
    }
    if (value === undefined) {
      block.poisoned.add(folded);
      return;
    }
    if (op === '=') {
      const first = block.get(folded);
      if (first) {
        const at = first.origins[first.origins.length - 1]!;
        this.report(
          'duplicate-assignment',
          { key, first: at.start.offset === 0 && at.end.offset === 0 ? 'predefined' : `line ${at.start.line}`, index: block.index, block: this.keyString(block.keyId) },
          node.key.range,
          { ...chain, related: [{ message: 'first set here', range: at }] },
        );
        return;
      }
      block.insert({ key, value, origins: [node.range] }, folded);
      return;
    }
    if (op === ':=') {
      block.replace({ key, value, origins: [node.range] });
      return;
    }
    const own = block.get(folded);
    const base = own ?? block.parent?.lookup(folded);
    if (!base) {
      block.insert({ key, value, origins: [node.range] });
      return;
    }
    // the block's own value is extended in place; an enclosing block's value is copied first
    const merged = this.merge(own ? own.value : ownedCopy(base.value), value, node.value.range, node.range, scope);
    if (merged === undefined) return;
    // the block's own origins list grows in place (repeated `+=` stays linear); a copied one is new
    const origins = own ? own.origins : base.origins.slice();
    origins.push(node.range);
    if (own) block.extractAndAppend(folded, { key, value: merged, origins });
    else block.insert({ key, value: merged, origins }, folded);
  }

  /** `left + right`, reporting lighttpd's merge errors at `rightRange`. */
  private merge(left: Value, right: Value, rightRange: SourceRange, leftRange: SourceRange, scope: Scope): Value | undefined {
    // `left` is always owned here (literal, copied reference or earlier result), so arrays grow in place
    const r = mergeValues(left, right, true);
    const chain = scope.chain;
    if (r.ok || r.reason === 'duplicate-array-key') {
      for (const k of r.ignoredDuplicates) this.report('duplicate-array-key-ignored', { key: k }, rightRange, { includeChain: chain });
    }
    if (r.ok) return r.value;
    if (r.reason === 'type-mismatch') {
      this.report('type-mismatch', { left: describeKind(left), right: describeKind(right) }, rightRange, {
        includeChain: chain,
        related: [{ message: 'left operand', range: leftRange }],
      });
    } else {
      this.report('duplicate-array-key-merge', { key: r.key }, rightRange, { includeChain: chain });
    }
    return undefined;
  }

  // ---- expressions (iterative: arrays may nest deeply) ------------------------------------------

  private expression(root: Expression, scope: Scope): Value | undefined {
    if (root.type !== 'Concatenation' && root.type !== 'ArrayLiteral') return this.leaf(root, scope);
    const stack: ExprFrame[] = [];
    let node: Expression | null = root;
    let value: Value | undefined;
    for (;;) {
      if (node) {
        const n: Expression = node;
        node = null;
        if (n.type === 'Concatenation') {
          stack.push({ kind: 'concat', node: n, i: 0, acc: undefined, failed: false });
        } else if (n.type === 'ArrayLiteral') {
          stack.push({ kind: 'array', node: n, i: 0, wantKey: true, key: null, elements: [], seen: new Map(), failed: false });
        } else {
          value = this.leaf(n, scope);
          if (stack.length === 0) return value;
          this.accept(stack[stack.length - 1]!, value, scope);
        }
      }
      const top = stack[stack.length - 1];
      if (!top) return value;
      const child = nextChild(top);
      if (child) {
        node = child;
        continue;
      }
      stack.pop();
      value = top.failed ? undefined : top.kind === 'concat' ? top.acc : { kind: 'array', elements: top.elements };
      if (stack.length === 0) return value;
      this.accept(stack[stack.length - 1]!, value, scope);
    }
  }

  private accept(frame: ExprFrame, value: Value | undefined, scope: Scope): void {
    if (frame.kind === 'concat') {
      const index = frame.i - 1;
      if (value === undefined || frame.failed) {
        frame.failed = true;
        return;
      }
      if (index === 0) {
        frame.acc = value;
        return;
      }
      const operands = frame.node.operands;
      const merged = this.merge(frame.acc!, value, operands[index]!.range, spanRange(operands[0]!.range, operands[index - 1]!.range), scope);
      if (merged === undefined) frame.failed = true;
      else frame.acc = merged;
      return;
    }
    const element = frame.node.elements[frame.i]!;
    if (frame.wantKey && element.key) {
      frame.wantKey = false;
      if (value === undefined) {
        frame.failed = true;
        frame.key = null;
        return;
      }
      const key = toStringOperand(value);
      if (key === undefined) {
        this.report('operand-not-string', {}, element.key.range, { includeChain: scope.chain });
        frame.failed = true;
      }
      frame.key = key ?? null;
      return;
    }
    const key = element.key ? frame.key : null;
    frame.i++;
    frame.wantKey = true;
    frame.key = null;
    if (value === undefined) {
      frame.failed = true;
      return;
    }
    if (key !== null) {
      const folded = foldKey(key);
      const first = frame.seen.get(folded);
      if (first) {
        this.report('duplicate-array-key', { key }, element.key!.range, {
          includeChain: scope.chain,
          related: [{ message: 'first used here', range: first.key!.range }],
        });
        frame.failed = true;
        return;
      }
      frame.seen.set(folded, element);
    }
    frame.elements.push({ key, value });
  }

  private leaf(node: Expression, scope: Scope): Value | undefined {
    switch (node.type) {
      case 'StringLiteral':
        return { kind: 'string', value: node.value };
      case 'IntegerLiteral': {
        const v = parseIntegerLiteral(node.raw);
        if (v === undefined) {
          this.report('number-overflow', { raw: node.raw }, node.range, { includeChain: scope.chain });
          return undefined;
        }
        return { kind: 'integer', value: v };
      }
      case 'Reference':
        return this.reference(node.name, node.range, scope);
      default:
        return undefined;
    }
  }

  private reference(name: string, range: SourceRange, scope: Scope): Value | undefined {
    const key = name.includes('.') ? name : `var.${name}`;
    // the env. prefix is compared case-sensitively (strncmp): ENV.HOME is an ordinary key
    if (key.startsWith('env.')) {
      const v = this.env[key.slice(4)];
      if (v === undefined) {
        this.report('undefined-env', { name: key.slice(4) }, range, { includeChain: scope.chain });
        return undefined;
      }
      return { kind: 'string', value: v };
    }
    const folded = foldKey(key);
    const found = this.current.lookup(folded);
    // lighttpd copies the value: later changes to the key do not show through
    if (found) return ownedCopy(found.value);
    if (this.current.isPoisoned(folded)) return undefined;
    if (this.skippedShell) {
      // the output of an include_shell that was not run may well set it: say so, and do not call it fatal
      this.report('undefined-variable', { key }, range, {
        includeChain: scope.chain,
        related: [{ message: 'include_shell not run; its output may set this key', range: this.skippedShell }],
      });
      const d = this.diagnostics[this.diagnostics.length - 1]!;
      d.severity = 'warning';
      d.fatal = false;
      return undefined;
    }
    this.report('undefined-variable', { key }, range, { includeChain: scope.chain });
    return undefined;
  }

  // ---- include / include_shell ------------------------------------------------------------------

  private include(node: Include, scope: Scope): void {
    const record: IncludeRecord = { node, from: node.range, argument: null, pattern: null, paths: [], chain: scope.chain };
    this.includes.push(record);
    const arg = this.stringArgument(node.argument, scope);
    if (arg === undefined) return;
    record.argument = arg;
    const pattern = resolveIncludePath(this.baseDir, arg);
    record.pattern = pattern;
    // a throwing fs is treated like lighttpd's glob() failure: nothing is read
    const matches = attempt(() => this.fs.glob(pattern)) ?? [];
    if (matches.length === 0) {
      if (!hasGlobMagic(pattern)) this.report('include-not-found', { path: pattern }, node.argument.range, { includeChain: scope.chain });
      return;
    }
    const docs: { doc: Document; path: string }[] = [];
    for (const match of matches) {
      const abs = this.absolute(match);
      if (scope.ancestors.includes(abs)) {
        this.report('include-cycle', { path: match, chain: [...scope.ancestors, abs].join(' → ') }, node.range, { includeChain: scope.chain });
        continue;
      }
      if (scope.chain.length + 1 > this.maxIncludeDepth) {
        this.report('include-depth', { max: this.maxIncludeDepth, chain: [...scope.ancestors, abs].join(' → ') }, node.range, {
          includeChain: scope.chain,
        });
        continue;
      }
      const bytes = attempt(() => this.fs.readFile(match));
      if (bytes === undefined) {
        this.report('include-read-failed', { path: match }, node.argument.range, { includeChain: scope.chain });
        continue;
      }
      record.paths.push(match);
      const parsed = parseBytes(bytes, { file: match, targetVersion: this.targetVersion });
      this.addParsed(parsed.ast, parsed.diagnostics, [...scope.chain, node.range]);
      docs.push({ doc: parsed.ast, path: abs });
    }
    // files are evaluated in glob order; the task stack is LIFO
    for (let i = docs.length - 1; i >= 0; i--) {
      const { doc, path: abs } = docs[i]!;
      this.tasks.push({
        kind: 'statements',
        list: doc.body,
        i: 0,
        scope: { file: doc.file, chain: [...scope.chain, node.range], ancestors: [...scope.ancestors, abs] },
      });
    }
  }

  private includeShell(node: IncludeShell, scope: Scope): void {
    const record: IncludeRecord = { node, from: node.range, argument: null, pattern: null, paths: [], chain: scope.chain };
    this.includes.push(record);
    const command = this.stringArgument(node.argument, scope);
    if (command === undefined) return;
    record.argument = command;
    if (!this.options.allowIncludeShell) {
      this.report('include-shell-not-allowed', { command }, node.range, { includeChain: scope.chain });
      this.skippedShell ??= node.range;
      return;
    }
    // config_parse_cmd runs the command in the main config's directory
    const dir = this.baseDir === '' ? this.cwd : path.resolve(this.cwd, this.baseDir);
    const run = this.options.runShell ?? defaultRunShell(this.env);
    const r = attempt(() => run(command, dir)) ?? { status: 255, stdout: new Uint8Array(), stderr: new TextEncoder().encode('could not run the command') };
    if (r.status !== 0) {
      // what the command printed on stderr is what lighttpd users see first (e.g. "/bin/sh: 1: x: not found")
      const stderr = r.stderr ? new TextDecoder().decode(r.stderr).trim().split('\n')[0] : '';
      const output = stderr ? ` (${stderr})` : '';
      this.report('include-shell-failed', { command, status: r.status, output }, node.range, { includeChain: scope.chain });
      return;
    }
    record.paths.push(command);
    const parsed = parseBytes(r.stdout, { file: command, targetVersion: this.targetVersion });
    this.addParsed(parsed.ast, parsed.diagnostics, [...scope.chain, node.range]);
    if (parsed.ast.body.length === 0) return;
    this.tasks.push({
      kind: 'statements',
      list: parsed.ast.body,
      i: 0,
      scope: { file: command, chain: [...scope.chain, node.range], ancestors: scope.ancestors },
    });
  }

  /** include / include_shell arguments are `stringop`s: strings, or integers as text. */
  private stringArgument(expr: Expression, scope: Scope): string | undefined {
    const v = this.expression(expr, scope);
    if (v === undefined) return undefined;
    const s = toStringOperand(v);
    if (s === undefined) this.report('operand-not-string', {}, expr.range, { includeChain: scope.chain });
    return s;
  }

  addParsed(doc: Document, diagnostics: Diagnostic[], chain: SourceRange[]): void {
    if (!this.files.has(doc.file)) this.files.set(doc.file, doc);
    if (!this.chainOf.has(doc.file)) this.chainOf.set(doc.file, chain);
    for (const d of diagnostics) this.diagnostics.push(chain.length > 0 ? { ...d, includeChain: chain } : d);
  }

  finish(): EvaluateResult {
    const contexts: Block[] = [];
    for (const b of this.blocks) if (!b.detached) contexts[b.index] = b;
    const dense = contexts.filter((b): b is Block => b !== undefined);
    for (const b of dense) {
      b.children = b.children.filter((c) => !c.detached);
      for (const s of b.slots) b.settings.set(foldKey(s.key), s);
    }
    // config_insert_srvconf / config_insert: type checks of core keys, then in-place rewrites
    for (const { setting, message } of findCoreValueErrors(dense, this.targetVersion)) {
      const at = setting.origins[setting.origins.length - 1]!;
      this.report('core-value-type', { lighttpd: message }, at, { includeChain: this.chainOf.get(at.file) ?? [] });
    }
    applyCoreRewrites(dense);
    return {
      root: this.root,
      contexts: dense,
      diagnostics: this.diagnostics,
      files: this.files,
      includes: this.includes,
      file: this.mainFile,
      targetVersion: this.targetVersion,
      fatal: this.diagnostics.some((d) => d.fatal === true),
    };
  }
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function nextChild(frame: ExprFrame): Expression | null {
  if (frame.kind === 'concat') return frame.i < frame.node.operands.length ? frame.node.operands[frame.i++]! : null;
  const element = frame.node.elements[frame.i];
  if (!element) return null;
  return frame.wantKey && element.key ? element.key : element.value;
}

/** `else $HTTP[…]`: from the first keyword to the end of the condition (or of `else`). */
function branchHead(branch: Branch): SourceRange {
  const first = branch.keywords[0]?.range ?? branch.condition?.range ?? branch.open;
  const last = branch.condition?.range ?? branch.keywords[branch.keywords.length - 1]?.range ?? branch.open;
  return spanRange(first, last);
}
