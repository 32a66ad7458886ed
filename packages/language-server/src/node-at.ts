import { blockOf, walk, type Assignment, type BlockNode, type Document, type Node } from '@lhconf/parser';

/** The nodes containing `offset`, outermost first (a cursor right after a word still touches it). */
export function nodesAt(ast: Document, offset: number): Node[] {
  const path: Node[] = [];
  walk(ast, (node) => {
    if (node.type !== 'Document' && (offset < node.range.start.offset || offset > node.range.end.offset)) return false;
    path.push(node);
    return undefined;
  });
  return path;
}

/** The key a reference reads: `basedir` is `var.basedir` (lighttpd's short form). */
export function referencedKey(name: string): string {
  return name.includes('.') ? name : `var.${name}`;
}

function contains(block: BlockNode, offset: number): boolean {
  return block.type === 'Document' || (offset > block.open.start.offset && offset < block.close.end.offset);
}

/**
 * The assignment a reference to `key` at `offset` reads: the last one before it in this block or an enclosing
 * one. lighttpd looks keys up ASCII case-insensitively, block by block outwards, at the time it parses the reference.
 */
export function findDefinition(ast: Document, key: string, offset: number): Assignment | undefined {
  const folded = key.toLowerCase();
  let found: Assignment | undefined;
  walk(ast, (node) => {
    if (node.range.start.offset >= offset) return false;
    if (node.type !== 'Assignment') return undefined;
    if (node.key.name.toLowerCase() === folded && node.range.end.offset <= offset && contains(blockOf(node), offset)) found = node;
    return false;
  });
  return found;
}

/** Every `var.*` assignment before `offset` that a reference there can read, last one per name. */
export function variablesBefore(ast: Document, offset: number): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  walk(ast, (node) => {
    if (node.range.start.offset >= offset) return false;
    if (node.type !== 'Assignment') return undefined;
    if (node.key.name.startsWith('var.') && node.range.end.offset <= offset && contains(blockOf(node), offset)) out.set(node.key.name, node);
    return false;
  });
  return out;
}

/** The innermost block (`{ … }`) holding `offset`, and the Document when none does. */
export function blockAt(ast: Document, offset: number): BlockNode {
  let block: BlockNode = ast;
  walk(ast, (node) => {
    if (node.type === 'Document') return undefined;
    if (offset < node.range.start.offset || offset > node.range.end.offset) return false;
    if ((node.type === 'Branch' || node.type === 'GlobalBlock') && contains(node, offset)) block = node;
    return undefined;
  });
  return block;
}
