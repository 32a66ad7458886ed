// Inline suppressions against a reference model, on random files: which diagnostics survive, and that
// deleting every unused suppression (the safe fix) leaves none unused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, defineRule, lintText, rules, type Rule } from '../src/index.js';

const bigPort = defineRule({
  id: 'big-port',
  description: 'Report server.port above 100',
  severity: 'warning',
  messages: { big: 'big' },
  create: (ctx) => ({
    Assignment(node) {
      if (node.value.type === 'IntegerLiteral' && node.value.value > 100) ctx.report({ node, messageId: 'big' });
    },
  }),
});
const testRules: Record<string, Rule> = { 'big-port': bigPort, 'no-unused-disable': rules['no-unused-disable'] };

const comments = [
  '# lhconf-disable-next-line big-port',
  '# lhconf-disable big-port',
  '# lhconf-enable big-port',
  '# lhconf-disable',
  '# lhconf-enable',
] as const;
const line = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map((n) => `server.port = ${n}`),
  fc.constantFrom(...comments),
);

/** The lines big-port is reported on after suppressions, computed directly from the comment semantics. */
function expectedLines(lines: string[]): number[] {
  let all = false;
  let rule: boolean | undefined;
  const out: number[] = [];
  lines.forEach((text, i) => {
    if (text === '# lhconf-disable') [all, rule] = [true, undefined];
    else if (text === '# lhconf-enable') [all, rule] = [false, undefined];
    else if (text === '# lhconf-disable big-port') rule = true;
    else if (text === '# lhconf-enable big-port') rule = false;
    else if (text.startsWith('server.port') && Number(text.split('= ')[1]) > 100) {
      const nextLine = lines[i - 1] === '# lhconf-disable-next-line big-port';
      if (!nextLine && !(rule ?? all)) out.push(i + 1);
    }
  });
  return out;
}

describe('inline suppressions (property)', () => {
  it('hide exactly what the comment semantics say', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const found = lintText(text, { rules: testRules }).filter((d) => d.ruleId === 'big-port');
        expect(found.map((d) => d.range.start.line)).toEqual(expectedLines(lines));
      }),
      { numRuns: 300 },
    );
  });

  it('leave nothing unused once the unused ones are deleted', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const run = (t: string) => lintText(t, { file: 'a.conf', rules: testRules });
        const before = run(text).filter((d) => d.ruleId === 'big-port');
        const { text: fixed } = applyFixes(text, run(text), { file: 'a.conf', relint: run });
        const after = run(fixed);
        expect(after.filter((d) => d.ruleId === 'no-unused-disable')).toEqual([]);
        // Deleting comments that hid nothing reveals nothing.
        expect(after.filter((d) => d.ruleId === 'big-port').length).toBe(before.length);
      }),
      { numRuns: 300 },
    );
  });
});
