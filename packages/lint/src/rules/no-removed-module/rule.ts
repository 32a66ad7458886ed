import { getModule, moduleReplacement } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { ModuleListTracker } from '../../util/modules.js';

/** Whether lighttpd puts another module in place of this name, or drops it ("mod_compress": no-deprecated-module's). */
const isSubstituted = (name: string) => name === moduleReplacement.from;

export default defineRule({
  id: 'no-removed-module',
  description: 'Disallow modules in server.modules that the target lighttpd release no longer has',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  docs: { lighttpdMessage: 'dlopen() failed for: %s %s' },
  messages: {
    removed: '"{module}" was removed in lighttpd {removedIn}; lighttpd {target} cannot load it and refuses to start ("dlopen() failed for: …/{module}.so"). Use {replacement} instead.',
  },
  create(ctx) {
    const modules = new ModuleListTracker();
    return {
      Assignment(node) {
        for (const entry of modules.add(node, ctx.parentOf) ?? []) {
          const module = getModule(entry.name, ctx.targetVersion);
          // lighttpd rewrites or drops such a name before loading and starts: no-deprecated-module's warning.
          if (module?.status !== 'removed' || isSubstituted(entry.name)) continue;
          const data = { module: entry.name, removedIn: module.removedIn ?? '?', target: ctx.targetVersion, replacement: module.replacement ?? 'mod_magnet' };
          // No fix: the replacements (mod_magnet, mod_vhostdb_*) need configuration of their own.
          ctx.report({ node: entry.node, messageId: 'removed', data });
        }
      },
    };
  },
});
