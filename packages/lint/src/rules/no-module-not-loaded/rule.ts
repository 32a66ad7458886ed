import { getDirective, getModule, isExemptFromUnknownKeyWarning } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { loadedModules, type ModuleSource } from '../../util/modules.js';

export default defineRule({
  id: 'no-module-not-loaded',
  description: 'Disallow directives of modules that server.modules does not load',
  severity: 'warning',
  needs: 'evaluated',
  docs: { lighttpdMessage: 'WARNING: unknown config-key: %s (ignored)' },
  messages: {
    notLoaded: '"{key}" belongs to {module}, which is not in server.modules; lighttpd ignores it ("WARNING: unknown config-key: {key} (ignored)"). Add "{module}" to server.modules{package}.',
    notLoadedSilently: '"{key}" belongs to {module}, which is not loaded; lighttpd ignores it without a word. Add "{module}" to server.modules or enable dir-listing.activate.',
    addedWithWarning: '"{key}" needs {module}, which is not in server.modules: lighttpd adds it by itself with a warning (please add "{module}" to server.modules list), which a future release will not do. Add "{module}" to server.modules.',
  },
  create(ctx) {
    let loaded: Map<string, ModuleSource> | undefined;
    // One warning per module lighttpd adds by itself: it warns once, not per key.
    const warned = new Set<string>();
    return {
      Assignment(node) {
        const key = node.key.name;
        const directive = getDirective(key, ctx.targetVersion);
        if (!directive || directive.status === 'removed' || directive.module === 'core') return;
        loaded ??= loadedModules(ctx.settings!, ctx.targetVersion);
        // A loop, not flatMap/some/find: this runs for every assignment of a module's key.
        let added: ModuleSource | undefined;
        for (const module of directive.modules ?? [directive.module]) {
          const source = loaded.get(module);
          if (!source) continue;
          if (source.how === 'listed' || !source.load.warns) return;
          added ??= source;
        }
        if (added?.how === 'added') {
          if (warned.has(added.load.module)) return;
          warned.add(added.load.module);
          ctx.report({ node: node.key, messageId: 'addedWithWarning', data: { key, module: added.load.module } });
          return;
        }
        const module = directive.module;
        const pkg = getModule(module, ctx.targetVersion)?.debianPackage;
        ctx.report({
          node: node.key,
          messageId: isExemptFromUnknownKeyWarning(key) ? 'notLoadedSilently' : 'notLoaded',
          data: { key, module, package: pkg && pkg !== 'lighttpd' && pkg !== '-' ? ` (Debian: install ${pkg})` : '' },
        });
      },
    };
  },
});
