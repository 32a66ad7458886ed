import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue, stringLiteral } from '../../util/ast.js';

// `lighttpd/1.4.69`, `nginx 1.25.3`, `v2.0`: a number with at least one dot, optionally after `/`, ` ` or `v`.
const versionPattern = /[/ ]?v?\d+(?:\.\d+)+[\w.+~-]*/g;

export default defineRule({
  id: 'no-server-tag-version',
  description: 'Disallow a version number in `server.tag`',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    version: '"server.tag" sends the version "{version}" in every response header, which tells attackers which vulnerabilities to try.',
    removeVersion: 'Remove the version: {tag}',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (canonicalKey(node.key.name) !== 'server.tag') return;
        // Only a literal can be fixed in place; a computed tag is checked for its value only.
        const value = constantValue(node.value);
        if (typeof value !== 'string') return;
        const version = value.match(versionPattern)?.[0];
        if (!version) return;
        const stripped = value.replace(versionPattern, '').trim();
        const tag = stringLiteral(stripped);
        // Nothing left (`"v1.2"`): whether to send another name or no header (`""`) is the user's call.
        const fixable = node.value.type === 'StringLiteral' && stripped !== '';
        ctx.report({
          node: node.value,
          messageId: 'version',
          data: { version: version.trim().replace(/^\//, ''), tag },
          ...(fixable
            ? { fix: { messageId: 'removeVersion' as const, safe: false, edits: [ctx.replace(node.value, tag)] } }
            : {}),
        });
      },
    };
  },
});
