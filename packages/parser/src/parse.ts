import type { IRecognitionException, IToken } from 'chevrotain';
import type { Document } from './ast.js';
import type { DocumentCstNode } from './cst.generated.js';
import type { Diagnostic } from './diagnostic.js';
import { getParser } from './grammar.js';
import { tokenize, type LexProblem } from './lexer.js';
import { LineMap, type SourceRange } from './source.js';
import { toAst } from './to-ast.js';
import * as t from './tokens.js';
import { hasFeature, LATEST_VERSION } from './version.js';

export interface ParseOptions {
  /** Path used in ranges and messages. Default `<input>`. */
  file?: string;
  /** lighttpd release whose syntax applies (`if`/`elif` need 1.4.74). Default LATEST_VERSION. */
  targetVersion?: string;
}

export interface ParseResult {
  /** Always present, even for broken input (error recovery keeps the intact statements). */
  ast: Document;
  /** Syntax problems (ruleId `syntax`), each with a range, what was found and what was expected. */
  diagnostics: Diagnostic[];
}

/** Nesting deeper than this is refused before parsing: recursive descent would exhaust the stack. */
export const MAX_NESTING = 256;

/** lighttpd reads at most 32 MiB of one config file (configfile.c config_parse_file). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

function syntax(messageId: string, message: string, range: SourceRange, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { ruleId: 'syntax', messageId, message, severity, range, fatal: severity === 'error' };
}

const lexMessages: Record<LexProblem['kind'], (p: LexProblem) => { id: string; message: string; severity: Diagnostic['severity'] }> = {
  'invalid-character': (p) => {
    const ch = p.text[0] ?? '';
    const shown = /[\x00-\x1f\x7f]/.test(ch) ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch;
    const hints: Record<string, string> = {
      ';': 'statements need no terminator; remove the ";"',
      "'": 'strings use double quotes: "…"',
      ':': 'did you mean ":=" (replace a value)?',
      '!': 'only "!=" and "!~" exist, and only in conditions',
      '~': '"=~" compares only in conditions ($HTTP[…] =~ "regex")',
      '^': '"=^" compares only in conditions ($HTTP[…] =^ "prefix")',
      '\0': 'lighttpd stops reading the file at a NUL byte (it reports "stray NUL")',
    };
    const hint = hints[ch] ?? (ch === '\uFEFF' ? 'the file starts with a byte-order mark, which lighttpd does not accept' : undefined);
    return {
      id: 'invalid-character',
      message: `invalid character "${shown}"${hint ? `: ${hint}` : ''}`,
      severity: 'error',
    };
  },
  'assign-in-array': (p) => ({
    id: 'assign-in-array',
    message: `"${p.text}" inside ( ): use "=>" for key => value pairs in arrays (lighttpd: "use => for assignments in arrays")`,
    severity: 'error',
  }),
  'condition-operator': (p) => ({
    id: 'condition-operator',
    message: `"${p.text}" is not a comparison: a condition takes ==, !=, =~, !~, =^ or =$ (lighttpd: "only == =~ =^ =$ are allowed in the condition")`,
    severity: 'error',
  }),
  'arrow-outside-array': () => ({
    id: 'arrow-outside-array',
    message: '"=>" pairs a key with a value inside ( ) only; outside an array lighttpd reads "=" and then an invalid ">"',
    severity: 'error',
  }),
  'missing-closing-quote': () => ({
    id: 'missing-closing-quote',
    message: 'missing closing quote: this string never ends (a backslash before the last quote escapes it)',
    severity: 'error',
  }),
  'stray-comma': () => ({
    id: 'stray-comma',
    message: 'a "," outside ( ) separates nothing: lighttpd skips it silently; remove it',
    severity: 'warning',
  }),
  'brace-on-next-line': () => ({
    id: 'brace-on-next-line',
    message: '"{" should be on the same line as its condition: lighttpd only accepts this because its parser drops the line break as an error',
    severity: 'warning',
  }),
  'unbalanced-paren': () => ({ id: 'unbalanced-paren', message: '")" without a matching "("', severity: 'error' }),
  'key-at-end': (p) => ({
    id: 'key-at-end',
    message: `"${p.text}" ends the file without a newline: lighttpd rejects a key as the very last bytes ("invalid character in variable name"); add a newline`,
    severity: 'error',
  }),
};

function tokenRangeOf(lines: LineMap, file: string, token: IToken, text: string): SourceRange {
  if (!Number.isFinite(token.startOffset)) return lines.range(file, text.length, text.length);
  return lines.range(file, token.startOffset, token.startOffset + token.image.length);
}

/** Adds what a user most likely meant to a parser error at `tok`. */
function hintFor(tok: IToken, previous: IToken | undefined): string | undefined {
  const type = tok.tokenType;
  if (type === t.Assign && previous && previous.tokenType !== t.Key) return 'inside ( ) use "=>" for key => value pairs';
  if (type === t.Equal || type === t.NotEqual) return '"==" and "!=" compare in conditions; assign with "="';
  if (previous?.tokenType === t.Key && (type === t.StringLiteral || type === t.IntegerLiteral || type === t.LParen || type === t.Key)) {
    return `missing "=" between "${previous.image}" and its value?`;
  }
  if ((previous?.tokenType === t.StringLiteral || previous?.tokenType === t.IntegerLiteral) && (type === t.StringLiteral || type === t.IntegerLiteral || type === t.Key)) {
    return 'values are joined with "+" or separated with "," inside ( ); lighttpd 1.4.69 silently drops the second value';
  }
  if (type === t.UnterminatedString) return 'the closing quote is missing (lighttpd: "missing closing quote")';
  if (type === t.RCurly) return 'a "}" without a matching "{"?';
  if (type.name === 'EOF') return 'a block or array is not closed, or a statement is unfinished';
  return undefined;
}

/** Parses one file's text. Never throws: broken input gives an AST of the intact parts plus diagnostics. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const target = options.targetVersion ?? LATEST_VERSION;
  const result = parseDecoded(text, { file, target, bom: false, encoding: 'utf8' });
  parsedTargets.set(result.ast, target);
  return result;
}

/**
 * The target version each Document from `parse` (or `reparse`) was read for: `reparse` reuses statements
 * only of a result it knows, for the same target, and not of one it has already consumed.
 */
export const parsedTargets = new WeakMap<Document, string>();

interface Decoded {
  file: string;
  target: string;
  bom: boolean;
  encoding: 'utf8' | 'latin1';
}

function emptyResult(text: string, d: Decoded, diagnostics: Diagnostic[]): ParseResult {
  const lines = new LineMap(text);
  const { ast } = toAst({ target: d.target, cst: { name: 'document', children: {} } as DocumentCstNode, comments: [], file: d.file, lines, text, bom: d.bom, encoding: d.encoding });
  return { ast, diagnostics };
}

/** lighttpd reads at most 32 MiB of a config file; lhconf refuses larger input with that reason. */
function tooLarge(size: number, d: Decoded): ParseResult {
  const range = new LineMap('').range(d.file, 0, 0);
  return emptyResult('', d, [syntax('file-too-large', `the file is ${(size / 1048576).toFixed(1)} MiB; lighttpd refuses config files over 32 MiB`, range)]);
}

function parseDecoded(text: string, d: Decoded): ParseResult {
  // Checked before anything scans the text: a huge input is refused without reading it through.
  if (text.length > MAX_FILE_BYTES) return tooLarge(text.length, d);
  const lines = new LineMap(text);
  const diagnostics: Diagnostic[] = [];
  try {
    // lighttpd's tokenizer stops at a NUL byte ("stray NUL") and accepts what came before.
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      diagnostics.push({
        ...syntax('stray-nul', `NUL byte: lighttpd stops reading the file here and silently ignores the remaining ${text.length - nul} characters`, lines.range(d.file, nul, nul + 1)),
        fatal: false,
      });
    }
    const lexed = tokenize(nul >= 0 ? text.slice(0, nul) : text);
    for (const p of lexed.problems) {
      const m = lexMessages[p.kind](p);
      diagnostics.push(syntax(m.id, m.message, lines.range(d.file, p.offset, p.offset + Math.max(1, p.length)), m.severity));
    }
    if (lexed.maxDepth > MAX_NESTING) {
      diagnostics.push(
        syntax('too-deep', `blocks and arrays are nested ${lexed.maxDepth} levels deep; lhconf reads at most ${MAX_NESTING} levels (lighttpd 1.4.69 itself aborts on conditions nested about 200 deep)`, lines.range(d.file, 0, 0)),
      );
      return emptyResult(text, d, diagnostics);
    }
    const parsed = parseLikeLemon(lexed.tokens);
    const cst = parsed.cst;
    const tokenIndex = new Map<IToken, number>();
    if (parsed.errors.length > 0 || parsed.dropped.length > 0) lexed.tokens.forEach((tok, i) => tokenIndex.set(tok, i));
    const previousOf = (tok: IToken): IToken | undefined => {
      let i = (tokenIndex.get(tok) ?? 0) - 1;
      while (i >= 0 && lexed.tokens[i]!.tokenType === t.Newline) i--;
      return i >= 0 ? lexed.tokens[i] : undefined;
    };
    // One report per run of adjacent dropped tokens.
    const runs: IToken[][] = [];
    for (const tok of parsed.dropped) {
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      if (run && last && tokenIndex.get(tok) === (tokenIndex.get(last) ?? -2) + 1) run.push(tok);
      else runs.push([tok]);
    }
    for (const run of runs) {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const previous = previousOf(first);
      const hint = hintFor(first, previous);
      const fatal = rejectedByTokenizer(first, previous, d.target);
      const words = run.map((tok) => (tok.tokenType === t.Newline ? '⏎' : tok.image)).join(' ');
      const shown = words === '⏎' ? 'end of line' : `"${words.length > 40 ? `${words.slice(0, 40)}…` : words}"`;
      const what = fatal ? `lighttpd ${d.target} rejects it` : `lighttpd ${d.target} ignores ${run.length > 1 ? 'these tokens' : 'it'} (its parser drops what it cannot use; newer releases may reject it)`;
      const m = `unexpected ${shown}: ${what}${hint ? `. ${hint[0]!.toUpperCase()}${hint.slice(1)}` : ''}`;
      const range = lines.range(d.file, first.startOffset, last.startOffset + last.image.length);
      diagnostics.push({ ...syntax('ignored-token', m, range), fatal });
    }
    for (const err of parsed.errors) {
      const hint = hintFor(err.token, previousOf(err.token) ?? (err as { previousToken?: IToken }).previousToken);
      const id = err.token.tokenType === t.UnterminatedString ? 'missing-closing-quote' : 'unexpected-token';
      diagnostics.push(syntax(id, hint ? `${err.message}: ${hint}` : err.message, tokenRangeOf(lines, d.file, err.token, text)));
    }
    const { ast, problems } = toAst({ target: d.target, cst, comments: lexed.comments, file: d.file, lines, text, bom: d.bom, encoding: d.encoding });
    // A stray token right after a real syntax error is fallout of that error, not news.
    const errorLines = new Set(diagnostics.filter((x) => x.fatal).map((x) => `${x.range.start.line}`));
    for (const p of problems) {
      if (p.messageId === 'ignored-token' && errorLines.has(`${p.range.start.line}`)) continue;
      diagnostics.push({ ...syntax(p.messageId, p.message, p.range, p.severity), fatal: p.fatal });
    }
    checkVersionSyntax(lexed.tokens, d, lines, text, diagnostics);
    // Tokens dropped right after a tokenizer error are its fallout: lighttpd stops at that error.
    const lexFatal = diagnostics.filter((x) => x.fatal && x.messageId !== 'ignored-token').map((x) => x.range.start);
    const kept = diagnostics.filter(
      (x) => x.messageId !== 'ignored-token' || !lexFatal.some((p) => x.range.start.offset > p.offset && x.range.start.line <= p.line + 1),
    );
    return { ast, diagnostics: dedupe(kept) };
  } catch (err) {
    // A parser bug must not take the tool down: report it as a diagnostic.
    diagnostics.push(syntax('internal-error', `lhconf could not parse this file: ${(err as Error).message}`, lines.range(d.file, 0, 0)));
    return emptyResult(text, d, diagnostics);
  }
}

/** The most tokens lhconf drops, as lighttpd would, before it gives up and reports plain syntax errors. */
const MAX_DROPS = 200;
/** …and the most tokens it re-parses while doing so (each drop re-parses the file). */
const MAX_REPARSED_TOKENS = 5_000_000;

interface LemonParse {
  cst: DocumentCstNode;
  /** Tokens lighttpd's parser would discard, in order. */
  dropped: IToken[];
  /** Errors lighttpd would fail on too (an unfinished statement or block at the end of the file). */
  errors: IRecognitionException[];
}

/**
 * Parses the way lighttpd's lemon parser behaves: it has no error rule, so a token that does not fit
 * is discarded and parsing goes on; only an error at the end of input fails. lhconf parses without
 * recovery, drops the token at the first error and parses again, until the input fits. When the end
 * of input is reached in error, Chevrotain's recovery gives the best AST it can for editors and lint.
 */
function parseLikeLemon(tokens: IToken[]): LemonParse {
  const strict = getParser('strict');
  const dropped: IToken[] = [];
  let input = tokens;
  let budget = MAX_REPARSED_TOKENS;
  for (;;) {
    strict.input = input;
    const cst = strict.document() as DocumentCstNode | undefined;
    const err = strict.errors[0];
    if (!err && cst) return { cst, dropped, errors: [] };
    budget -= input.length;
    if (!err || !Number.isFinite(err.token.startOffset) || dropped.length >= MAX_DROPS || budget <= 0) break;
    dropped.push(err.token);
    input = input.filter((tok) => tok !== err.token);
  }
  const recovering = getParser('recovering');
  recovering.input = input;
  const cst = recovering.document() as DocumentCstNode;
  return { cst, dropped, errors: recovering.errors };
}

/** Since 1.4.74 the tokenizer rejects a string right after a string, since 1.4.77 a string or key right after a key. */
function rejectedByTokenizer(tok: IToken, previous: IToken | undefined, target: string): boolean {
  if (!previous) return false;
  const isString = tok.tokenType === t.StringLiteral;
  if (isString && previous.tokenType === t.StringLiteral && hasFeature(target, 'strictTokenizer')) return true;
  return (isString || tok.tokenType === t.Key) && previous.tokenType === t.Key && hasFeature(target, 'missingOperatorErrors');
}

/** Sorted by position; of several reports at one spot the first (the lexer's, the most specific) wins. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = diagnostics.map((d, i) => ({ d, i })).sort((a, b) => a.d.range.start.offset - b.d.range.start.offset || a.i - b.i);
  const out: Diagnostic[] = [];
  for (const { d } of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.range.start.offset === d.range.start.offset && prev.severity === d.severity) continue;
    out.push(d);
  }
  return out;
}

/** Syntax that only some releases accept: `if` / `elif` forms arrived in 1.4.74. */
function checkVersionSyntax(tokens: IToken[], d: Decoded, lines: LineMap, text: string, out: Diagnostic[]): void {
  if (hasFeature(d.target, 'ifElseIfKeywords')) return;
  for (const tok of tokens) {
    if (tok.tokenType === t.If || tok.tokenType === t.ElseIf) {
      out.push(
        syntax(
          'needs-newer-version',
          `"${tok.image}" before a condition needs lighttpd 1.4.74 or newer; lighttpd ${d.target} rejects it. Write "${tok.tokenType === t.If ? '$HTTP[…] … {' : 'else $HTTP[…] … {'}" instead`,
          tokenRangeOf(lines, d.file, tok, text),
        ),
      );
    }
  }
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes file bytes: a UTF-8 BOM is removed and remembered; bytes that are not UTF-8 are read as latin1 so every byte survives a round trip. */
export function decodeBytes(bytes: Uint8Array): { text: string; bom: boolean; encoding: 'utf8' | 'latin1' } {
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), bom, encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'), bom, encoding: 'latin1' };
  }
}

/** Decodes bytes and parses them. Files lighttpd would refuse for their size are refused too. */
export function parseBytes(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const target = options.targetVersion ?? LATEST_VERSION;
  // Refused before decoding: the bytes' size is what lighttpd limits.
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length, { file, target, bom: hasBom(bytes), encoding: 'utf8' });
  const { text, bom, encoding } = decodeBytes(bytes);
  const result = parseDecoded(text, { file, target, bom, encoding });
  if (bom) {
    const start = result.ast.range.start;
    result.diagnostics.unshift(
      syntax('byte-order-mark', 'the file starts with a UTF-8 byte-order mark: lighttpd reads it as an invalid character in a variable name; save the file without BOM', { file, start, end: start }),
    );
  }
  return result;
}
