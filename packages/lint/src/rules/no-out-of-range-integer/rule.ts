import { isAtLeast } from '@lhconf/parser';
import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

// T_CONFIG_SHORT is 0..65535; 1.4.74 started to range-check it (grammar.md §5.1, §7).
const SHORT_MAX = 65535;
const RANGE_CHECK_SINCE = '1.4.74';

export default defineRule({
  id: 'no-out-of-range-integer',
  description: 'Disallow numbers above 65535 for directives lighttpd stores in 16 bits',
  severity: 'error',
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
        const checked = isAtLeast(ctx.targetVersion, RANGE_CHECK_SINCE);
        // Since 1.4.74, 65536 is clamped to 65535 rather than refused (configfile-glue.c:233).
        if (checked && value === SHORT_MAX + 1) return;
        ctx.report({
          node: node.value,
          messageId: checked ? 'rejected' : 'truncated',
          data: { key: node.key.name, value, truncated: value % 65536, target: ctx.targetVersion },
        });
      },
    };
  },
});
