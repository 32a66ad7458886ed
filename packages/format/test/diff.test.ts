import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../src/diff.js';

describe('diffLines', () => {
  it('is a valid edit script: kept+removed is a, kept+added is b', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd')), fc.array(fc.constantFrom('a', 'b', 'c', 'd')), (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.kind !== '+').map((o) => o.text)).toEqual(a);
        expect(ops.filter((o) => o.kind !== '-').map((o) => o.text)).toEqual(b);
        // Minimal: the kept lines are a longest common subsequence.
        const lcs = (x: string[], y: string[]): number => {
          const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
          for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) t[i]![j] = x[i - 1] === y[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
          return t[x.length]![y.length]!;
        };
        expect(ops.filter((o) => o.kind === ' ').length).toBe(lcs(a, b));
      }),
    );
  });
});

describe('unifiedDiff', () => {
  it('renders hunks with context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', ''].join('\n');
    const after = ['1', '2', 'three', '4', '5', '6', '7', '8', '9', '10', ''].join('\n');
    expect(unifiedDiff('x.conf', before, after)).toBe(
      ['--- a/x.conf', '+++ b/x.conf', '@@ -1,6 +1,6 @@', ' 1', ' 2', '-3', '+three', ' 4', ' 5', ' 6', ''].join('\n'),
    );
  });
  it('is empty for equal texts', () => {
    expect(unifiedDiff('x', 'a\n', 'a\n')).toBe('');
  });
});
