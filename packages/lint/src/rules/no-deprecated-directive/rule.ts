import { getDirective, isKnownDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';

export default defineRule({
  id: 'no-deprecated-directive',
  description: 'Disallow directives that are deprecated, ignored or removed at the target version',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    deprecated: '"{key}" is deprecated{instead}.',
    ignored: '"{key}" is accepted but has no effect in lighttpd {target}; remove it.',
    removed: '"{key}" was removed in lighttpd {removedIn}; lighttpd {target} ignores it{instead}.',
    rename: 'Rename to "{replacement}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = node.key.name;
        const directive = getDirective(key, ctx.targetVersion);
        if (!directive || directive.status === 'current') return;
        const replacement = directive.replacement;
        // A replacement may be a module ("mod_magnet (lua)"); only a directive can be renamed to.
        const renamable = replacement !== undefined && isKnownDirective(replacement, ctx.targetVersion);
        const instead = replacement ? `; use ${renamable ? `"${replacement}"` : replacement} instead` : '';
        const data = { key, target: ctx.targetVersion, removedIn: directive.removedIn ?? '?', instead, replacement: replacement ?? '' };
        ctx.report({
          node: node.key,
          messageId: directive.status,
          data,
          // Unsafe: old and new names do not always take the same values (compress.* → deflate.*).
          ...(renamable ? { fix: { messageId: 'rename' as const, safe: false, edits: [ctx.replace(node.key, replacement)] } } : {}),
        });
      },
    };
  },
});
