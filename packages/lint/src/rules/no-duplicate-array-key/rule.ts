import type { ArrayElement } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-duplicate-array-key',
  description: 'Disallow the same key twice in one array literal',
  severity: 'error',
  fatal: true,
  fixable: 'unsafe',
  supersedes: ['duplicate-array-key'],
  docs: { lighttpdMessage: 'Error: duplicate array-key: %s. Please get rid of the duplicate entry.' },
  messages: {
    duplicate: 'Key "{key}" is already in this list (line {line}); lighttpd refuses to start.',
    removeLater: 'Remove the later "{key}" entry',
  },
  create(ctx) {
    return {
      ArrayLiteral(node) {
        if (node.elements.length < 2) return;
        // Made at the first key: most lists (of strings) have none.
        let seen: Map<string, ArrayElement> | undefined;
        for (let index = 0; index < node.elements.length; index++) {
          const element = node.elements[index]!;
          if (!element.key) continue;
          const key = constantValue(element.key);
          // A key built from variables is only known to the evaluator.
          if (key === undefined) continue;
          // Integer keys become their decimal text; keys compare ignoring ASCII case (array.c).
          const normalized = String(key).toLowerCase();
          seen ??= new Map();
          const first = seen.get(normalized);
          if (!first) {
            seen.set(normalized, element);
            continue;
          }
          // From the end of the previous element: removes ", <this element>". Not across comments, which
          // might belong to a neighbour.
          const previous = node.elements[index - 1]!;
          const removed = { file: element.range.file, start: previous.range.end, end: element.range.end };
          const fixable = !ctx.sourceText(removed).includes('#');
          ctx.report({
            node: element.key,
            messageId: 'duplicate',
            data: { key: String(key), line: first.range.start.line },
            related: [{ node: first.key!, message: 'first used here' }],
            ...(fixable ? { fix: { messageId: 'removeLater', safe: false, edits: [ctx.remove(removed)] } } : {}),
          });
        }
      },
    };
  },
});
