import { defineRule } from '../../define-rule.js';
import { unknownSubKeyReport, unknownSubKeys } from '../../util/sub-keys.js';

export default defineRule({
  id: 'no-unknown-sub-key',
  description: 'Disallow unknown keys in lists lighttpd checks strictly: server.http-parseopts, proxy.header, proxy.forwarded, extforward.params, webdav.opts',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  supersedes: ['core-value-type'],
  docs: { lighttpdMessage: 'unrecognized webdav.opts: %s' },
  messages: {
    unknown: '"{name}" is not a key of {key} (one of: {keys}); lighttpd refuses to start ("{lighttpd}").',
    unknownDidYouMean: '"{name}" is not a key of {key}; did you mean "{suggestion}"? lighttpd refuses to start ("{lighttpd}").',
    rename: 'Rename to "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        // Keys lighttpd only logs or ignores are no-ignored-sub-key's.
        for (const found of unknownSubKeys(node, ctx.targetVersion)) {
          if (found.effect === 'fatal') ctx.report(unknownSubKeyReport(found, ctx.replace));
        }
      },
    };
  },
});
