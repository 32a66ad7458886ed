import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey } from '../../util/ast.js';

// The ranges lighttpd accepts for integer directives (grammar.md §5.1: T_CONFIG_SHORT, T_CONFIG_INT).
const maxByType: Partial<Record<string, number>> = { short: 65535, int: 4294967295 };

export default defineRule({
  id: 'no-port-as-string',
  description: 'Disallow quoted numbers for integer directives such as `server.port`',
  severity: 'warning',
  fixable: 'safe',
  messages: {
    quoted: '"{key}" takes a number; write {number} without quotes.',
    quotedOutOfRange: '"{key}" takes a number from 0 to {max}, without quotes; {number} is out of range.',
    unquote: 'Write {number} without quotes',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (node.value.type !== 'StringLiteral') return;
        const max = maxByType[getDirective(canonicalKey(node.key.name), ctx.targetVersion)?.type ?? ''];
        if (max === undefined) return;
        // Only plain decimals: lighttpd reads those the same quoted or not. Anything else is a type error
        // for another rule, and an out-of-range number changes meaning when unquoted (1.4.69 truncates).
        if (!/^\d+$/.test(node.value.value)) return;
        const number = String(Number(node.value.value));
        const inRange = Number(number) <= max;
        ctx.report({
          node: node.value,
          messageId: inRange ? 'quoted' : 'quotedOutOfRange',
          data: { key: node.key.name, number, max },
          ...(inRange ? { fix: { messageId: 'unquote' as const, safe: true, edits: [ctx.replace(node.value, number)] } } : {}),
        });
      },
    };
  },
});
