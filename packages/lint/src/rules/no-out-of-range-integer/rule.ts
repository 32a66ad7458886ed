import { isAtLeast } from '@lhconf/parser';
import { getDirective, SHORT_MAX, SHORT_RANGE_CHECKED_SINCE } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-out-of-range-integer',
  description: 'Disallow numbers above 65535 for directives lighttpd stores in 16 bits',
  severity: 'error',
  locality: 'statement',
  supersedes: ['core-value-type'],
  messages: {
    truncated: '"{key}" holds 0 to 65535; lighttpd {target} silently keeps the low 16 bits, so {value} becomes {truncated}.',
    rejected: '"{key}" holds 0 to 65535; lighttpd {target} refuses to start on {value}.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (getDirective(node.key.name, ctx.targetVersion)?.type !== 'short') return;
        const value = constantValue(node.value);
        if (typeof value !== 'number' || value <= SHORT_MAX) return;
        const checked = isAtLeast(ctx.targetVersion, SHORT_RANGE_CHECKED_SINCE);
        // Since 1.4.74, 65536 is clamped to 65535 rather than refused (configfile-glue.c:233).
        if (checked && value === SHORT_MAX + 1) return;
        ctx.report({
          node: node.value,
          messageId: checked ? 'rejected' : 'truncated',
          data: { key: node.key.name, value, truncated: value % (SHORT_MAX + 1), target: ctx.targetVersion },
        });
      },
    };
  },
});
