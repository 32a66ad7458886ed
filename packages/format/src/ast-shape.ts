import { childKeys, type Node } from '@lhconf/parser';

/** Fields that are layout, not meaning: ranges, comments, where brackets and keywords stood, a trailing comma. */
const LAYOUT_KEYS: ReadonlySet<string> = new Set(['range', 'leadingComments', 'trailingComments', 'danglingComments', 'open', 'close', 'keyword', 'trailingComma']);

/**
 * What a config means syntactically, for "formatting changed nothing" checks: the tree of node types and
 * values, without ranges, comments, or layout facts (trailing comma, where `else` stood).
 */
export function astShape(node: Node): unknown {
  const out: Record<string, unknown> = { type: node.type };
  for (const [key, value] of Object.entries(node)) {
    if (LAYOUT_KEYS.has(key)) continue;
    if ((childKeys[node.type] as readonly string[]).includes(key)) {
      out[key] = Array.isArray(value) ? value.map((v: Node) => astShape(v)) : value ? astShape(value as Node) : value;
    } else if (node.type !== 'Document') out[key] = value;
  }
  return out;
}

/** True when two plain values (strings, numbers, arrays, records) print the same as JSON; an undefined field counts as absent. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key in ra) if (ra[key] !== undefined && !sameValue(ra[key], rb[key])) return false;
  for (const key in rb) if (rb[key] !== undefined && ra[key] === undefined) return false;
  return true;
}

/**
 * `astShape(a)` and `astShape(b)` are equal, decided without building either: the formatter's safety check
 * runs on every format-on-save, over trees of 100,000s of nodes.
 */
export function sameShape(a: Node, b: Node): boolean {
  if (a.type !== b.type) return false;
  const children = childKeys[a.type] as readonly string[];
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of children) {
    const x = ra[key];
    const y = rb[key];
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!sameShape(x[i] as Node, y[i] as Node)) return false;
    } else if (x && y) {
      if (!sameShape(x as Node, y as Node)) return false;
    } else if (x !== y) return false;
  }
  if (a.type === 'Document') return true;
  for (const key in ra) {
    if (LAYOUT_KEYS.has(key) || children.includes(key) || ra[key] === undefined) continue;
    if (!sameValue(ra[key], rb[key])) return false;
  }
  for (const key in rb) {
    if (LAYOUT_KEYS.has(key) || children.includes(key) || rb[key] === undefined) continue;
    if (ra[key] === undefined) return false;
  }
  return true;
}
