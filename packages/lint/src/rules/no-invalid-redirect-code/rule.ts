import { getDirective, REDIRECT_CODE_RANGE, redirectStatusCodes } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-invalid-redirect-code',
  description: 'Require url.redirect-code to be a redirect status: 301, 302, 303, 307 or 308',
  severity: 'warning',
  locality: 'statement',
  messages: {
    ignored: 'url.redirect-code {code} is not an HTTP status (100 to 999); lighttpd ignores it without a word and redirects with {fallback}.',
    notRedirect: 'url.redirect-code {code} is not a redirect status: lighttpd sends it with the Location header, and clients do not follow it. Use one of {codes}.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (getDirective(node.key.name, ctx.targetVersion)?.key !== 'url.redirect-code') return;
        const value = constantValue(node.value);
        // Non-numeric values are no-invalid-value-type's.
        const code = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : undefined;
        if (code === undefined || redirectStatusCodes.includes(code)) return;
        const { min, max, fallback } = REDIRECT_CODE_RANGE;
        ctx.report({
          node: node.value,
          messageId: code < min || code > max ? 'ignored' : 'notRedirect',
          data: { code, fallback, codes: redirectStatusCodes.join(', ') },
        });
      },
    };
  },
});
