import { Lexer, type IToken } from 'chevrotain';
import {
  allTokens,
  ArrayAssign,
  Assign,
  Comma,
  ConditionObject,
  Else,
  ElseIf,
  Key,
  LCurly,
  LParen,
  MatchOp,
  Newline,
  NotEqual,
  NotRegexMatch,
  PrefixMatch,
  RegexMatch,
  RParen,
  UnterminatedString,
} from './tokens.js';
import { tokenMatcher } from 'chevrotain';

/** The one lexer. Comments go to the "comments" group. */
export const lexer = new Lexer(allTokens, {
  positionTracking: 'onlyOffset',
  // The token set is fixed; its validations run in the grammar test (LHCONF_VALIDATE_GRAMMAR=1). Saves start-up time.
  skipValidations: process.env['LHCONF_VALIDATE_GRAMMAR'] !== '1',
  ensureOptimizations: true,
  // The default line terminators (\n, \r\n, \r) are lighttpd's.
});

export interface LexProblem {
  kind: 'invalid-character' | 'assign-in-array' | 'condition-operator' | 'arrow-outside-array' | 'missing-closing-quote' | 'stray-comma' | 'unbalanced-paren' | 'key-at-end' | 'brace-on-next-line';
  offset: number;
  length: number;
  text: string;
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  problems: LexProblem[];
  /** Deepest nesting of `( )` and `{ }`. */
  maxDepth: number;
}

/**
 * Tokenizes a whole file and applies lighttpd's context rules that a context-free lexer cannot:
 * inside `( )` newlines produce no token (arrays span lines); outside, a comma is skipped
 * (configfile.c: `a = 1, b = 2` is two assignments); a run of newlines is one end of line.
 */
export function tokenize(text: string): LexResult {
  const result = lexer.tokenize(text);
  const problems: LexProblem[] = result.errors.map((e) => ({
    kind: 'invalid-character',
    offset: e.offset,
    length: e.length,
    text: text.slice(e.offset, e.offset + e.length),
  }));
  const tokens: IToken[] = [];
  let parens = 0;
  let depth = 0;
  let maxDepth = 0;
  let lastWasNewline = true; // a leading newline run is noise
  let inCondition = false;
  for (const token of result.tokens) {
    const type = token.tokenType;
    // Tokenizer errors in lighttpd: fatal, and the token never reaches the parser.
    if (type === UnterminatedString) {
      problems.push({ kind: 'missing-closing-quote', offset: token.startOffset, length: token.image.length, text: token.image });
      continue;
    }
    // After `$HTTP[...]` lighttpd's tokenizer reads the operator itself and knows only the six comparisons.
    if (type === ConditionObject) inCondition = true;
    else if (inCondition && tokenMatcher(token, MatchOp)) inCondition = false;
    else if (!inCondition && (type === RegexMatch || type === PrefixMatch || type === NotEqual || type === NotRegexMatch)) {
      // Outside a condition lighttpd reads "=~" as "=" and an invalid "~" (likewise "=^"); "!" is invalid there.
      const bad = token.image[0] === '!' ? 0 : 1;
      problems.push({ kind: 'invalid-character', offset: token.startOffset + bad, length: 1, text: token.image[bad]! });
    }
    else if (inCondition && (type === Assign || type === ArrayAssign)) {
      // Only "=" is checked there: "+=" and ":=" start with other characters and pass the tokenizer.
      problems.push({ kind: 'condition-operator', offset: token.startOffset, length: token.image.length, text: token.image });
      inCondition = false;
    }
    if (type === Newline) {
      if (parens > 0 || lastWasNewline) continue;
      lastWasNewline = true;
      tokens.push(token);
      continue;
    }
    if (type === Comma && parens === 0) {
      problems.push({ kind: 'stray-comma', offset: token.startOffset, length: 1, text: ',' });
      continue;
    }
    // The end of line before "else" is lighttpd's `eols` slot. One before "{" is dropped by lighttpd's
    // error recovery: accepted, but worth a report.
    if ((type === Else || type === ElseIf || type === LCurly) && tokens[tokens.length - 1]?.tokenType === Newline) {
      tokens.pop();
      if (type === LCurly) problems.push({ kind: 'brace-on-next-line', offset: token.startOffset, length: 1, text: '{' });
    }
    // Outside ( ) lighttpd reads "=>" as "=" and then ">", an invalid character.
    if (parens === 0 && type === ArrayAssign) {
      problems.push({ kind: 'arrow-outside-array', offset: token.startOffset, length: 2, text: '=>' });
    }
    // Inside ( ) lighttpd's tokenizer knows only "=>": "=", "==", "=~" there are fatal.
    if (parens > 0 && token.image[0] === '=' && token.image !== '=>') {
      problems.push({ kind: 'assign-in-array', offset: token.startOffset, length: token.image.length, text: token.image });
    }
    if (type === LParen) parens++;
    else if (type === RParen) {
      if (parens === 0) problems.push({ kind: 'unbalanced-paren', offset: token.startOffset, length: 1, text: ')' });
      else parens--;
    }
    const image = token.image;
    if (image === '{' || image === '(') {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
    } else if ((image === '}' || image === ')') && depth > 0) depth--;
    lastWasNewline = false;
    tokens.push(token);
  }
  const last = result.tokens[result.tokens.length - 1];
  // lighttpd's scanner needs one more byte after a key: a key as the very last bytes is an error.
  if (last && last.tokenType === Key && last.startOffset + last.image.length === text.length) {
    problems.push({ kind: 'key-at-end', offset: last.startOffset, length: last.image.length, text: last.image });
  }
  return { tokens, comments: result.groups['comments'] ?? [], problems, maxDepth };
}
