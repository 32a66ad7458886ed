import type { ArrayLiteral, Assignment, Expression, TextEdit } from '@lhconf/parser';
import { closestName, getDirective, unknownSubKeyHandling } from '../catalog/index.js';
import type { ReportDescriptor } from '../define-rule.js';
import { stringLiteral } from './ast.js';
import { elementKey } from './value.js';

/** A key of a directive's list that lighttpd does not know there. */
export interface UnknownSubKey {
  directive: string;
  name: string;
  node: Expression;
  keys: readonly string[];
  suggestion: string | undefined;
  effect: 'fatal' | 'logged' | 'silent';
  /** lighttpd's message with the key filled in; empty when lighttpd says nothing. */
  lighttpd: string;
}

/** The unknown keys of a list directive written as a literal (catalog: `subKeys`, `unknownSubKeyHandling`). */
export function unknownSubKeys(node: Assignment, target: string): readonly UnknownSubKey[] {
  const directive = getDirective(node.key.name, target);
  const handling = directive && unknownSubKeyHandling[directive.key];
  if (!directive?.subKeys || !handling || node.value.type !== 'ArrayLiteral') return noneUnknown;
  const keys = directive.subKeys;
  const list = node.value;
  const out: UnknownSubKey[] = [];
  let present: Set<string | undefined> | undefined;
  for (const element of list.elements) {
    const name = elementKey(element);
    if (name === undefined || !element.key) continue;
    const known = handling.effect === 'silent' ? keys.some((k) => k.toLowerCase() === name.toLowerCase()) : keys.includes(name);
    if (known) continue;
    out.push({
      directive: directive.key,
      name,
      node: element.key,
      keys,
      // Renaming to a key the list already has would make a duplicate key (fatal), so no suggestion then.
      suggestion: [closestName(name, keys)].find((k) => k !== undefined && !(present ??= keysOf(list)).has(k.toLowerCase())),
      effect: handling.effect,
      lighttpd: handling.lighttpdMessage?.replace('{key}', name) ?? '',
    });
  }
  return out;
}

// Two rules ask about every assignment; most have no list of known keys.
const noneUnknown: readonly UnknownSubKey[] = [];

/** The keys a list has, lower-cased (found only when a key is unknown: most lists have none). */
function keysOf(list: ArrayLiteral): Set<string | undefined> {
  return new Set(list.elements.map((e) => elementKey(e)?.toLowerCase()));
}

/** The report for an unknown key: `unknown` or `unknownDidYouMean` with an unsafe rename to the nearest key. */
export function unknownSubKeyReport(
  found: UnknownSubKey,
  replace: (node: Expression, text: string) => TextEdit,
): ReportDescriptor<'unknown' | 'unknownDidYouMean' | 'rename'> {
  const { suggestion } = found;
  return {
    node: found.node,
    messageId: suggestion ? 'unknownDidYouMean' : 'unknown',
    // A long list (the feature flags) is cut short: the message is not the reference.
    data: { key: found.directive, name: found.name, keys: found.keys.length <= 12 ? found.keys.join(', ') : `${found.keys.slice(0, 6).join(', ')}, … (${found.keys.length} in all)`, lighttpd: found.lighttpd, suggestion: suggestion ?? '' },
    // Unsafe: the setting starts to take effect (or lighttpd starts at all).
    ...(suggestion ? { fix: { messageId: 'rename' as const, safe: false, edits: [replace(found.node, stringLiteral(suggestion))] } } : {}),
  };
}
