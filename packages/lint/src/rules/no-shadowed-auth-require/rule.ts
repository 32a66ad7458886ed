import { defineRule } from '../../define-rule.js';
import { shadowedPrefixVisitor } from '../../util/shadowing.js';

export default defineRule({
  id: 'no-shadowed-auth-require',
  description: 'Disallow auth.require paths that an earlier, shorter path always matches first',
  severity: 'warning',
  fixable: 'unsafe',
  needs: 'evaluated',
  docs: { lighttpdMessage: 'auth.require path ("%s") will never match due to earlier match ("%s"); fix by sorting longer paths before shorter paths' },
  messages: {
    shadowed: '"{late}" never applies: "{early}" comes first and matches every path "{late}" matches, so its method, realm and require are used there. Newer lighttpd releases log: auth.require path ("{late}") will never match due to earlier match ("{early}"); 1.4.69 says nothing. List the longer path first.',
    swap: 'Put "{late}" before "{early}"',
  },
  create(ctx) {
    return shadowedPrefixVisitor(ctx, 'auth.require');
  },
});
