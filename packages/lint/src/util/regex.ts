/**
 * Walks a PCRE pattern (as lighttpd hands it to PCRE2) and reports each character that is syntax, not
 * escaped and not inside a `[…]` class, with the group depth it is at. Enough for rules that look at dots,
 * anchors and alternatives; validity is the evaluator's `checkRegex`.
 */
export function forEachRegexToken(pattern: string, visit: (index: number, char: string, depth: number) => void): void {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // `[]…]` and `[^]…]`: a leading `]` is literal.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === ')') depth = Math.max(0, depth - 1);
    visit(i, c, depth);
    if (c === '(') depth++;
  }
}

/** The top-level alternatives of a pattern (`^a$|^b$` → `^a$`, `^b$`), as [start, end) indexes. */
export function topLevelAlternatives(pattern: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  forEachRegexToken(pattern, (i, c, depth) => {
    if (c !== '|' || depth !== 0) return;
    out.push({ start, end: i });
    start = i + 1;
  });
  out.push({ start, end: pattern.length });
  return out;
}

/**
 * The number of capturing groups of a PCRE pattern: `(…)` and named groups `(?<n>…)`, `(?P<n>…)`, `(?'n'…)`;
 * `(?:…)`, lookarounds and the like do not count. Undefined for `(?|…)` (branch reset renumbers groups) and
 * `\Q…\E` (literal text), which this count does not model.
 */
export function countCaptures(pattern: string): number | undefined {
  if (pattern.includes('(?|') || pattern.includes('\\Q')) return undefined;
  let count = 0;
  forEachRegexToken(pattern, (i, c) => {
    if (c !== '(') return;
    const rest = pattern.slice(i + 1);
    if (!rest.startsWith('?') && !rest.startsWith('*')) count++;
    else if (/^\?(?:<[A-Za-z_]|P<|')/.test(rest)) count++;
  });
  return count;
}
