import type { Assignment, Branch, Condition, Expression, Node } from '@lhconf/parser';

/**
 * The key lighttpd stores an assignment under: keys compare ASCII case-insensitively (array.c) and a key
 * without a dot is a user variable, `foo` ≡ `var.foo` (configparser.y:469-479).
 */
export function canonicalKey(name: string): string {
  let key = canonicalKeys.get(name);
  if (key === undefined) {
    const lower = name.toLowerCase();
    key = lower.includes('.') ? lower : `var.${lower}`;
    // Rules ask for the key of every assignment; a config spells its keys a few hundred ways at most.
    if (canonicalKeys.size < 10_000) canonicalKeys.set(name, key);
  }
  return key;
}
const canonicalKeys = new Map<string, string>();

/** A node's parent; rules pass `ctx.parentOf`, which also leads from an included file to its `include`. */
export type ParentOf = (node: Node) => Node | undefined;

const astParent: ParentOf = (node) => node.parent;

/**
 * The condition blocks a node is in, innermost first. `global { }` ends the search: it writes to the global
 * scope wherever it appears (configparser.y:622-630).
 */
export function enclosingBranches(node: Node, parentOf: ParentOf = astParent): readonly Branch[] {
  const p = nearestBranchOrGlobal(node, parentOf);
  return p?.type === 'Branch' ? branchesFrom(p, parentOf) : noBranches;
}

/** The first Branch or `global { }` block above `node` (through includes when `parentOf` follows them), or undefined. */
function nearestBranchOrGlobal(node: Node, parentOf: ParentOf): Node | undefined {
  let p = parentOf(node);
  while (p && p.type !== 'Branch' && p.type !== 'GlobalBlock') p = parentOf(p);
  return p;
}

const noBranches: readonly Branch[] = [];
// Rules ask for the branches around every assignment: one list per branch (itself, then those around it), for
// each parentOf function, shared by every node in it.
const branchLists = new WeakMap<ParentOf, WeakMap<Branch, readonly Branch[]>>();

function branchesFrom(branch: Branch, parentOf: ParentOf): readonly Branch[] {
  const lists = memoFor(branchLists, parentOf);
  let list = lists.get(branch);
  if (!list) lists.set(branch, (list = [branch, ...enclosingBranches(branch, parentOf)]));
  return list;
}

/** True when the node sits in a condition block at any depth (not in the global scope). */
export function isInCondition(node: Node, parentOf: ParentOf = astParent): boolean {
  return enclosingBranches(node, parentOf).length > 0;
}

/**
 * The lighttpd block a statement belongs to, as a key: the path of condition texts from the global scope.
 * lighttpd keys blocks by that path, so two branches with the same condition at the same level are one block
 * (grammar.md §4.1); a catch-all `else { }` is a block of its own. The global scope is the main file's when
 * `parentOf` follows includes, else the statement's file's.
 */
export function blockKeyOf(node: Node, parentOf: ParentOf = astParent): string {
  const p = nearestBranchOrGlobal(node, parentOf);
  return p?.type === 'Branch' ? branchKeyOf(p, parentOf) : globalKeyOf(p ?? node, parentOf);
}

// Several rules ask for the block key of every assignment: keys are remembered per branch and per file, for
// each parentOf function (the linter makes one per run, which is also how long its answers hold).
const blockKeys = new WeakMap<ParentOf, WeakMap<Node, string>>();

/**
 * The answers remembered for `parentOf`. Not for the plain `node.parent`: a tree may change between calls
 * (`reparse` shifts the ranges of reused nodes in place, and an else block is keyed by its offset), so only a
 * parentOf made for one run (the linter's) keeps its answers.
 */
function memoFor<K extends Node, V>(memos: WeakMap<ParentOf, WeakMap<K, V>>, parentOf: ParentOf): WeakMap<K, V> {
  if (parentOf === astParent) return new WeakMap();
  let memo = memos.get(parentOf);
  if (!memo) memos.set(parentOf, (memo = new WeakMap()));
  return memo;
}

/** `global:<file of the outermost node>`, remembered per Document; `node` is a GlobalBlock, a Document or the node itself. */
function globalKeyOf(node: Node, parentOf: ParentOf): string {
  let doc: Node = node;
  while (doc.type !== 'Document') {
    const p = parentOf(doc);
    if (!p) break;
    doc = p;
  }
  const keys = memoFor(blockKeys, parentOf);
  let key = keys.get(doc);
  if (key === undefined) {
    let root: Node = doc;
    for (let p = parentOf(doc); p; p = parentOf(p)) root = p;
    keys.set(doc, (key = `global:${root.range.file}`));
  }
  return key;
}

/** The key of the block a branch opens: the key of the block it stands in, then its condition. */
function branchKeyOf(branch: Branch, parentOf: ParentOf): string {
  const keys = memoFor(blockKeys, parentOf);
  let key = keys.get(branch);
  if (key === undefined) {
    const own = branch.condition ? conditionKey(branch.condition) : `else@${branch.range.file}:${branch.range.start.offset}`;
    keys.set(branch, (key = `${blockKeyOf(branch, parentOf)} / ${own}`));
  }
  return key;
}

/** The nearest enclosing statement block (Branch, GlobalBlock, or the outermost Document), looking through includes. */
export function enclosingBlock(node: Node, parentOf: ParentOf = astParent): Node | undefined {
  let p = parentOf(node);
  while (p && (p.type === 'Include' || p.type === 'IncludeShell' || (p.type === 'Document' && parentOf(p)))) p = parentOf(p);
  return p;
}

/**
 * The value of an expression made only of literals, as lighttpd computes it (configparser_merge_data): strings
 * concatenate, a string and an integer concatenate as text, two integers add. Undefined when a reference or an
 * array is involved: only the evaluator knows those.
 */
export function constantValue(node: Expression): string | number | undefined {
  if (node.type === 'StringLiteral' || node.type === 'IntegerLiteral') return node.value;
  if (node.type !== 'Concatenation') return undefined;
  let acc: string | number | undefined;
  for (const operand of node.operands) {
    const v = constantValue(operand);
    if (v === undefined) return undefined;
    acc = acc === undefined ? v : typeof acc === 'number' && typeof v === 'number' ? acc + v : `${acc}${v}`;
  }
  return acc;
}

/** The directive an expression is (part of) the value of, e.g. the Assignment of `url.rewrite-once = ( … )`. */
export function assignmentOf(node: Node): Assignment | undefined {
  for (let p: Node | undefined = node; p; p = p.parent) if (p.type === 'Assignment') return p;
  return undefined;
}

/**
 * How lighttpd reads a boolean directive (config_plugin_value_to_bool): `enable`/`enabled`/`true`/`1` and
 * `disable`/`disabled`/`false`/`0` in any case, or an integer (non-zero is true). Undefined otherwise.
 */
export function constantBoolean(node: Expression): boolean | undefined {
  const value = constantValue(node);
  if (typeof value === 'number') return value !== 0;
  if (value === undefined) return undefined;
  const word = value.toLowerCase();
  if (['enable', 'enabled', 'true', '1'].includes(word)) return true;
  if (['disable', 'disabled', 'false', '0'].includes(word)) return false;
  return undefined;
}

/**
 * A stable text for an expression, for comparing conditions the way lighttpd keys its blocks (by the
 * condition's text after evaluation): literals by value, references by name.
 */
export function expressionKey(node: Expression): string {
  const value = constantValue(node);
  if (value !== undefined) return JSON.stringify(String(value));
  switch (node.type) {
    case 'Reference':
      return node.name;
    case 'Concatenation':
      return node.operands.map(expressionKey).join(' + ');
    case 'ArrayLiteral':
      return `(${node.elements.map((e) => (e.key ? `${expressionKey(e.key)} => ` : '') + expressionKey(e.value)).join(', ')})`;
    default:
      return JSON.stringify(String(value));
  }
}

/** `$HTTP["host"] == "a"` as lighttpd would key the block: object, field, operator and value. */
export function conditionKey(condition: Condition): string {
  // Asked for each branch by the block keys and by no-unreachable-else: built once per condition node.
  let key = conditionKeys.get(condition);
  if (key === undefined) {
    key = `$${condition.object.name}[${expressionKey(condition.field)}] ${condition.operator.value} ${expressionKey(condition.value)}`;
    conditionKeys.set(condition, key);
  }
  return key;
}
const conditionKeys = new WeakMap<Condition, string>();

/** The lighttpd.conf spelling of a string: quoted, `"` written `\"`, every other character as is (grammar.md §1.2). */
export function stringLiteral(value: string): string {
  return `"${value.replaceAll('"', '\\"')}"`;
}

/**
 * True when the settings of the block keyed `inner` (see {@link blockKeyOf}) are in effect only where those of
 * the block keyed `outer` are too: the same block, or one nested in it.
 */
export function isBlockWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer} / `);
}
