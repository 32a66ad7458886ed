import { defineRule } from '../../define-rule.js';
import { shadowedPrefixVisitor } from '../../util/shadowing.js';

export default defineRule({
  id: 'no-shadowed-alias',
  description: 'Disallow alias.url prefixes that an earlier, shorter prefix always matches first',
  severity: 'error',
  fatal: true,
  fixable: 'unsafe',
  needs: 'evaluated',
  docs: { lighttpdMessage: "alias.url: `%s' will never match as `%s' matched first" },
  messages: {
    shadowed: '"{late}" can never match: "{early}" comes first and matches every path "{late}" matches. lighttpd refuses to start ("alias.url: `{late}\' will never match as `{early}\' matched first"). List the longer prefix first.',
    swap: 'Put "{late}" before "{early}"',
  },
  create(ctx) {
    return shadowedPrefixVisitor(ctx, 'alias.url');
  },
});
