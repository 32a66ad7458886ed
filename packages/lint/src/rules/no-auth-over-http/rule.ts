import type { ArrayElement } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean, constantValue, enclosingBranches, isInCondition } from '../../util/ast.js';
import { keyedElements } from '../../util/value.js';

export default defineRule({
  id: 'no-auth-over-http',
  description: 'Disallow HTTP Basic authentication on a server that has no TLS',
  severity: 'warning',
  messages: {
    basic: '"method" => "basic" sends the password with every request, only base64-encoded, and this server has no TLS (no ssl.engine is enabled): anyone on the path can read it. Enable TLS (ssl.engine on a $SERVER["socket"] == ":443") and use auth.require only for https, or use "digest".',
  },
  create(ctx) {
    const basic: ArrayElement[] = [];
    let tls = false;
    let loopbackOnly = false;
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        if (key === 'ssl.engine' && constantBoolean(node.value) === true) tls = true;
        if (key === 'server.bind' && !isInCondition(node, ctx.parentOf)) loopbackOnly = /^(?:127\.|localhost$|::1$|\/)/.test(String(constantValue(node.value) ?? ''));
        if (key !== 'auth.require' || node.value.type !== 'ArrayLiteral') return;
        // Only over https: basic auth there is fine.
        const httpsOnly = enclosingBranches(node, ctx.parentOf).some(
          (b) => b.condition?.object.name === 'HTTP' && constantValue(b.condition.field) === 'scheme' && b.condition.operator.value === '==' && constantValue(b.condition.value) === 'https',
        );
        if (httpsOnly) return;
        for (const entry of node.value.elements) {
          if (entry.value.type !== 'ArrayLiteral') continue;
          const method = keyedElements(entry.value).get('method');
          // mod_auth compares the method name case-sensitively ("basic").
          if (method && constantValue(method.value) === 'basic') basic.push(method);
        }
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile || tls || loopbackOnly) return;
        for (const method of basic) ctx.report({ node: method, messageId: 'basic' });
      },
    };
  },
});
