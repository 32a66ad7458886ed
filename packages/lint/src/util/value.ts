import type { ArrayElement, ArrayLiteral, Expression } from '@lhconf/parser';
import { constantValue } from './ast.js';

/** What lighttpd stores a value as (array.h: TYPE_STRING, TYPE_INTEGER, TYPE_ARRAY). */
export type ValueKind = 'string' | 'integer' | 'array';

/**
 * The kind of value an expression makes, when the AST alone tells: literals, and `+` of literals (strings and
 * integers give a string, two integers an integer, arrays an array). Undefined when a reference decides it.
 */
export function valueKind(node: Expression): ValueKind | undefined {
  if (node.type === 'ArrayLiteral') return 'array';
  // `( … ) + x` is an array or a merge error ("data type mismatch"), never a scalar.
  if (node.type === 'Concatenation' && node.operands.some((o) => o.type === 'ArrayLiteral')) return 'array';
  const value = constantValue(node);
  if (value === undefined) return undefined;
  return typeof value === 'number' ? 'integer' : 'string';
}

/** "a string", "a number", "a list": how messages name a kind. */
export function describeKind(kind: ValueKind): string {
  return kind === 'string' ? 'a string' : kind === 'integer' ? 'a number' : 'a list';
}

/** The value of a keyed element whose key is a constant, by lower-cased key (lighttpd compares array keys caselessly). */
export function keyedElements(node: ArrayLiteral): Map<string, ArrayElement> {
  const out = new Map<string, ArrayElement>();
  for (const element of node.elements) {
    const key = element.key && constantValue(element.key);
    if (key !== undefined && key !== null && !out.has(String(key).toLowerCase())) out.set(String(key).toLowerCase(), element);
  }
  return out;
}

/** The text of a constant array key (integer keys as decimal text), or undefined. */
export function elementKey(element: ArrayElement): string | undefined {
  const key = element.key && constantValue(element.key);
  return key === undefined || key === null ? undefined : String(key);
}
