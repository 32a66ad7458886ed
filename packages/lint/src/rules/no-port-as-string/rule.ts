import type { Expression } from '@lhconf/parser';
import { getBackendOption, getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey } from '../../util/ast.js';
import { backendHosts } from '../../util/backends.js';
import { elementKey } from '../../util/value.js';

// The ranges lighttpd accepts for integer directives (grammar.md §5.1: T_CONFIG_SHORT, T_CONFIG_INT).
const maxByType: Partial<Record<string, number>> = { short: 65535, int: 4294967295 };

export default defineRule({
  id: 'no-port-as-string',
  description: 'Disallow quoted numbers for integer directives and backend options such as `server.port`',
  severity: 'warning',
  locality: 'statement',
  fixable: 'safe',
  messages: {
    quoted: '"{key}" takes a number; write {number} without quotes.',
    quotedOutOfRange: '"{key}" takes a number from 0 to {max}, without quotes; {number} is out of range.',
    unquote: 'Write {number} without quotes',
  },
  create(ctx) {
    const check = (key: string, type: string | undefined, value: Expression) => {
      if (value.type !== 'StringLiteral') return;
      const max = maxByType[type ?? ''];
      if (max === undefined) return;
      // Only plain decimals: lighttpd reads those the same quoted or not. Anything else is a type error
      // for another rule, and an out-of-range number changes meaning when unquoted (1.4.69 truncates).
      if (!/^\d+$/.test(value.value)) return;
      const number = String(Number(value.value));
      const inRange = Number(number) <= max;
      ctx.report({
        node: value,
        messageId: inRange ? 'quoted' : 'quotedOutOfRange',
        data: { key, number, max },
        ...(inRange ? { fix: { messageId: 'unquote' as const, safe: true, edits: [ctx.replace(value, number)] } } : {}),
      });
    };
    return {
      Assignment(node) {
        const directive = getDirective(canonicalKey(node.key.name), ctx.targetVersion);
        check(node.key.name, directive?.type, node.value);
        // Backend host options ("port" => "9000") are read with the same integer conversion (gw_backend.c).
        if (!directive?.backend) return;
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          for (const option of host.options.elements) {
            const name = elementKey(option);
            if (name !== undefined) check(name, getBackendOption(name, ctx.targetVersion)?.type, option.value);
          }
        }
      },
    };
  },
});
