import { defineRule } from '../../define-rule.js';
import { enclosingBranches } from '../../util/ast.js';

export default defineRule({
  id: 'no-nested-socket-condition',
  description: 'Disallow `$SERVER["socket"]` conditions inside other conditions',
  severity: 'warning',
  locality: 'statement',
  messages: {
    nested:
      '$SERVER["socket"] inside another condition still makes lighttpd listen on that socket for everyone; only the settings in it depend on the outer condition. Move it to the top level.',
  },
  create(ctx) {
    return {
      Condition(node) {
        if (node.object.name !== 'SERVER') return;
        // The Condition's parent is its Branch; the conditions around that Branch are what matters.
        const branch = ctx.parentOf(node);
        const outer = branch && enclosingBranches(branch, ctx.parentOf)[0];
        if (!outer) return;
        ctx.report({ node, messageId: 'nested', related: [{ node: outer.condition ?? outer.keywords[0] ?? outer, message: 'inside this condition' }] });
      },
    };
  },
});
