import { extforwardTrustValues, getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

// Words people write for "trust" (mod_extforward knows only "trust" and "untrusted").
const meansTrust = new Set(['trusted', 'true', 'enable', 'enabled', 'yes', 'on', '1', 'allow']);

export default defineRule({
  id: 'no-invalid-extforward-trust',
  description: 'Require extforward.forwarder values to be "trust" (or "untrusted")',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'ERROR: expect "trust", not "%s" => "%s"; treating as untrusted' },
  messages: {
    invalid: '"{value}" is not "trust": lighttpd logs "ERROR: expect "trust", not "{proxy}" => "{value}"; treating as untrusted" and ignores the forwarded client address from {proxy}.',
    useTrust: 'Use "trust"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (getDirective(node.key.name, ctx.targetVersion)?.key !== 'extforward.forwarder' || node.value.type !== 'ArrayLiteral') return;
        for (const element of node.value.elements) {
          const proxy = elementKey(element);
          const value = constantValue(element.value);
          if (proxy === undefined || typeof value !== 'string' || extforwardTrustValues.includes(value.toLowerCase())) continue;
          ctx.report({
            node: element.value,
            messageId: 'invalid',
            data: { value, proxy },
            // Unsafe: the proxy becomes trusted, so its X-Forwarded-For decides the client address.
            ...(meansTrust.has(value.toLowerCase()) ? { fix: { messageId: 'useTrust' as const, safe: false, edits: [ctx.replace(element.value, '"trust"')] } } : {}),
          });
        }
      },
    };
  },
});
