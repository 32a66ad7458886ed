/**
 * A conservative check of a condition regex against PCRE2, which lighttpd compiles with PCRE2_UTF
 * (data_config.c data_config_pcre_compile). JavaScript's RegExp accepts and rejects different
 * patterns, so this is a small scanner of PCRE2's syntax instead: it reports only the errors it is
 * sure of (with PCRE2's message and byte offset) and stops claiming anything once it meets a
 * construct it does not model.
 */
export type RegexCheck =
  | { kind: 'ok'; captures: number | null }
  | { kind: 'error'; message: string; offset: number };

const NOT_REPEATABLE_ESCAPES = new Set(['b', 'B', 'A', 'Z', 'z', 'G', 'K']);

/** Group openers after `(?` that the scanner understands; anything else makes it stop judging. */
const OPTION_LETTERS = /^[imnsxJU^-]*\)/;

export function checkRegex(pattern: string): RegexCheck {
  const n = pattern.length;
  let captures = 0;
  let capturesKnown = true;
  let depth = 0;
  /** Whether the previous item can take a quantifier. */
  let repeatable = false;
  /** Quantifier suffix state: 0 none, 1 after a quantifier (`?`/`+` may follow once). */
  let afterQuantifier = false;
  const fail = (message: string, index: number): RegexCheck => ({ kind: 'error', message, offset: byteOffset(pattern, index) });
  const giveUp = (): RegexCheck => ({ kind: 'ok', captures: null });

  let i = 0;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) return fail('\\ at end of pattern', i + 1);
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = end < 0 ? n - (i + 2) : end - (i + 2);
        i = end < 0 ? n : end + 2;
        if (literal > 0) {
          repeatable = true;
          afterQuantifier = false;
        }
        continue;
      }
      if (d === 'E') {
        i += 2;
        continue;
      }
      // Back-references, \g, \k, \p, \x{…}, \c, \N… have rules of their own: stop judging.
      if (/[1-9gkpPxcNoX]/.test(d)) return giveUp();
      repeatable = !NOT_REPEATABLE_ESCAPES.has(d);
      afterQuantifier = false;
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = scanClass(pattern, i);
      if (end.kind === 'error') return fail(end.message, end.index);
      if (end.kind === 'unknown') return giveUp();
      i = end.index;
      repeatable = true;
      afterQuantifier = false;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '*') return giveUp(); // (*VERB) and (*…) options
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (rest === '') return fail('missing closing parenthesis', n);
        if (rest.startsWith('#')) {
          const close = pattern.indexOf(')', i + 3);
          if (close < 0) return fail('missing ) after (?# comment', n);
          i = close + 1;
          continue;
        }
        const options = OPTION_LETTERS.exec(rest);
        if (options) {
          // (?i) sets options; it is not an item a quantifier can follow.
          i += 2 + options[0].length;
          repeatable = false;
          afterQuantifier = false;
          continue;
        }
        if (/^(?::|=|!|<=|<!|>)/.test(rest)) {
          depth++;
          i += 2 + (rest.startsWith('<') ? 2 : 1);
          repeatable = false;
          afterQuantifier = false;
          continue;
        }
        const named = /^(?:<([A-Za-z_][A-Za-z0-9_]*)>|P<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(rest);
        if (named) {
          captures++;
          depth++;
          i += 2 + named[0].length;
          repeatable = false;
          afterQuantifier = false;
          continue;
        }
        if (rest.startsWith('|')) capturesKnown = false;
        // Conditionals, recursion, callouts, branch reset, inline options with ':' …
        return capturesKnown ? giveUp() : { kind: 'ok', captures: null };
      }
      captures++;
      depth++;
      i++;
      repeatable = false;
      afterQuantifier = false;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return fail('unmatched closing parenthesis', i);
      depth--;
      i++;
      repeatable = true;
      afterQuantifier = false;
      continue;
    }
    if (c === '|') {
      i++;
      repeatable = false;
      afterQuantifier = false;
      continue;
    }
    if (c === '^' || c === '$') {
      i++;
      repeatable = false;
      afterQuantifier = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (afterQuantifier && (c === '?' || c === '+')) {
        // lazy or possessive suffix: allowed once
        afterQuantifier = false;
        repeatable = false;
        i++;
        continue;
      }
      if (!repeatable) return fail('quantifier does not follow a repeatable item', i);
      afterQuantifier = true;
      repeatable = false;
      i++;
      continue;
    }
    if (c === '{') {
      const q = /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(i));
      if (q) {
        const close = i + q[0].length - 1;
        if (!repeatable) return fail('quantifier does not follow a repeatable item', close);
        const min = Number(q[1]);
        const max = q[3] ? Number(q[3]) : undefined;
        if (min > 65535 || (max !== undefined && max > 65535)) return fail('number too big in {} quantifier', close);
        if (max !== undefined && max < min) return fail('numbers out of order in {} quantifier', close);
        afterQuantifier = true;
        repeatable = false;
        i = close + 1;
        continue;
      }
      // `{` that is not a quantifier is a literal (PCRE2 10.42)
      repeatable = true;
      afterQuantifier = false;
      i++;
      continue;
    }
    repeatable = true;
    afterQuantifier = false;
    i++;
  }
  if (depth > 0) return fail('missing closing parenthesis', n);
  return { kind: 'ok', captures: capturesKnown ? captures : null };
}

type ClassScan = { kind: 'end'; index: number } | { kind: 'error'; message: string; index: number } | { kind: 'unknown' };

/** Scans `[…]` from its `[`; returns the index after `]`. */
function scanClass(p: string, start: number): ClassScan {
  let i = start + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++; // a leading ] is literal
  let prev: number | null = null; // code point of the previous single literal, for ranges
  while (i < p.length) {
    const c = p[i]!;
    if (c === ']') return { kind: 'end', index: i + 1 };
    if (c === '[' && /^\[[:.=]/.test(p.slice(i))) {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
      if (!m) return { kind: 'unknown' };
      if (!POSIX_CLASSES.has(m[2]!)) return { kind: 'error', message: 'unknown POSIX class name', index: i + 2 };
      i += m[0].length;
      prev = null;
      continue;
    }
    if (c === '\\') {
      const d = p[i + 1];
      if (d === undefined) return { kind: 'unknown' };
      if (/[dDsSwWhHvVpPxcoN0-9QE]/.test(d)) {
        if (/[dDsSwWhHvV]/.test(d)) {
          prev = null;
          i += 2;
          continue;
        }
        return { kind: 'unknown' };
      }
      prev = null; // escaped literal: ranges from it are legal but not checked here
      i += 2;
      continue;
    }
    if (c === '-' && prev !== null && p[i + 1] !== undefined && p[i + 1] !== ']') {
      const to = p[i + 1]!;
      if (to === '\\' || to === '[') return { kind: 'unknown' };
      const cp = to.codePointAt(0)!;
      if (cp < prev) return { kind: 'error', message: 'range out of order in character class', index: i + 1 };
      i += to.length === 1 ? 2 : 1 + to.length;
      prev = null;
      continue;
    }
    const cp = c.codePointAt(0)!;
    prev = cp;
    i += cp > 0xffff ? 2 : 1;
  }
  return { kind: 'error', message: 'missing terminating ] for character class', index: p.length };
}

const POSIX_CLASSES = new Set([
  'alpha', 'lower', 'upper', 'alnum', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'print', 'punct', 'space', 'word', 'xdigit',
]);

/**
 * PCRE2_UTF refuses a pattern that is not valid UTF-8. `bytes` are the pattern's bytes (text read
 * as latin1 keeps one character per byte); returns the offset of the first bad sequence.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // overlong 3/4-byte forms, surrogates and code points above U+10FFFF
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 >= 0xa0) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 >= 0x90)) return i;
    i += need + 1;
  }
  return undefined;
}

/** PCRE2 reports offsets in code units of the UTF-8 pattern. */
function byteOffset(s: string, index: number): number {
  return Buffer.byteLength(s.slice(0, index), 'utf8');
}
