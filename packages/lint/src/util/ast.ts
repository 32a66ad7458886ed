import { blockOf, type Assignment, type Branch, type Condition, type Expression, type Node } from '@lhconf/parser';

/**
 * The key lighttpd stores an assignment under: keys compare ASCII case-insensitively (array.c) and a key
 * without a dot is a user variable, `foo` ≡ `var.foo` (configparser.y:469-479).
 */
export function canonicalKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('.') ? lower : `var.${lower}`;
}

/**
 * The lighttpd block an assignment writes to, as a key: the global scope of its file, or the path of condition
 * texts down to its branch. lighttpd keys blocks by that path, so two branches with the same condition at the
 * same level are one block (grammar.md §4.1), and `global { }` writes to the global scope wherever it appears
 * (configparser.y:622-630). A catch-all `else { }` is a block of its own.
 */
export function scopeKeyOf(node: Assignment): string {
  const block = blockOf(node);
  return block.type === 'Branch' ? branchKey(block) : `global:${node.range.file}`;
}

function branchKey(branch: Branch): string {
  const enclosing = branch.parent?.parent;
  const parentKey = enclosing?.type === 'Branch' ? branchKey(enclosing) : `global:${branch.range.file}`;
  if (branch.condition) return `${parentKey} / ${conditionKey(branch.condition)}`;
  return `${parentKey} / else#${branch.range.start.offset}`;
}

/** True when the statement sits in a condition block at any depth (not in the global scope). */
export function isInCondition(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'GlobalBlock') return false;
    if (p.type === 'Branch') return true;
  }
  return false;
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
  return `$${condition.object.name}[${expressionKey(condition.field)}] ${condition.operator.value} ${expressionKey(condition.value)}`;
}
