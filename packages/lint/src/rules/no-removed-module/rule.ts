import { compatModuleLoads, getModule, isKnownModule } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { ModuleListTracker } from '../../util/modules.js';

/** The module lighttpd puts in place of a removed name by itself ("mod_compress" → "mod_deflate"), if any. */
function rewrittenTo(name: string): string | undefined {
  return compatModuleLoads.find((l) => l.trigger.kind === 'moduleListed' && l.trigger.prefix === name)?.module;
}

export default defineRule({
  id: 'no-removed-module',
  description: 'Disallow modules in server.modules that the target lighttpd release no longer has',
  severity: 'error',
  fatal: true,
  fixable: 'safe',
  docs: { lighttpdMessage: 'dlopen() failed for: %s %s' },
  messages: {
    removed: '"{module}" was removed in lighttpd {removedIn}; lighttpd {target} cannot load it and refuses to start ("dlopen() failed for: …/{module}.so"). Use {replacement} instead.',
    rewritten: '"{module}" was removed in lighttpd {removedIn}; lighttpd {target} loads "{replacement}" in its place. List "{replacement}".',
    rename: 'Replace with "{replacement}"',
  },
  create(ctx) {
    const modules = new ModuleListTracker();
    return {
      Assignment(node) {
        for (const entry of modules.add(node, ctx.parentOf) ?? []) {
          const module = getModule(entry.name, ctx.targetVersion);
          if (module?.status !== 'removed') continue;
          const data = { module: entry.name, removedIn: module.removedIn ?? '?', target: ctx.targetVersion, replacement: module.replacement ?? 'mod_magnet' };
          const rewrite = rewrittenTo(entry.name);
          if (rewrite && isKnownModule(rewrite, ctx.targetVersion)) {
            // Safe: lighttpd makes the same substitution itself.
            const fix = { messageId: 'rename' as const, safe: true, edits: [ctx.replace(entry.node, `"${rewrite}"`)] };
            ctx.report({ node: entry.node, messageId: 'rewritten', data: { ...data, replacement: rewrite }, fix });
            continue;
          }
          // No fix: the replacements (mod_magnet, mod_vhostdb_*) need configuration of their own.
          ctx.report({ node: entry.node, messageId: 'removed', data });
        }
      },
    };
  },
});
