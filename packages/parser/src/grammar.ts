import { CstParser, type CstNode, type IOrAlt, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as t from './tokens.js';

/** Labels for error messages: "expected a value" reads better than a token name. */
function describe(token: TokenType): string {
  return token.LABEL ?? token.name;
}

function found(token: IToken): string {
  if (token.tokenType.name === 'EOF') return 'the end of the file';
  if (token.tokenType === t.Newline) return 'the end of the line';
  return `"${token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image}"`;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${describe(expected)} but found ${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${found(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const firsts = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) firsts.add(describe(path[0]));
    const what = ruleNames[ruleName] ?? ruleName;
    return `expected ${what} (${[...firsts].join(', ')}) but found ${found(actual[0]!)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const firsts = new Set<string>();
    for (const path of expectedIterationPaths) if (path[0]) firsts.add(describe(path[0]));
    const what = ruleNames[ruleName] ?? ruleName;
    return `expected ${what} (${[...firsts].join(', ')}) but found ${found(actual[0]!)}`;
  },
};

/** How errors name each rule. */
const ruleNames: Record<string, string> = {
  statement: 'a statement: an assignment, a condition, include or global',
  value: 'a value: a string, a number, an array or a variable',
  elseBranch: 'a condition or "{" after "else"',
  arrayElement: 'an array element',
};

/** Tokens that cannot start a statement; `}` is handled where a block can end. */
const junkTokens: TokenType[] = [
  t.StringLiteral,
  t.UnterminatedString,
  t.IntegerLiteral,
  t.AssignOp,
  t.MatchOp,
  t.ArrayAssign,
  t.Plus,
  t.LParen,
  t.RParen,
  t.LCurly,
  t.LBracket,
  t.RBracket,
  t.Comma,
  t.Else,
  t.ElseIf,
  t.Dollar,
];

/** Every token but an assignment operator (`==` counts as one: lighttpd reads `=` `=`). */
const operatorJunkTokens: TokenType[] = [
  t.Newline,
  t.StringLiteral,
  t.UnterminatedString,
  t.IntegerLiteral,
  t.IncludeShell,
  t.Include,
  t.Global,
  t.ElseIf,
  t.Else,
  t.If,
  t.Key,
  t.ConditionObject,
  t.Dollar,
  t.ArrayAssign,
  t.RegexMatch,
  t.PrefixMatch,
  t.SuffixMatch,
  t.NotEqual,
  t.NotRegexMatch,
  t.Plus,
  t.LParen,
  t.RParen,
  t.LCurly,
  t.RCurly,
  t.LBracket,
  t.RBracket,
  t.Comma,
];

/** Tokens that cannot follow an array element. */
const arrayJunkTokens: TokenType[] = [t.StringLiteral, t.IntegerLiteral, t.Key, t.ArrayAssign];

export class LhconfGrammar extends CstParser {
  // OR alternatives are built once, not on every rule invocation (Chevrotain's performance advice).
  private documentAlts: IOrAlt<unknown>[] | undefined;
  private statementAlts: IOrAlt<unknown>[] | undefined;
  private junkAlts: IOrAlt<unknown>[] | undefined;
  private operatorJunkAlts: IOrAlt<unknown>[] | undefined;
  private valueAlts: IOrAlt<unknown>[] | undefined;
  private arraySeparatorAlts: IOrAlt<unknown>[] | undefined;
  private arrayJunkAlts: IOrAlt<unknown>[] | undefined;
  private elseBranchAlts: IOrAlt<unknown>[] | undefined;

  /** `recovery` off replays lighttpd's drop-the-token behaviour; on gives the best-effort AST of a broken file. */
  constructor(recovery = true) {
    super(t.allTokens, {
      recoveryEnabled: recovery,
      nodeLocationTracking: 'onlyOffset',
      maxLookahead: 3,
      errorMessageProvider: messages,
      // Validations run in the grammar test; skipping them here keeps CLI start-up fast.
      skipValidations: process.env['LHCONF_VALIDATE_GRAMMAR'] !== '1',
    });
    this.performSelfAnalysis();
  }

  /**
   * lighttpd's parser (lemon, no error rule) recovers only by dropping tokens, never by imagining
   * a missing one: `server.port 80 = 81` is `server.port = 81`. Single-token deletion stays on.
   */
  canRecoverWithSingleTokenInsertion(): boolean {
    return false;
  }


  // server.port = 80
  // $HTTP["host"] == "a" { … }
  document = this.RULE('document', () => {
    this.MANY(() =>
      this.OR((this.documentAlts ??= [
        { ALT: () => this.SUBRULE(this.statement) },
        // A "}" with no block open: lighttpd 1.4.69 drops it (lemon's default recovery); lhconf reports it.
        { ALT: () => this.CONSUME(t.RCurly) },
      ])),
    );
  });

  statement = this.RULE('statement', () => {
    this.OR((this.statementAlts ??= [
      { ALT: () => this.CONSUME(t.Newline) },
      { ALT: () => this.SUBRULE(this.junk) },
      { ALT: () => this.SUBRULE(this.assignment) },
      { ALT: () => this.SUBRULE(this.conditional) },
      { ALT: () => this.SUBRULE(this.globalBlock) },
      { ALT: () => this.SUBRULE(this.include) },
      { ALT: () => this.SUBRULE(this.includeShell) },
    ]));
  });

  // "b" in `server.name = "a" "b"`: a token no statement can start with. lighttpd's parser has no
  // error rule, so lemon discards such tokens one by one and goes on; lhconf keeps them to report.
  junk = this.RULE('junk', () => {
    this.OR((this.junkAlts ??= junkTokens.map((tok) => ({ ALT: () => this.CONSUME(tok) }))));
  });

  operatorJunk = this.RULE('operatorJunk', () => {
    this.OR((this.operatorJunkAlts ??= operatorJunkTokens.map((tok) => ({ ALT: () => this.CONSUME(tok) }))));
  });

  // server.port = 80
  // (`==` here is lighttpd's `=` plus a stray `=` it drops; accepted, and reported)
  assignment = this.RULE('assignment', () => {
    this.CONSUME(t.Key);
    // After a key lemon accepts only an assignment operator and drops every other token until one
    // comes, across lines and braces: `server.port 80 = 81` sets 81. lhconf keeps the dropped run to report.
    this.MANY(() => this.SUBRULE(this.operatorJunk));
    this.CONSUME(t.AssignLike);
    this.SUBRULE(this.expression);
  });

  // "a" + var.b + 1
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.value);
    this.MANY(() => {
      this.CONSUME(t.Plus);
      this.SUBRULE2(this.value);
    });
  });

  // "a" | 1 | var.x | ( … )
  value = this.RULE('value', () => {
    this.OR((this.valueAlts ??= [
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.IntegerLiteral) },
      { ALT: () => this.CONSUME(t.Key) },
      { ALT: () => this.SUBRULE(this.array) },
    ]));
  });

  // ( "a", "k" => "v", )
  array = this.RULE('array', () => {
    this.CONSUME(t.LParen);
    this.OPTION(() => this.SUBRULE(this.arrayElement));
    this.MANY(() =>
      this.OR((this.arraySeparatorAlts ??= [
        {
          ALT: () => {
            this.CONSUME(t.Comma);
            this.OPTION2(() => this.SUBRULE2(this.arrayElement));
          },
        },
        // `( "a" => "x" "b" => "y" )` (a missing comma): lighttpd 1.4.69 drops each token that does not
        // fit until one does, so the second element vanishes. lhconf keeps them to report.
        { ALT: () => this.SUBRULE(this.arrayJunk) },
      ])),
    );
    this.CONSUME(t.RParen);
  });

  arrayJunk = this.RULE('arrayJunk', () => {
    this.OR((this.arrayJunkAlts ??= arrayJunkTokens.map((tok) => ({ ALT: () => this.CONSUME(tok) }))));
  });

  // "k" => "v" | "v"
  arrayElement = this.RULE('arrayElement', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(t.ArrayAssign);
      this.SUBRULE2(this.expression);
    });
  });

  // $HTTP["host"] == "a" { … } else { … }
  // (the lexer drops the end of line between "}" and "else", lighttpd's `eols`)
  conditional = this.RULE('conditional', () => {
    this.SUBRULE(this.ifBranch);
    this.MANY(() => this.SUBRULE(this.elseBranch));
  });

  // if $HTTP["host"] == "a" { … }
  ifBranch = this.RULE('ifBranch', () => {
    this.OPTION(() => this.CONSUME(t.If));
    this.SUBRULE(this.condition);
    this.SUBRULE(this.block);
  });

  // else { … } | else $HTTP["host"] == "b" { … } | else if … | elif …
  elseBranch = this.RULE('elseBranch', () => {
    this.OR((this.elseBranchAlts ??= [
      {
        ALT: () => {
          this.CONSUME(t.Else);
          this.OPTION(() => this.CONSUME(t.If));
          this.OPTION2(() => this.SUBRULE(this.condition));
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.ElseIf);
          this.SUBRULE2(this.condition);
        },
      },
    ]));
    this.SUBRULE(this.block);
  });

  // $HTTP["host"] == "a"
  condition = this.RULE('condition', () => {
    this.CONSUME(t.ConditionObject);
    this.CONSUME(t.LBracket);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RBracket);
    this.CONSUME(t.MatchOp);
    this.SUBRULE2(this.expression);
  });

  // { server.name = "a" }   (a "{" on the next line is joined by the lexer and reported)
  block = this.RULE('block', () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(t.RCurly);
  });

  // global { … }
  globalBlock = this.RULE('globalBlock', () => {
    this.CONSUME(t.Global);
    this.SUBRULE(this.block);
  });

  // include "conf.d/*.conf"
  include = this.RULE('include', () => {
    this.CONSUME(t.Include);
    this.SUBRULE(this.expression);
  });

  // include_shell "cat /etc/x.conf"
  includeShell = this.RULE('includeShell', () => {
    this.CONSUME(t.IncludeShell);
    this.SUBRULE(this.expression);
  });
}

const instances: { strict?: LhconfGrammar; recovering?: LhconfGrammar } = {};

/** One parser instance per mode (self-analysis is costly), reset through `parser.input`; the recovering one is built only for broken input. */
export function getParser(mode: 'strict' | 'recovering'): LhconfGrammar {
  return (instances[mode] ??= new LhconfGrammar(mode === 'recovering'));
}

export type { CstNode };
