import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from 'chevrotain';

// Every token of lighttpd.conf, in lexer order. Facts: grammar.md §1 (configfile.c config_tokenizer).

/** Spaces, tabs and the UTF-8 no-break space lighttpd skips where a key may start (since 1.4.57). */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\u00a0]+/, group: Lexer.SKIPPED });

/** `\n`, `\r\n` or `\r`: each is one newline to lighttpd. Inside `( )` they are dropped by the lexer. */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true, label: 'end of line' });

/** `#` to end of line, anywhere outside a string. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });

/**
 * `"…"`. The only escape is `\"`; every other backslash stays, so `"a\\"` does not end at its last
 * quote (the last `\"` is an escaped quote). A regex with backtracking would get that wrong, hence a matcher.
 */
const matchString: CustomPatternMatcherFunc = (text, offset) => {
  if (text.charCodeAt(offset) !== 34) return null;
  let i = offset + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 && text.charCodeAt(i + 1) === 34) i += 2;
    else if (c === 34) return [text.slice(offset, i + 1)] as unknown as RegExpExecArray;
    else i++;
  }
  return null;
};

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: { exec: matchString },
  line_breaks: true,
  start_chars_hint: ['"'],
  label: 'a string',
});

/** A `"` that never closes: lighttpd's "missing closing quote". Matched to end of line so parsing can go on. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"[^\r\n]*/,
  label: 'an unterminated string',
});

/** `[0-9]+` — no sign, no hex, no suffix (`10k` is 10 then the key `k`). */
export const IntegerLiteral = createToken({ name: 'IntegerLiteral', pattern: /[0-9]+/, label: 'a number' });

/** Keys: letters, digits, `.`, `_`, `-`; not starting with a digit. `-1` is a key (lighttpd: var.-1). */
export const Key = createToken({ name: 'Key', pattern: /[A-Za-z_.\-][A-Za-z0-9_.\-]*/, label: 'a key' });

// Reserved words match whole tokens only (case-sensitive), hence longer_alt: `includes` is a key.
export const IncludeShell = createToken({ name: 'IncludeShell', pattern: /include_shell/, longer_alt: Key, label: '"include_shell"' });
export const Include = createToken({ name: 'Include', pattern: /include/, longer_alt: Key, label: '"include"' });
export const Global = createToken({ name: 'Global', pattern: /global/, longer_alt: Key, label: '"global"' });
/** `elif`, `elsif`, `elseif` (since 1.4.74, each means `else if`). */
export const ElseIf = createToken({ name: 'ElseIf', pattern: /elif|elsif|elseif/, longer_alt: Key, label: '"elif"' });
export const Else = createToken({ name: 'Else', pattern: /else/, longer_alt: Key, label: '"else"' });
/** `if` is a keyword only when the next non-blank character is `$` (since 1.4.74); otherwise it is a key. */
export const If = createToken({ name: 'If', pattern: /if(?=[ \t]*\$)/, label: '"if"' });

/** `$HTTP`, `$SERVER`, `$REQUEST_HEADER`: letters and `_` after `$` (lighttpd skips blanks between). */
export const ConditionObject = createToken({ name: 'ConditionObject', pattern: /\$[ \t]*[A-Za-z_]+/, label: 'a condition like $HTTP' });
export const Dollar = createToken({ name: 'Dollar', pattern: /\$/, label: '"$"' });

export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA, label: '"=", ":=" or "+="' });
/** What may follow a key in an assignment: the three assignment operators, and `==` (lighttpd: `=` plus a dropped `=`). */
export const AssignLike = createToken({ name: 'AssignLike', pattern: Lexer.NA, label: '"=", ":=" or "+="' });
export const MatchOp = createToken({ name: 'MatchOp', pattern: Lexer.NA, label: 'a comparison (==, !=, =~, !~, =^, =$)' });

export const ArrayAssign = createToken({ name: 'ArrayAssign', pattern: /=>/, label: '"=>"' });
export const Equal = createToken({ name: 'Equal', pattern: /==/, categories: [MatchOp, AssignLike], label: '"=="' });
export const RegexMatch = createToken({ name: 'RegexMatch', pattern: /=~/, categories: MatchOp, label: '"=~"' });
export const PrefixMatch = createToken({ name: 'PrefixMatch', pattern: /=\^/, categories: MatchOp, label: '"=^"' });
export const SuffixMatch = createToken({ name: 'SuffixMatch', pattern: /=\$/, categories: MatchOp, label: '"=$"' });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=/, categories: MatchOp, label: '"!="' });
export const NotRegexMatch = createToken({ name: 'NotRegexMatch', pattern: /!~/, categories: MatchOp, label: '"!~"' });
export const Assign = createToken({ name: 'Assign', pattern: /=/, categories: [AssignOp, AssignLike], label: '"="' });
export const AppendAssign = createToken({ name: 'AppendAssign', pattern: /\+=/, categories: [AssignOp, AssignLike], label: '"+="' });
export const ForceAssign = createToken({ name: 'ForceAssign', pattern: /:=/, categories: [AssignOp, AssignLike], label: '":="' });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, label: '"+"' });

export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '"("' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '")"' });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/, label: '"{"' });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/, label: '"}"' });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: '"["' });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: '"]"' });
/** Separates array elements; outside `( )` lighttpd skips commas silently, the lexer drops them there. */
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '","' });

/** Lexer order: whitespace first, keywords before Key, longer operators before their prefixes. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Newline,
  Comment,
  StringLiteral,
  UnterminatedString,
  IntegerLiteral,
  IncludeShell,
  Include,
  Global,
  ElseIf,
  Else,
  If,
  Key,
  ConditionObject,
  Dollar,
  AssignLike,
  AssignOp,
  MatchOp,
  ArrayAssign,
  Equal,
  RegexMatch,
  PrefixMatch,
  SuffixMatch,
  NotEqual,
  NotRegexMatch,
  Assign,
  AppendAssign,
  ForceAssign,
  Plus,
  LParen,
  RParen,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  Comma,
];
