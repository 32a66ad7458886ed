import { defineRule } from '../../define-rule.js';

/** After `\\`, characters that show the author meant to escape them once: `\\.`, `\\d`, `\\/`, `\\?`. */
const meantEscapes = new Set([...'.dDwWsSbB/$^()[]{}?*+|-']);

/** Indices of `\\` pairs in a pattern that are followed by a character from `meantEscapes`. */
export function doubledBackslashes(pattern: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    if (pattern[i + 1] === '\\' && meantEscapes.has(pattern[i + 2] ?? '')) out.push(i);
    // Skip the escaped character either way: `\\\\` is two literal backslashes.
    i++;
  }
  return out;
}

/** What the character after a literal backslash is to PCRE. */
function meaningOf(char: string): string {
  if (char === '.') return 'any character';
  return /[A-Za-z]/.test(char) ? `the letter "${char}"` : `"${char}" as regex syntax`;
}

export default defineRule({
  id: 'no-double-backslash-in-regex',
  description: 'Disallow `\\\\` before a regex metacharacter in a condition regex',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    doubled:
      'lighttpd.conf strings keep backslashes as written, so "{regex}" has "\\\\{char}": a literal backslash, then {meaning}. Write one backslash.',
    single: 'Write one backslash',
  },
  create(ctx) {
    return {
      Condition(node) {
        if (node.operator.value !== '=~' && node.operator.value !== '!~') return;
        if (node.value.type !== 'StringLiteral') return;
        const literal = node.value;
        const found = doubledBackslashes(literal.value);
        const first = found[0];
        if (first === undefined) return;
        const char = literal.value[first + 2]!;
        ctx.report({
          range: ctx.rangeInString(literal, first, first + 3),
          messageId: 'doubled',
          data: { regex: literal.value, char, meaning: meaningOf(char) },
          // Unsafe: the regex then matches differently (as was surely meant: URLs and hosts hold no backslash).
          fix: { messageId: 'single', safe: false, edits: found.map((i) => ctx.remove(ctx.rangeInString(literal, i, i + 1))) },
        });
      },
    };
  },
});
