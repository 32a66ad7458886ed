import type { Branch } from '@lhconf/parser';
import { getDirective, urlRuleLists } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue, enclosingBranches } from '../../util/ast.js';
import { countCaptures } from '../../util/regex.js';
import { elementKey } from '../../util/value.js';

/** The `$N` and `%N` references of a target, with their index in the string (`$$` and `%%` are literal). */
function references(target: string): { sigil: '$' | '%'; n: number; index: number }[] {
  const out: { sigil: '$' | '%'; n: number; index: number }[] = [];
  for (let i = 0; i < target.length - 1; i++) {
    const c = target[i]!;
    if (c !== '$' && c !== '%') continue;
    const next = target[i + 1]!;
    if (next === c) i++;
    else if (/[0-9]/.test(next)) out.push({ sigil: c, n: Number(next), index: i++ });
  }
  return out;
}

export default defineRule({
  id: 'no-missing-regex-capture',
  description: 'Disallow $N and %N in rewrite and redirect targets that refer to capture groups that do not exist',
  severity: 'warning',
  locality: 'statement',
  messages: {
    dollar: '"${n}" refers to capture group {n} of "{regex}", which has {count}; lighttpd puts nothing there.',
    percentNoRegex: '"%{n}" refers to a capture group of the enclosing condition, but {where}; lighttpd puts nothing there.',
    percent: '"%{n}" refers to capture group {n} of the condition "{regex}", which has {count}; lighttpd puts nothing there.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = getDirective(node.key.name, ctx.targetVersion)?.key;
        if (!key || !urlRuleLists[key] || node.value.type !== 'ArrayLiteral') return;
        // %N reads the captures of the condition of the block that sets the list (keyvalue.c, mod_rewrite.c).
        const block: Branch | undefined = enclosingBranches(node, ctx.parentOf)[0];
        const condition = block?.condition;
        const conditionRegex = condition?.operator.value === '=~' ? constantValue(condition.value) : undefined;
        let conditionCount: number | undefined | null = null;
        for (const element of node.value.elements) {
          const regex = elementKey(element);
          const target = element.value;
          if (regex === undefined || target.type !== 'StringLiteral') continue;
          // Counted at the first reference that needs it, once per regex; ranges only for reports (rewrite targets are many).
          let count: number | undefined | null = null;
          for (const ref of references(target.value)) {
            // Group 0 is the whole match: always there for $0; for %0 unless lighttpd turned the regex into a prefix test.
            if (ref.n === 0) continue;
            const range = () => ctx.rangeInString(target, ref.index, ref.index + 2);
            if (ref.sigil === '$') {
              if (count === null) count = countCaptures(regex);
              if (count !== undefined && ref.n > count) ctx.report({ range: range(), messageId: 'dollar', data: { n: ref.n, regex, count: plural(count) } });
              continue;
            }
            if (condition?.operator.value !== '=~') {
              const where = !block ? 'the list is set outside any condition' : !condition ? 'the list is set in an else block' : `the enclosing condition uses ${condition.operator.value}, not =~`;
              ctx.report({ range: range(), messageId: 'percentNoRegex', data: { n: ref.n, where } });
              continue;
            }
            if (conditionCount === null) conditionCount = typeof conditionRegex === 'string' ? countCaptures(conditionRegex) : undefined;
            if (conditionCount !== undefined && ref.n > conditionCount) ctx.report({ range: range(), messageId: 'percent', data: { n: ref.n, regex: String(conditionRegex), count: plural(conditionCount) } });
          }
        }
      },
    };
  },
});

function plural(count: number): string {
  return count === 0 ? 'none' : count === 1 ? 'only 1' : `only ${count}`;
}
