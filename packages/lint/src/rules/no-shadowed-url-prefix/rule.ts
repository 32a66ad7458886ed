import type { ArrayElement, ArrayLiteral } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue } from '../../util/ast.js';

/**
 * Lists keyed by URL prefix where the first matching key wins, and what lighttpd says about a shadowed one:
 * mod_alias refuses to start (mod_alias.c:81), mod_auth logs an error in releases after 1.4.69 (mod_auth.c:565).
 */
const prefixLists: Record<string, { fatal: boolean }> = {
  'alias.url': { fatal: true },
  'auth.require': { fatal: false },
};

export default defineRule({
  id: 'no-shadowed-url-prefix',
  description: 'Disallow `alias.url` and `auth.require` entries hidden behind a shorter prefix listed earlier',
  severity: 'error',
  fixable: 'unsafe',
  docs: { lighttpdMessage: "alias.url: '%s' will never match as '%s' matched first" },
  messages: {
    shadowedFatal: '"{later}" never matches: the earlier "{earlier}" is a prefix of it and matches first. lighttpd refuses to start.',
    shadowed: '"{later}" never matches: the earlier "{earlier}" is a prefix of it and matches first, so its settings never apply.',
    moveUp: 'Move "{later}" before "{earlier}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const list = prefixLists[canonicalKey(node.key.name)];
        if (!list || node.value.type !== 'ArrayLiteral') return;
        const array: ArrayLiteral = node.value;
        const seen: { prefix: string; element: ArrayElement }[] = [];
        for (const element of array.elements) {
          const prefix = element.key && constantValue(element.key);
          // Keys from variables are unknown here; the empty key matches every URL on purpose, as a fallback.
          if (typeof prefix !== 'string') continue;
          const earlier = seen.find((s) => prefix.startsWith(s.prefix) && s.prefix !== '');
          seen.push({ prefix, element });
          if (!earlier) continue;
          ctx.report({
            node: element.key!,
            messageId: list.fatal ? 'shadowedFatal' : 'shadowed',
            data: { later: prefix, earlier: earlier.prefix },
            related: [{ node: earlier.element.key!, message: 'matches first' }],
            // Swapping the two entries; unsafe because requests the shorter prefix served move to the longer one.
            fix: {
              messageId: 'moveUp',
              safe: false,
              edits: [ctx.replace(earlier.element, ctx.sourceText(element)), ctx.replace(element, ctx.sourceText(earlier.element))],
            },
          });
        }
      },
    };
  },
});
