import { getModule, suggestModule } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { stringLiteral } from '../../util/ast.js';
import { ModuleListTracker } from '../../util/modules.js';

export default defineRule({
  id: 'no-unknown-module',
  description: 'Disallow server.modules entries that no lighttpd release has, or that arrived after the target release',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'dlopen() failed for: %s %s' },
  messages: {
    unknown: 'lighttpd has no module "{module}": it cannot load it and refuses to start ("dlopen() failed for: …/{module}.so", "loading plugins finally failed").',
    unknownDidYouMean:
      'lighttpd has no module "{module}": it cannot load it and refuses to start ("dlopen() failed for: …/{module}.so", "loading plugins finally failed"). Did you mean "{suggestion}"?',
    tooNew: '"{module}" arrived in lighttpd {since}; lighttpd {target} cannot load it and refuses to start ("dlopen() failed for: …/{module}.so").',
    useSuggestion: 'Replace with "{suggestion}"',
  },
  create(ctx) {
    const modules = new ModuleListTracker();
    return {
      Assignment(node) {
        for (const entry of modules.add(node, ctx.parentOf) ?? []) {
          // Removed modules are no-removed-module's; "core" is not a module name lighttpd loads.
          if (getModule(entry.name, ctx.targetVersion) && entry.name !== 'core') continue;
          const newest = entry.name === 'core' ? undefined : getModule(entry.name);
          if (newest) {
            ctx.report({ node: entry.node, messageId: 'tooNew', data: { module: entry.name, since: newest.since, target: ctx.targetVersion } });
            continue;
          }
          const suggestion = suggestModule(entry.name, ctx.targetVersion);
          ctx.report({
            node: entry.node,
            messageId: suggestion ? 'unknownDidYouMean' : 'unknown',
            data: { module: entry.name, suggestion: suggestion ?? '' },
            // Unsafe: the nearest name is a guess, and a third-party module of that name may exist on purpose.
            ...(suggestion ? { fix: { messageId: 'useSuggestion' as const, safe: false, edits: [ctx.replace(entry.node, stringLiteral(suggestion))] } } : {}),
          });
        }
      },
    };
  },
});
