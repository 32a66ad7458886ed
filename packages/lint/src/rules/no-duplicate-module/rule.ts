import { defineRule } from '../../define-rule.js';
import { ModuleListTracker } from '../../util/modules.js';

export default defineRule({
  id: 'no-duplicate-module',
  description: 'Disallow a module listed twice in server.modules',
  severity: 'warning',
  fixable: 'safe',
  messages: {
    duplicate: '"{module}" is already in server.modules (line {line}); lighttpd loads it once, at the first place, and ignores this entry.',
    remove: 'Remove this "{module}" entry',
  },
  create(ctx) {
    const modules = new ModuleListTracker();
    return {
      Assignment(node) {
        const before = modules.entries.length;
        const added = modules.add(node, ctx.parentOf);
        if (!added) return;
        // `=` and `:=` start the list over: only `+=` keeps the earlier entries.
        const earlier = modules.entries.slice(0, node.operator.value === '+=' ? before : 0);
        added.forEach((entry, index) => {
          const first = [...earlier, ...added.slice(0, index)].find((e) => e.name === entry.name);
          if (!first) return;
          // From the end of the previous element: removes ", <entry>". Not across comments.
          const element = entry.node.parent;
          const list = element?.parent;
          const position = list?.type === 'ArrayLiteral' && element?.type === 'ArrayElement' ? list.elements.indexOf(element) : -1;
          const previous = position > 0 && list?.type === 'ArrayLiteral' ? list.elements[position - 1] : undefined;
          const removed = previous && element ? { file: element.range.file, start: previous.range.end, end: element.range.end } : undefined;
          const fixable = removed !== undefined && !ctx.sourceText(removed).includes('#');
          ctx.report({
            node: entry.node,
            messageId: 'duplicate',
            data: { module: entry.name, line: first.node.range.start.line },
            related: [{ node: first.node, message: 'first listed here' }],
            // Safe: lighttpd already skips the repeated entry (plugins_load).
            ...(fixable ? { fix: { messageId: 'remove' as const, safe: true, edits: [ctx.remove(removed)] } } : {}),
          });
        });
      },
    };
  },
});
