import { defineRule } from '../../define-rule.js';
import { unknownSubKeyReport, unknownSubKeys } from '../../util/sub-keys.js';

export default defineRule({
  id: 'no-ignored-sub-key',
  description: 'Disallow unknown keys that lighttpd ignores in server.feature-flags, cgi.limits, deflate.params and the *.cache lists',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    unknown: '"{name}" is not a key of {key} (one of: {keys}); lighttpd ignores it{said}.',
    unknownDidYouMean: '"{name}" is not a key of {key}; did you mean "{suggestion}"? lighttpd ignores it{said}.',
    rename: 'Rename to "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        // Keys lighttpd refuses to start on are no-unknown-sub-key's.
        for (const found of unknownSubKeys(node, ctx.targetVersion)) {
          if (found.effect === 'fatal') continue;
          const report = unknownSubKeyReport(found, ctx.replace);
          ctx.report({ ...report, data: { ...report.data, said: found.lighttpd ? ` and logs "${found.lighttpd}"` : ' without a word' } });
        }
      },
    };
  },
});
