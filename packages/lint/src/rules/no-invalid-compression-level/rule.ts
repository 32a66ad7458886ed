import { DEFLATE_COMPRESSION_LEVELS, getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-invalid-compression-level',
  description: 'Require deflate.compression-level to be 1 to 9',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'compression-level must be between 1 and 9: %hu' },
  messages: {
    range: 'deflate.compression-level is {min} (fastest) to {max} (smallest), not {value}; lighttpd refuses to start ("compression-level must be between 1 and 9: {value}").',
    clamp: 'Use {nearest}',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (getDirective(node.key.name, ctx.targetVersion)?.key !== 'deflate.compression-level') return;
        const value = constantValue(node.value);
        // Strings that are not numbers are no-invalid-value-type's; quoted numbers are read as numbers.
        const level = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : undefined;
        const { min, max } = DEFLATE_COMPRESSION_LEVELS;
        if (level === undefined || (level >= min && level <= max)) return;
        const nearest = level < min ? min : max;
        ctx.report({
          node: node.value,
          messageId: 'range',
          data: { value: level, min, max, nearest },
          // Unsafe: lighttpd did not start with the old value; the nearest level is a guess.
          fix: { messageId: 'clamp', safe: false, edits: [ctx.replace(node.value, String(nearest))] },
        });
      },
    };
  },
});
