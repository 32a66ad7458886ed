import * as path from 'node:path';
import type { Assignment } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { getOrInsert } from '../../util/map.js';

/** `3`, or `3 of lighttpd.conf` when the first assignment is in another file (an include). */
function lineOf(first: Assignment, node: Assignment): string {
  const line = String(first.range.start.line);
  return first.range.file === node.range.file ? line : `${line} of ${path.basename(first.range.file)}`;
}
import { blockKeyOf, canonicalKey } from '../../util/ast.js';

export default defineRule({
  id: 'no-duplicate-assignment',
  description: 'Disallow a second `=` to the same key within one block',
  severity: 'error',
  fatal: true,
  fixable: 'unsafe',
  supersedes: ['duplicate-assignment'],
  docs: { lighttpdMessage: 'Duplicate config variable in conditional %d %s: %s' },
  messages: {
    duplicate: '"{key}" is already set in this block (line {line}); lighttpd refuses to start.',
    useReplace: 'Use ":=" to replace the earlier value',
  },
  create(ctx) {
    const seenByScope = new Map<string, Map<string, Assignment>>();
    return {
      Assignment(node) {
        const seen = getOrInsert(seenByScope, blockKeyOf(node, ctx.parentOf), () => new Map());
        const key = canonicalKey(node.key.name);
        const first = seen.get(key);
        if (!first) {
          seen.set(key, node);
          return;
        }
        // `:=` replaces and `+=` merges on purpose; only a second plain `=` is fatal (configparser.y:407),
        // whatever the operator of the first one: `+=` and `:=` also create the key in this block.
        if (node.operator.value !== '=') return;
        ctx.report({
          node: node.key,
          messageId: 'duplicate',
          data: { key: node.key.name, line: lineOf(first, node) },
          related: [{ node: first.key, message: 'first set here' }],
          fix: { messageId: 'useReplace', safe: false, edits: [ctx.replace(node.operator, ':=')] },
        });
      },
    };
  },
});
