import { isAtLeast } from '@lhconf/parser';
import { getModule, moduleReplacement } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey } from '../../util/ast.js';
import { ModuleListTracker } from '../../util/modules.js';

/**
 * mod_compress, removed in 1.4.56, is the one removed module lighttpd still accepts in server.modules: when it
 * becomes mod_deflate and when it is dropped is the catalogue's `moduleReplacement` (catalog/module-loading.ts).
 */
const DEPRECATED = {
  module: moduleReplacement.from,
  replacement: moduleReplacement.module,
  keyPrefix: moduleReplacement.keyPrefix,
  alwaysReplacedSince: moduleReplacement.alwaysSince,
} as const;

export default defineRule({
  id: 'no-deprecated-module',
  description: 'Disallow "mod_compress" in server.modules, which lighttpd replaces with mod_deflate or drops',
  severity: 'warning',
  fixable: 'both',
  messages: {
    replaced: '"{module}" was removed in lighttpd {removedIn}; lighttpd {target} loads "{replacement}" in its place{how}. List "{replacement}".',
    dropped:
      '"{module}" was removed in lighttpd {removedIn}; lighttpd {target} drops it from server.modules and loads nothing in its place (it substitutes "{replacement}" only when a compress.* key is set), so nothing is compressed and deflate.* keys, if any, are ignored as unknown. Remove it, or list "{replacement}".',
    alreadyListed: '"{module}" was removed in lighttpd {removedIn}; "{replacement}", which replaced it, is listed already, and lighttpd {target} ignores this entry. Remove it.',
    rename: 'Replace with "{replacement}"',
  },
  create(ctx) {
    const modules = new ModuleListTracker();
    let compressKeySet = false;
    return {
      Assignment(node) {
        // lighttpd looks for the keys in every block, conditions included.
        if (!compressKeySet && canonicalKey(node.key.name).startsWith(DEPRECATED.keyPrefix)) compressKeySet = true;
        modules.add(node, ctx.parentOf);
      },
      'Document:exit'(node) {
        // Decided on the final global list, once every file has been read (the main file's exit is the last).
        if (node.file !== ctx.mainFile) return;
        const info = getModule(DEPRECATED.module, ctx.targetVersion);
        if (info?.status !== 'removed') return;
        const alwaysReplaced = isAtLeast(ctx.targetVersion, DEPRECATED.alwaysReplacedSince);
        const replacementListed = modules.entries.some((e) => e.name === DEPRECATED.replacement);
        for (const entry of modules.entries) {
          if (entry.name !== DEPRECATED.module) continue;
          const data = { module: entry.name, removedIn: info.removedIn ?? '?', target: ctx.targetVersion, replacement: DEPRECATED.replacement };
          if (replacementListed) {
            // No fix: renaming would list mod_deflate twice; removing the entry is left to the reader.
            ctx.report({ node: entry.node, messageId: 'alreadyListed', data });
            continue;
          }
          const rename = (safe: boolean) => ({ messageId: 'rename' as const, safe, edits: [ctx.replace(entry.node, `"${DEPRECATED.replacement}"`)] });
          if (alwaysReplaced || compressKeySet) {
            const how = alwaysReplaced ? '' : ', because compress.* keys are set, and warns that "mod_compress" is DEPRECATED';
            // Safe: lighttpd makes the same substitution itself.
            ctx.report({ node: entry.node, messageId: 'replaced', data: { ...data, how }, fix: rename(true) });
            continue;
          }
          // Unsafe: mod_deflate then loads, and deflate.* settings that lighttpd ignored today take effect.
          ctx.report({ node: entry.node, messageId: 'dropped', data, fix: rename(false) });
        }
      },
    };
  },
});
