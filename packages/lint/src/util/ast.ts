import { blockOf, type Assignment, type Node } from '@lhconf/parser';

/**
 * The key lighttpd stores an assignment under: keys compare ASCII case-insensitively (array.c) and a key
 * without a dot is a user variable, `foo` ≡ `var.foo` (configparser.y:469-479).
 */
export function canonicalKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('.') ? lower : `var.${lower}`;
}

/**
 * The scope an assignment writes to: its block, except that `global { }` writes to the global scope
 * wherever it appears (configparser.y:622-630), so it shares the Document's scope.
 */
export function scopeOf(node: Assignment): Node {
  const block = blockOf(node);
  if (block.type !== 'GlobalBlock') return block;
  let p: Node | undefined = block;
  while (p && p.type !== 'Document') p = p.parent;
  return p ?? block;
}

/** True when the statement sits in a condition block at any depth (not in the global scope). */
export function isInCondition(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'GlobalBlock') return false;
    if (p.type === 'Branch') return true;
  }
  return false;
}
