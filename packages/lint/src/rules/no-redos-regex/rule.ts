import type { StringLiteral } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { forEachRegexToken, topLevelAlternatives } from '../../util/regex.js';
import { urlRulesOf } from '../../util/url-rules.js';

/** The length of an unbounded quantifier (`*`, `+`, `{n,}`) starting at `i`, or 0. */
function unboundedQuantifierAt(pattern: string, i: number): number {
  const c = pattern[i];
  if (c === '*' || c === '+') return 1;
  const m = c === '{' ? /^\{\d*,\}/.exec(pattern.slice(i)) : null;
  return m ? m[0].length : 0;
}

/** One atom of a group body: its source, and whether an unbounded quantifier follows it. */
interface Atom {
  source: string;
  unbounded: boolean;
  quantified: boolean;
}

/** Splits a group body (without alternatives) into atoms; undefined when it holds a nested group or `|`. */
function atomsOf(body: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    let end = i + 1;
    if (c === '(' || c === '|' || c === ')') return undefined;
    if (c === '\\') end = i + 2;
    else if (c === '[') {
      end = i + 1;
      if (body[end] === '^') end++;
      if (body[end] === ']') end++;
      while (end < body.length && body[end] !== ']') end += body[end] === '\\' ? 2 : 1;
      end++;
    }
    const source = body.slice(i, end);
    const unbounded = unboundedQuantifierAt(body, end);
    const bounded = unbounded === 0 ? /^(?:\?|\{\d+(?:,\d+)?\})/.exec(body.slice(end))?.[0].length ?? 0 : 0;
    const q = unbounded || bounded;
    // A lazy or possessive mark after the quantifier.
    const suffix = q > 0 && (body[end + q] === '?' || body[end + q] === '+') ? 1 : 0;
    atoms.push({ source, unbounded: unbounded > 0, quantified: q > 0 });
    i = end + q + suffix;
  }
  return atoms;
}

/**
 * True when a repeated group body can split a subject in more than one way: it has no fixed delimiter (every
 * atom is optional or repeated), or a repeated atom can also match the delimiter (`.*` before a `/`), so where one
 * repetition ends is ambiguous. `[a-z0-9-]+\.` is not: the class cannot match the dot that ends each round.
 */
function isAmbiguous(body: string): boolean {
  const atoms = atomsOf(body);
  if (!atoms) return true;
  const delimiters = atoms.filter((a) => !a.quantified).map((a) => a.source);
  if (delimiters.length === 0) return true;
  return atoms.some((a) => {
    if (!a.unbounded) return false;
    let atom: RegExp;
    try {
      atom = new RegExp(`^(?:${a.source})$`);
    } catch {
      return true;
    }
    // The delimiter's own text: an escaped character stands for itself (`\.` is "."), a class is tested by a sample.
    return delimiters.some((d) => {
      const text = d.startsWith('\\') && !/^\\[dDwWsS]$/.test(d) ? d.slice(1) : d === '.' ? 'x' : d.startsWith('[') || d.startsWith('\\') ? undefined : d;
      return text === undefined || atom.test(text);
    });
  });
}

/** A group of a pattern as [start, end), and why it can take exponential time. */
export interface CatastrophicGroup {
  start: number;
  end: number;
  why: 'nested' | 'alternatives';
}

/**
 * The groups of a PCRE pattern that repeat without bound something that itself repeats without bound
 * (`(a+)+`, `(.*)*`, `(\d+,?)+`) or alternatives that are the same (`(a|a)*`): with a subject that almost
 * matches, the engine tries exponentially many ways to split it. As [start, end) of the group.
 */
export function catastrophicGroups(pattern: string): CatastrophicGroup[] {
  const out: CatastrophicGroup[] = [];
  const open: { start: number; innerUnbounded: boolean }[] = [];
  forEachRegexToken(pattern, (i, c) => {
    if (c === '(') {
      open.push({ start: i, innerUnbounded: false });
      return;
    }
    if (c === ')') {
      const group = open.pop();
      if (!group) return;
      const quantified = unboundedQuantifierAt(pattern, i + 1) > 0;
      if (quantified && group.innerUnbounded && isAmbiguous(pattern.slice(group.start + 1, i).replace(/^\?:/, ''))) {
        out.push({ start: group.start, end: i + 1, why: 'nested' });
      }
      else if (quantified) {
        const body = pattern.slice(group.start + 1, i).replace(/^\?:/, '');
        const alternatives = topLevelAlternatives(body).map((a) => body.slice(a.start, a.end));
        if (alternatives.length > 1 && new Set(alternatives).size < alternatives.length) out.push({ start: group.start, end: i + 1, why: 'alternatives' });
      }
      // What a group repeats counts as repeated content of the enclosing group too.
      const parent = open.at(-1);
      if (parent && (group.innerUnbounded || quantified)) parent.innerUnbounded = true;
      return;
    }
    if ((c === '*' || c === '+' || c === '{') && unboundedQuantifierAt(pattern, i) > 0 && pattern[i - 1] !== ')') {
      const parent = open.at(-1);
      if (parent) parent.innerUnbounded = true;
    }
  });
  return out;
}

/** {@link catastrophicGroups}, found once per pattern text: a config repeats its rewrite patterns in block after block. */
function groupsOf(pattern: string): readonly CatastrophicGroup[] {
  let groups = groupsByPattern.get(pattern);
  if (!groups) {
    groups = catastrophicGroups(pattern);
    if (groupsByPattern.size < 10_000) groupsByPattern.set(pattern, groups);
  }
  return groups;
}
const groupsByPattern = new Map<string, readonly CatastrophicGroup[]>();

export default defineRule({
  id: 'no-redos-regex',
  description: 'Disallow regexes with nested or ambiguous repetition, which take exponential time on crafted URLs',
  severity: 'warning',
  locality: 'statement',
  messages: {
    nested: '"{group}" repeats something that itself repeats: for a request that almost matches, PCRE2 tries exponentially many ways to split it, burning CPU on every such request until its match limit stops it. Repeat once ("(a+)+" is "a+"), or make the inner part match in one way only.',
    alternatives: '"{group}" repeats alternatives that match the same text: for a request that almost matches, PCRE2 tries exponentially many combinations, burning CPU on every such request until its match limit stops it. Remove the duplicate alternative.',
  },
  create(ctx) {
    const check = (literal: StringLiteral) => {
      for (const g of groupsOf(literal.value)) {
        const group = literal.value.slice(g.start, g.end);
        ctx.report({
          range: ctx.rangeInString(literal, g.start, g.end),
          messageId: g.why,
          data: { group },
        });
      }
    };
    return {
      // Condition regexes run against what the client sends: the URL, the Host, any header (configfile-glue.c).
      Condition(node) {
        if ((node.operator.value === '=~' || node.operator.value === '!~') && node.value.type === 'StringLiteral') check(node.value);
      },
      Assignment(node) {
        for (const rule of urlRulesOf(node)) check(rule.pattern);
      },
    };
  },
});
