import { LATEST_VERSION } from '@lhconf/parser';
import { getDirective, suggestDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';

export default defineRule({
  id: 'no-unknown-directive',
  description: 'Disallow directives lighttpd does not know at the target version',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'WARNING: unknown config-key: %s (ignored)' },
  messages: {
    unknown: '"{key}" is not a lighttpd directive; lighttpd ignores it.',
    unknownDidYouMean: '"{key}" is not a lighttpd directive; lighttpd ignores it. Did you mean "{suggestion}"?',
    tooNew: '"{key}" exists only since lighttpd {since}; lighttpd {target} ignores it.',
    rename: 'Rename to "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = node.key.name;
        // Bare names are var.* (configparser.y:469); var.* and env.* are exempt from the unknown-key check,
        // and lighttpd tests those prefixes case-sensitively (configfile.c:1383-1402).
        if (!key.includes('.') || key.startsWith('var.') || key.startsWith('env.')) return;
        // Removed directives have their own message (no-deprecated-directive).
        if (getDirective(key, ctx.targetVersion)) return;
        const newest = getDirective(key, LATEST_VERSION);
        if (newest && newest.status !== 'removed') {
          ctx.report({ node: node.key, messageId: 'tooNew', data: { key, since: newest.since, target: ctx.targetVersion } });
          return;
        }
        const suggestion = suggestDirective(key, ctx.targetVersion);
        if (!suggestion) {
          ctx.report({ node: node.key, messageId: 'unknown', data: { key } });
          return;
        }
        ctx.report({
          node: node.key,
          messageId: 'unknownDidYouMean',
          data: { key, suggestion },
          // Unsafe: the setting starts to take effect.
          fix: { messageId: 'rename', safe: false, edits: [ctx.replace(node.key, suggestion)] },
        });
      },
    };
  },
});
