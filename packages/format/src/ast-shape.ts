import { childKeys, type Node } from '@lhconf/parser';

/**
 * What a config means syntactically, for "formatting changed nothing" checks: the tree of node types and
 * values, without ranges, comments, or layout facts (trailing comma, where `else` stood).
 */
export function astShape(node: Node): unknown {
  const out: Record<string, unknown> = { type: node.type };
  for (const [key, value] of Object.entries(node)) {
    if (['range', 'leadingComments', 'trailingComments', 'danglingComments', 'open', 'close', 'keyword', 'trailingComma'].includes(key)) continue;
    if ((childKeys[node.type] as readonly string[]).includes(key)) {
      out[key] = Array.isArray(value) ? value.map((v: Node) => astShape(v)) : value ? astShape(value as Node) : value;
    } else if (node.type !== 'Document') out[key] = value;
  }
  return out;
}
