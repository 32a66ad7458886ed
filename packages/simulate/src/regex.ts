/** A PCRE2 pattern translated to a JS RegExp, or the reason it cannot be evaluated exactly. */
export type TranslatedRegex = { ok: true; regex: RegExp; note?: string } | { ok: false; reason: string };

// PCRE2 constructs with no JS equivalent (or a different meaning); a pattern using one is reported, not guessed.
const UNSUPPORTED: { test: RegExp; what: string }[] = [
  { test: /\(\?>/, what: 'atomic group (?>…)' },
  { test: /[*+?}]\+/, what: 'possessive quantifier' },
  { test: /\(\?(?:R|\d|[+-]\d|&|P>)/, what: 'recursion or subroutine call' },
  { test: /\(\?\(/, what: 'conditional group (?(…)…)' },
  { test: /\(\*[A-Z]/, what: 'backtracking verb or start option (*…)' },
  { test: /\\[QEKGXCRhHvVpP]/, what: 'PCRE-only escape' },
  { test: /\\x\{/, what: '\\x{…} code point escape' },
  { test: /\[\[:/, what: 'POSIX character class [[:…:]]' },
  { test: /\(\?(?:[a-zA-Z]+(?:-[a-zA-Z]*)?|-[a-zA-Z]+)[):]/, what: 'inline option group' },
];

/**
 * Translates a PCRE2 pattern as lighttpd compiles it (UTF mode, no other options) to a JS RegExp. Common
 * syntax — classes, groups, alternation, greedy and lazy quantifiers, anchors, \d \w \s \b, lookaround —
 * means the same in both. A leading `(?i)` becomes the `i` flag; `\A`, `\z` become anchors.
 */
export function translateRegex(pattern: string): TranslatedRegex {
  let source = pattern;
  let flags = '';
  const leading = /^\(\?([imsx]+)\)/.exec(source);
  if (leading) {
    const opts = leading[1]!;
    if (opts.includes('x')) return { ok: false, reason: `extended mode (?x) in ${JSON.stringify(pattern)}` };
    if (opts.includes('i')) flags += 'i';
    if (opts.includes('s')) flags += 's';
    if (opts.includes('m')) flags += 'm';
    source = source.slice(leading[0].length);
  }
  source = source.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, '$(?![\\s\\S])').replace(/\\Z/g, '(?=\\n?$(?![\\s\\S]))');
  for (const u of UNSUPPORTED) {
    if (u.test.test(source)) return { ok: false, reason: `${u.what} in ${JSON.stringify(pattern)}` };
  }
  try {
    return { ok: true, regex: new RegExp(source, flags) };
  } catch (err) {
    return { ok: false, reason: `JavaScript cannot compile ${JSON.stringify(pattern)}: ${(err as Error).message}` };
  }
}
