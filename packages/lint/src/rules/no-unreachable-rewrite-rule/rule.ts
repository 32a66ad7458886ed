import { defineRule } from '../../define-rule.js';
import { isCatchAll, urlRulesOf } from '../../util/url-rules.js';

export default defineRule({
  id: 'no-unreachable-rewrite-rule',
  description: 'Disallow url.rewrite and url.redirect rules listed after a rule that matches every URL',
  severity: 'warning',
  locality: 'statement',
  messages: {
    unreachable:
      '"{pattern}" is never tried: the earlier "{catchAll}" matches every URL and lighttpd applies the first rule that matches. Move this rule before it.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const rules = urlRulesOf(node);
        // mod_rewrite and mod_redirect walk a list in order and stop at the first match (keyvalue.c
        // pcre_keyvalue_buffer_process); nothing after a rule that matches everything is ever tried.
        const catchAll = rules.find(isCatchAll);
        if (!catchAll) return;
        for (const rule of rules.slice(rules.indexOf(catchAll) + 1)) {
          ctx.report({
            node: rule.pattern,
            messageId: 'unreachable',
            data: { pattern: rule.pattern.value, catchAll: catchAll.pattern.value },
            related: [{ node: catchAll.pattern, message: 'matches every URL' }],
          });
        }
      },
    };
  },
});
