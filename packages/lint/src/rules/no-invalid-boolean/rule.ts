import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantBoolean, constantValue } from '../../util/ast.js';

// Words people write for booleans that lighttpd does not accept (config_plugin_value_to_bool).
const intended: Record<string, 'enable' | 'disable'> = { on: 'enable', yes: 'enable', y: 'enable', off: 'disable', no: 'disable', n: 'disable' };

export default defineRule({
  id: 'no-invalid-boolean',
  description: 'Disallow boolean values lighttpd rejects, such as "on" or "yes"',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  supersedes: ['core-value-type'],
  docs: { lighttpdMessage: 'ERROR: unexpected type for key: %s (string) "(enable|disable)"' },
  messages: {
    invalid: '"{key}" takes "enable" or "disable"; lighttpd refuses to start on "{value}".',
    useWord: 'Use "{word}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (getDirective(node.key.name, ctx.targetVersion)?.type !== 'boolean') return;
        const value = constantValue(node.value);
        // Integers are booleans to lighttpd (non-zero is true); other types are a type rule's business.
        if (typeof value !== 'string' || constantBoolean(node.value) !== undefined) return;
        const word = intended[value.trim().toLowerCase()];
        ctx.report({
          node: node.value,
          messageId: 'invalid',
          data: { key: node.key.name, value, word: word ?? '' },
          // Unsafe: lighttpd did not start with the old value; the guess of what was meant may be wrong.
          ...(word && node.value.type === 'StringLiteral'
            ? { fix: { messageId: 'useWord' as const, safe: false, edits: [ctx.replace(node.value, `"${word}"`)] } }
            : {}),
        });
      },
    };
  },
});
