import type { Condition } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';
import { topLevelAlternatives } from '../../util/regex.js';

/** `$HTTP["host"]`, or the Host header by name (header names ignore case). */
function isHostCondition(node: Condition): boolean {
  const field = constantValue(node.field);
  if (typeof field !== 'string') return false;
  return (node.object.name === 'HTTP' && field === 'host') || (node.object.name === 'REQUEST_HEADER' && field.toLowerCase() === 'host');
}

/** Ends in a `$` that is not escaped. */
function endsAnchored(alternative: string): boolean {
  const trailingBackslashes = /\\*(?=\$$)/.exec(alternative)?.[0].length;
  return trailingBackslashes !== undefined && trailingBackslashes % 2 === 0;
}

/** Starts at the beginning of the host (`^`) or at a label boundary (`\.`, `(^|\.)`, `.*\.`). */
function startsAnchored(alternative: string): boolean {
  return /^(?:\^|\\\.|\((?:\?:)?\^\||\.[*+]\\\.)/.test(alternative);
}

export default defineRule({
  id: 'no-unanchored-host-regex',
  description: 'Disallow host regexes without `^` and `$`, which match unrelated hosts',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    noEnd: '"{regex}" is not anchored at the end with "$": it also matches any host that merely contains it, such as "{host}.evil.example".',
    noStart: '"{regex}" is not anchored at the start with "^" (or "\\." for subdomains): it also matches hosts such as "evil{host}".',
    noEndPattern: '"{regex}" is not anchored at the end with "$": it also matches any host that merely contains a match.',
    noStartPattern: '"{regex}" is not anchored at the start with "^" (or "\\." for subdomains): it also matches hosts that only end like it.',
    addEnd: 'Add "$" at the end',
  },
  create(ctx) {
    return {
      Condition(node) {
        if (node.operator.value !== '=~' || !isHostCondition(node)) return;
        // A regex built with "+" has no single literal to point into.
        if (node.value.type !== 'StringLiteral') return;
        const literal = node.value;
        const regex = literal.value;
        const alternatives = topLevelAlternatives(regex).map(({ start, end }) => regex.slice(start, end));
        // `.*`, `(.*)`, `.`: every host on purpose (often to capture it as %0).
        if (alternatives.some((alt) => /^\.[*+]?$/.test(alt.replace(/[()^$]/g, '')))) return;
        // Each alternative must be anchored on its own: `^a\.org|b\.org$` anchors neither completely.
        const unanchoredEnd = alternatives.find((alt) => !endsAnchored(alt));
        const unanchoredStart = alternatives.find((alt) => !startsAnchored(alt));
        const problem = unanchoredEnd ?? unanchoredStart;
        if (problem === undefined) return;
        const host = problem.replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1');
        // An example host only when the alternative is a plain name; `a\.(b|c)` has no single one.
        const plain = /^[\w.-]+$/.test(host) ? '' : 'Pattern';
        const end = regex.length;
        ctx.report({
          node: literal,
          messageId: `${unanchoredEnd !== undefined ? 'noEnd' : 'noStart'}${plain}`,
          data: { regex, host },
          // Unsafe: the condition then matches fewer hosts. Only for one alternative: `$` would bind the last.
          ...(unanchoredEnd !== undefined && alternatives.length === 1
            ? { fix: { messageId: 'addEnd' as const, safe: false, edits: [ctx.insertAfter(ctx.rangeInString(literal, end, end), '$')] } }
            : {}),
        });
      },
    };
  },
});
