import { defineRule } from '../../define-rule.js';
import { enclosingBlock } from '../../util/ast.js';

export default defineRule({
  id: 'no-conditional-in-global',
  description: 'Disallow conditions inside a `global { }` block',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  supersedes: ['conditional-in-global'],
  docs: { lighttpdMessage: 'Cannot use conditionals inside a global { ... } block' },
  messages: {
    conditional: 'Conditions are not allowed inside "global { }"; lighttpd exits at once. Move this block out of it.',
  },
  create(ctx) {
    return {
      Conditional(node) {
        // Only the outermost: a condition nested in this one is moved out with it. A file included inside
        // global { } is inside it too.
        const block = enclosingBlock(node, ctx.parentOf);
        if (block?.type !== 'GlobalBlock') return;
        const first = node.branches[0]!;
        ctx.report({
          range: { file: first.range.file, start: first.range.start, end: (first.condition ?? first).range.end },
          messageId: 'conditional',
          related: [{ range: block.keyword, message: 'inside this global block' }],
        });
      },
    };
  },
});
