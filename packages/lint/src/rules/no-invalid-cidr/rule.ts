import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-invalid-cidr',
  description: 'Disallow bad network masks and CIDR comparisons that cannot match in remote-ip conditions',
  severity: 'error',
  locality: 'statement',
  messages: {
    badMask: '"/{mask}" is not a network mask for {family} (1 to {max}); lighttpd accepts it without a word and compares with garbage.',
    prefixOperator: 'A network ("{value}") is only matched with == or !=; with {operator} it is compared as text and never matches.',
  },
  create(ctx) {
    return {
      Condition(node) {
        const field = constantValue(node.field);
        if (node.object.name !== 'HTTP' || (field !== 'remoteip' && field !== 'remote-ip')) return;
        const value = constantValue(node.value);
        if (typeof value !== 'string' || !value.includes('/')) return;
        const operator = node.operator.value;
        // Regexes see the address as text; a / there is the user's business.
        if (operator === '=~' || operator === '!~') return;
        if (operator === '=^' || operator === '=$') {
          ctx.report({ node: node.value, messageId: 'prefixOperator', data: { value, operator } });
          return;
        }
        // configparser.y:303 only tests one of two error codes, so masks lighttpd cannot use pass silently.
        const mask = value.slice(value.lastIndexOf('/') + 1);
        const ipv6 = value.includes(':');
        const max = ipv6 ? 128 : 32;
        if (/^\d+$/.test(mask) && Number(mask) >= 1 && Number(mask) <= max) return;
        ctx.report({ node: node.value, messageId: 'badMask', data: { mask, family: ipv6 ? 'IPv6' : 'IPv4', max } });
      },
    };
  },
});
