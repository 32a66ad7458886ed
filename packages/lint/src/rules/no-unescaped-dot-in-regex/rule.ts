import type { StringLiteral } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { forEachRegexToken } from '../../util/regex.js';
import { urlRulesOf } from '../../util/url-rules.js';

/** Characters after a `.` that make it a deliberate wildcard: a quantifier follows. */
const quantifiers = new Set(['*', '+', '?', '{']);

/**
 * Indices of `.` in a PCRE pattern that most likely mean a literal dot: unescaped, outside `[…]`, not followed
 * by a quantifier, and followed by a letter or digit (`index.php`, `example.org`, `.well-known`).
 */
export function literalLookingDots(pattern: string): number[] {
  const out: number[] = [];
  forEachRegexToken(pattern, (i, c) => {
    const next = pattern[i + 1];
    if (c === '.' && next !== undefined && !quantifiers.has(next) && /[A-Za-z0-9]/.test(next)) out.push(i);
  });
  return out;
}

export default defineRule({
  id: 'no-unescaped-dot-in-regex',
  description: 'Disallow an unescaped `.` that looks meant as a literal dot in a condition or rewrite regex',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    dot: 'In a regex "." matches any character, so "{regex}" also matches e.g. "{example}"; write "\\." for a dot.',
    dots: 'In a regex "." matches any character, so "{regex}" also matches e.g. "{example}"; write "\\." for each of the {count} dots meant literally.',
    escape: 'Write the dot as "\\."',
    escapeAll: 'Write the {count} dots as "\\."',
  },
  create(ctx) {
    const check = (literal: StringLiteral) => {
      const regex = literal.value;
      const dots = literalLookingDots(regex);
      const first = dots[0];
      if (first === undefined) return;
      // One report per regex (an IP address has three dots), one fix escaping them all.
      const ranges = dots.map((i) => ctx.rangeInString(literal, i, i + 1));
      const example = `${regex.slice(0, first)}X${regex.slice(first + 1)}`.replace(/\\(.)/g, '$1').replace(/^\^|\$$/g, '');
      ctx.report({
        range: ranges[0]!,
        messageId: dots.length === 1 ? 'dot' : 'dots',
        data: { regex, example, count: dots.length },
        fix: { messageId: dots.length === 1 ? 'escape' : 'escapeAll', safe: false, edits: ranges.map((r) => ctx.insertBefore(r, '\\')) },
      });
    };
    return {
      Condition(node) {
        if (node.operator.value !== '=~' && node.operator.value !== '!~') return;
        // A regex built with "+" has no single literal to point into.
        if (node.value.type === 'StringLiteral') check(node.value);
      },
      // The keys of url.rewrite* and url.redirect are PCRE regexes too (keyvalue.c).
      Assignment(node) {
        for (const rule of urlRulesOf(node)) check(rule.pattern);
      },
    };
  },
});
