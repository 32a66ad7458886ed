import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

export default defineRule({
  id: 'no-extforward-all',
  description: 'Disallow `extforward.forwarder = ( "all" => "trust" )`, which lets any client set its own address',
  severity: 'warning',
  locality: 'statement',
  messages: {
    all: '"all" => "trust" believes X-Forwarded-For from every client: anyone can claim any address, get past $HTTP["remote-ip"] rules and write it into the logs. List the proxies\' addresses instead ("10.0.0.1" => "trust").',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (canonicalKey(node.key.name) !== 'extforward.forwarder' || node.value.type !== 'ArrayLiteral') return;
        for (const element of node.value.elements) {
          // mod_extforward.c compares "all" and "trust" ignoring case.
          if (elementKey(element)?.toLowerCase() !== 'all' || element.value.type !== 'StringLiteral') continue;
          if (element.value.value.toLowerCase() !== 'trust') continue;
          ctx.report({ node: element, messageId: 'all' });
        }
      },
    };
  },
});
