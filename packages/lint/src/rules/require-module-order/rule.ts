import { isAtLeast } from '@lhconf/parser';
import { modulesWithRole, moduleOrderings, type ModuleOrdering } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean, stringLiteral } from '../../util/ast.js';
import { ModuleListTracker, type ModuleEntry } from '../../util/modules.js';

export default defineRule({
  id: 'require-module-order',
  description: 'Require server.modules in the order lighttpd expects: mod_auth before backends, backends before mod_staticfile, …',
  severity: 'warning',
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'Warning: mod_auth should be listed in server.modules before dynamic backends such as %s' },
  messages: {
    order: '"{before}" should come before "{after}" in server.modules: {effect}. lighttpd warns: "{lighttpd}".',
    move: 'Move "{before}" before "{after}"',
  },
  create(ctx) {
    const modules = new ModuleListTracker();
    const enabled = new Set<string>();
    const namesOf = (side: ModuleOrdering['before'] | ModuleOrdering['after']): string[] =>
      typeof side !== 'string' ? [...side] : side.startsWith('mod_') ? [side] : modulesWithRole(side as 'tls', ctx.targetVersion).map((m) => m.name);
    return {
      Assignment(node) {
        modules.add(node, ctx.parentOf);
        if (constantBoolean(node.value)) enabled.add(canonicalKey(node.key.name));
      },
      'Document:exit'(doc) {
        // The list is complete once the main file (and everything it includes) has been read.
        if (doc.file !== ctx.mainFile) return;
        const entries = modules.entries;
        for (const ordering of moduleOrderings) {
          if (!isAtLeast(ctx.targetVersion, ordering.since)) continue;
          if (ordering.whenEnabled && !enabled.has(ordering.whenEnabled.toLowerCase())) continue;
          const before = namesOf(ordering.before);
          const after = namesOf(ordering.after);
          for (const late of entries.filter((e) => before.includes(e.name))) {
            const early = entries.find((e) => after.includes(e.name) && entries.indexOf(e) < entries.indexOf(late));
            if (early) report(ordering, late, early);
          }
        }
      },
    };

    function report(ordering: ModuleOrdering, late: ModuleEntry, early: ModuleEntry) {
      const data = {
        before: late.name,
        after: early.name,
        effect: ordering.effect,
        lighttpd: ordering.lighttpdMessage.replace('{before}', late.name).replace('{after}', early.name),
      };
      // Moving is only simple inside one list literal: drop ", late" and write `late, ` before the early entry.
      const lateElement = late.node.parent;
      const earlyElement = early.node.parent;
      const list = lateElement?.parent;
      const fixable = list?.type === 'ArrayLiteral' && earlyElement?.parent === list && lateElement?.type === 'ArrayElement';
      let fix;
      if (fixable && list.type === 'ArrayLiteral') {
        const previous = list.elements[list.elements.indexOf(lateElement) - 1]!;
        const removed = { file: lateElement.range.file, start: previous.range.end, end: lateElement.range.end };
        // The separator that stood before `late` (", " or ",\n  ") goes after it in its new place: the layout stays.
        const separator = ctx.sourceText({ file: removed.file, start: previous.range.end, end: lateElement.range.start });
        if (!ctx.sourceText(removed).includes('#')) {
          fix = { messageId: 'move' as const, safe: false, edits: [ctx.insertBefore(earlyElement!, `${stringLiteral(late.name)}${separator}`), ctx.remove(removed)] };
        }
      }
      ctx.report({ node: late.node, messageId: 'order', data, related: [{ node: early.node, message: `"${early.name}" is listed here` }], ...(fix ? { fix } : {}) });
    }
  },
});
