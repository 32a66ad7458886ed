import type { Expression } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue } from '../../util/ast.js';
import { backendHosts, hostOptions } from '../../util/backends.js';

export default defineRule({
  id: 'no-invalid-x-sendfile-docroot',
  description: 'Require x-sendfile-docroot entries to be absolute paths',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  docs: { lighttpdMessage: "x-sendfile-docroot paths must begin with '/'; invalid: \"%s\"" },
  messages: {
    relative: '"{path}" in {name} is not an absolute path; lighttpd refuses to start ("{name} paths must begin with \'/\'; invalid: "{path}"").',
    absolute: 'Write "/{path}"',
  },
  create(ctx) {
    const check = (list: Expression, name: string) => {
      if (list.type !== 'ArrayLiteral') return;
      for (const element of list.elements) {
        const path = constantValue(element.value);
        // Other element types are no-invalid-value-type's; lighttpd looks at the first byte only.
        if (element.key || typeof path !== 'string' || path.startsWith('/')) continue;
        ctx.report({
          node: element.value,
          messageId: 'relative',
          data: { path, name },
          // Unsafe: lighttpd never ran with it, and the intended root may not be "/" + path.
          ...(element.value.type === 'StringLiteral' && path !== ''
            ? { fix: { messageId: 'absolute' as const, safe: false, edits: [ctx.insertBefore(ctx.rangeInString(element.value, 0, 0), '/')] } }
            : {}),
        });
      }
    };
    return {
      Assignment(node) {
        // mod_cgi says "cgi.x-sendfile-docroot paths …" (mod_cgi.c:342), the gateways "x-sendfile-docroot paths …".
        if (canonicalKey(node.key.name) === 'cgi.x-sendfile-docroot') {
          check(node.value, 'cgi.x-sendfile-docroot');
          return;
        }
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          const option = hostOptions(host).get('x-sendfile-docroot');
          if (option) check(option.value, 'x-sendfile-docroot');
        }
      },
    };
  },
});
