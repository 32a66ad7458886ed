import type { Branch } from '@lhconf/parser';
import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { enclosingBranches } from '../../util/ast.js';

// `$SERVER["socket"] == "…"` is the one condition socket-scope keys may sit in (configfile-glue.c:320-350).
const isSocketEquals = (b: Branch) => b.condition?.object.name === 'SERVER' && b.condition.operator.value === '==';

export default defineRule({
  id: 'no-invalid-directive-scope',
  description: 'Disallow server-wide and per-socket directives in conditions where lighttpd ignores them',
  severity: 'warning',
  locality: 'statement',
  docs: { lighttpdMessage: 'DEPRECATED: do not set server options in conditionals, variable: %s' },
  messages: {
    server:
      '"{key}" is a server-wide option: lighttpd ignores it inside a condition (and warns "do not set server options in conditionals"). Set it in the global scope.',
    socket: '"{key}" applies per listening socket: lighttpd ignores it unless it is global or directly in $SERVER["socket"] == "…".',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const branches = enclosingBranches(node, ctx.parentOf);
        if (branches.length === 0) return;
        const scope = getDirective(node.key.name, ctx.targetVersion)?.scope;
        if (scope === 'server') ctx.report({ node: node.key, messageId: 'server', data: { key: node.key.name } });
        else if (scope === 'socket' && !branches.every(isSocketEquals))
          ctx.report({ node: node.key, messageId: 'socket', data: { key: node.key.name } });
      },
    };
  },
});
