import type { Assignment, StringLiteral, TextEdit } from '@lhconf/parser';
import { closestName, getDirective, invalidValueHandling } from '../catalog/index.js';
import type { ReportDescriptor } from '../define-rule.js';
import { stringLiteral } from './ast.js';

/** A string value outside the directive's allowed set, with what lighttpd does about it. */
export interface InvalidEnumValue {
  key: string;
  value: string;
  node: StringLiteral;
  allowed: readonly string[];
  suggestion: string | undefined;
  fatal: boolean;
  /** lighttpd's message with the value filled in. */
  lighttpd: string;
}

/**
 * The assignment's value when it is a string literal lighttpd does not accept for this directive
 * (`allowedValues` and `invalidValueHandling` in the catalogue); undefined otherwise.
 */
export function invalidEnumValue(node: Assignment, target: string): InvalidEnumValue | undefined {
  const directive = getDirective(node.key.name, target);
  const handling = directive && invalidValueHandling[directive.key];
  if (!directive?.allowedValues || !handling || node.value.type !== 'StringLiteral') return undefined;
  const value = node.value.value;
  // Values are compared as written (strcmp / buffer_eq_slen): "Simple" is not "simple".
  if (directive.allowedValues.includes(value)) return undefined;
  return {
    key: node.key.name,
    value,
    node: node.value,
    allowed: directive.allowedValues,
    suggestion: closestName(value, directive.allowedValues),
    fatal: handling.fatal,
    lighttpd: handling.lighttpdMessage.replace('{value}', value),
  };
}

/**
 * The report for an invalid value, shared by the rules that report them: `invalid`, or `invalidDidYouMean` with
 * an unsafe fix to the nearest allowed word (lighttpd did not run with the old value; the guess may be wrong).
 */
export function invalidEnumReport(
  found: InvalidEnumValue,
  replace: (node: StringLiteral, text: string) => TextEdit,
): ReportDescriptor<'invalid' | 'invalidDidYouMean' | 'useSuggestion'> {
  const { suggestion } = found;
  return {
    node: found.node,
    messageId: suggestion ? 'invalidDidYouMean' : 'invalid',
    data: { key: found.key, value: found.value, allowed: found.allowed.join(', '), lighttpd: found.lighttpd, suggestion: suggestion ?? '' },
    ...(suggestion ? { fix: { messageId: 'useSuggestion' as const, safe: false, edits: [replace(found.node, stringLiteral(suggestion))] } } : {}),
  };
}
