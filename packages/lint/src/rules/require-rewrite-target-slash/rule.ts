import { getDirective, urlRuleLists } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'require-rewrite-target-slash',
  description: 'Require url.rewrite* targets to begin with "/"',
  // An error although lighttpd starts: every request the rule rewrites is certainly lost (mod_rewrite.c
  // process_rewrite_rules returns HANDLER_ERROR; lighttpd 1.4.69 closes the connection, curl: "Empty reply").
  severity: 'error',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: "mod_rewrite invalid result (not beginning with '/') while processing uri: %s" },
  messages: {
    noSlash:
      'The rewrite target "{target}" does not begin with "/": lighttpd starts, but answers no request this rule rewrites. It closes the connection without a response (the client sees an empty reply) and logs "mod_rewrite invalid result (not beginning with \'/\') while processing uri: …".',
    addSlash: 'Write "/{target}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = getDirective(node.key.name, ctx.targetVersion)?.key;
        // Redirect targets may be URLs or relative; only internal rewrites must be paths.
        if (!key || urlRuleLists[key]?.kind !== 'rewrite' || node.value.type !== 'ArrayLiteral') return;
        for (const element of node.value.elements) {
          const target = constantValue(element.value);
          if (!element.key || typeof target !== 'string' || target.startsWith('/')) continue;
          // A capture or ${url.path} may bring the slash along; lighttpd checks the result, not the template.
          // An empty target is not a path either, but lighttpd leaves the request alone then (tested with 1.4.69).
          if (target === '' || target.startsWith('$') || target.startsWith('%')) continue;
          ctx.report({
            node: element.value,
            messageId: 'noSlash',
            data: { target },
            // Unsafe: the rule starts to work, and the intended path is a guess.
            ...(element.value.type === 'StringLiteral' ? { fix: { messageId: 'addSlash' as const, safe: false, edits: [ctx.insertBefore(ctx.rangeInString(element.value, 0, 0), '/')] } } : {}),
          });
        }
      },
    };
  },
});
