import { defineRule } from '../../define-rule.js';
import { invalidEnumReport, invalidEnumValue } from '../../util/enum.js';

export default defineRule({
  id: 'no-invalid-enum-value',
  description: 'Disallow values outside the fixed set a directive takes, such as server.stat-cache-engine or auth.backend',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'server.network-backend has an unknown value: %s' },
  messages: {
    invalid: '"{value}" is not a value of "{key}" (one of: {allowed}); lighttpd refuses to start: "{lighttpd}".',
    invalidDidYouMean: '"{value}" is not a value of "{key}"; did you mean "{suggestion}"? lighttpd refuses to start: "{lighttpd}".',
    useSuggestion: 'Use "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const found = invalidEnumValue(node, ctx.targetVersion);
        // Values lighttpd only logs and replaces are no-invalid-balance's.
        if (!found?.fatal) return;
        ctx.report(invalidEnumReport(found, ctx.replace));
      },
    };
  },
});
