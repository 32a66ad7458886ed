import type { Branch, SourceRange } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { blockKeyOf, conditionKey } from '../../util/ast.js';
import { getOrInsert } from '../../util/map.js';

export default defineRule({
  id: 'no-unreachable-else',
  description: 'Disallow else branches lighttpd rejects as unreachable',
  severity: 'error',
  fatal: true,
  supersedes: ['unreachable-else', 'else-after-catch-all'],
  docs: { lighttpdMessage: 'unreachable else condition / unreachable condition following else catch-all' },
  messages: {
    afterCatchAll: 'This branch follows "else { }", which already matches everything; lighttpd refuses to start.',
    sameCondition:
      'This else branch repeats a condition already used at this level (line {line}), so it can never be taken; lighttpd refuses to start.',
  },
  create(ctx) {
    // Condition blocks are keyed by their text per enclosing block (configparser.y:632-722): an else branch
    // whose condition already names a block at this level is rejected.
    const opened = new Map<string, Map<string, Branch>>();
    return {
      Conditional(node) {
        const level = getOrInsert(opened, blockKeyOf(node, ctx.parentOf), () => new Map());
        let catchAll: Branch | undefined;
        for (let index = 0; index < node.branches.length; index++) {
          const branch = node.branches[index]!;
          if (catchAll) {
            ctx.report({ range: headOf(branch), messageId: 'afterCatchAll', related: [{ node: catchAll.keywords[0] ?? catchAll, message: 'catch-all here' }] });
            continue;
          }
          if (!branch.condition) {
            catchAll = branch;
            continue;
          }
          const key = conditionKey(branch.condition);
          const earlier = level.get(key);
          if (index > 0 && earlier?.condition) {
            ctx.report({
              range: headOf(branch),
              messageId: 'sameCondition',
              data: { line: earlier.condition.range.start.line },
              related: [{ node: earlier.condition, message: 'same condition here' }],
            });
            continue;
          }
          if (!earlier) level.set(key, branch);
        }
      },
    };
  },
});

/** A branch up to its condition (or last keyword): where a report goes. */
function headOf(branch: Branch): SourceRange {
  return { file: branch.range.file, start: branch.range.start, end: (branch.condition ?? branch.keywords.at(-1) ?? branch).range.end };
}
