import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean, constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-debug-enabled',
  description: 'Disallow debug logging switched on (`debug.*`, `fastcgi.debug` and the like)',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    enabled: '"{key}" turns on debug logging: it floods the error log and can write request details (headers, paths) to it.',
    disable: 'Set "{key}" to {off}',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        if (!key.startsWith('debug.') && !key.endsWith('.debug')) return;
        // Unknown keys are another rule's business; the type says how lighttpd reads the value.
        const directive = getDirective(key, ctx.targetVersion);
        if (!directive || directive.status === 'removed') return;
        const isBoolean = directive.type === 'boolean';
        // `fastcgi.debug` & co. are levels (int): any value above 0 logs; a decimal string counts as its number.
        const value = constantValue(node.value);
        const enabled = isBoolean ? constantBoolean(node.value) === true : Number(value) > 0;
        if (!enabled) return;
        const off = isBoolean ? '"disable"' : '0';
        ctx.report({
          node,
          messageId: 'enabled',
          data: { key: node.key.name, off },
          fix: { messageId: 'disable', safe: false, edits: [ctx.replace(node.value, off)] },
        });
      },
    };
  },
});
