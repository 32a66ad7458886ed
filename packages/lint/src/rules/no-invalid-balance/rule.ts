import { defineRule } from '../../define-rule.js';
import { invalidEnumReport, invalidEnumValue } from '../../util/enum.js';

export default defineRule({
  id: 'no-invalid-balance',
  description: 'Disallow *.balance values other than least-connection, round-robin, hash and sticky',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'xxxxx.balance has to be one of: least-connection, round-robin, hash, sticky, but not: %s' },
  messages: {
    invalid: '"{value}" is not a balancing method for "{key}" (one of: {allowed}); lighttpd logs "{lighttpd}" and uses least-connection.',
    invalidDidYouMean: '"{value}" is not a balancing method for "{key}"; did you mean "{suggestion}"? lighttpd logs "{lighttpd}" and uses least-connection.',
    useSuggestion: 'Use "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const found = invalidEnumValue(node, ctx.targetVersion);
        // The values lighttpd refuses to start on are no-invalid-enum-value's.
        if (!found || found.fatal) return;
        ctx.report(invalidEnumReport(found, ctx.replace));
      },
    };
  },
});
