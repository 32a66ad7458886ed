import type { Document, Node, NodeOfType, NodeType, Severity, SourceRange, StringLiteral, TextEdit } from '@lhconf/parser';
import type { EvaluatedConfig } from './evaluated.js';

/** Called for each node of that type, in source order; `'<Type>:exit'` is called after the node's children. */
export type Visitor = { [T in NodeType]?: (node: NodeOfType<T>) => void } & {
  [T in NodeType as `${T}:exit`]?: (node: NodeOfType<T>) => void;
};

/** A node or a range: where a diagnostic, a related note or an edit goes. */
export type Target = Node | SourceRange;

export interface ReportDescriptor<M extends string> {
  /** Where the `^^^` goes: a node (its range) or an explicit range. Exactly one of them. */
  node?: Node;
  range?: SourceRange;
  messageId: M;
  /** Values for `{placeholders}` in the message (and in the fix title). */
  data?: Record<string, string | number>;
  related?: { node?: Node; range?: SourceRange; message: string }[];
  /** `messageId` names the fix title in the rule's messages; unsafe fixes change meaning. */
  fix?: { messageId: M; safe: boolean; edits: TextEdit[] };
}

/** What a rule sees. One context per rule per lint run; `document` is the file being walked. */
export interface RuleContext<M extends string = string, O = unknown> {
  readonly ruleId: string;
  /** The rule's options: its `defaultOptions` overlaid with the config's `["warn", { … }]`. */
  readonly options: O;
  /** The lighttpd release the config is checked against (`1.4.N`). */
  readonly targetVersion: string;
  /** The file being walked now. */
  readonly document: Document;
  /** Every file of the lint run, the main file first. */
  readonly files: ReadonlyMap<string, Document>;
  readonly mainFile: string;
  /**
   * The main file is a complete configuration, as `lighttpd -f mainFile` reads it (config `standalone`,
   * `lhconf lint --standalone`). When false, rules that judge only main configurations guess from the file
   * whether it is one, and stay quiet on what looks like a snippet (`conf.d/*.conf`) linted alone.
   */
  readonly standalone: boolean;
  /**
   * `node.parent`, except that a Document's parent is the `include` that pulled the file in (when the run
   * knows it): the chain lighttpd follows, so a file included inside a condition is inside that condition.
   */
  parentOf(node: Node): Node | undefined;
  /**
   * The effective configuration from the evaluator (includes, variables, `+=`, scopes), computed on first
   * use. Undefined when the run has no evaluator result; rules with `needs: 'evaluated'` never see that.
   */
  readonly settings: EvaluatedConfig | undefined;
  report(descriptor: ReportDescriptor<M>): void;
  replace(target: Target, text: string): TextEdit;
  insertBefore(target: Target, text: string): TextEdit;
  insertAfter(target: Target, text: string): TextEdit;
  remove(target: Target): TextEdit;
  /** The range of `value.slice(start, end)` of a string literal (decoded indices; `\"` counts once). */
  rangeInString(node: StringLiteral, start: number, end: number): SourceRange;
  /** The source text of a node or range. For building fixes only: rules decide on the AST, never on text. */
  sourceText(target: Target): string;
}

export interface RuleDefinition<M extends string, O> {
  /** kebab-case, equal to the rule's folder name. */
  id: string;
  /** One line, imperative: "Disallow …" / "Require …". Shown in docs/rules.md and `--help`. */
  description: string;
  /** Default severity; the config may override it per rule. */
  severity: Severity;
  /** Message and fix-title templates with `{placeholders}`, keyed by messageId. */
  messages: Record<M, string>;
  /** The kind of fix the rule may attach; a rule that reports a fix without declaring it fails loudly. */
  fixable?: 'safe' | 'unsafe' | 'both';
  /** Whether lighttpd refuses to start on what this rule reports; copied to each diagnostic as `fatal`. */
  fatal?: boolean;
  /**
   * The parser's or evaluator's messageIds (e.g. `semanticMessages` in @lhconf/parser) this rule reports too:
   * `lintText` and `lintEvaluation` then show an overlapping one once, as the rule's diagnostic.
   */
  supersedes?: readonly string[];
  /** The lighttpd message this rule anticipates, verbatim (docs only). */
  docs?: { lighttpdMessage?: string };
  /** `evaluated`: the rule reads `ctx.settings` and is skipped when no evaluation is available. */
  needs?: 'ast' | 'evaluated';
  /**
   * `statement`: what the rule reports while the walk is inside a top-level statement depends on that statement
   * alone (its text: its nodes and the blocks around them, up to the file), on the target version and on the
   * options: not on other statements, `ctx.settings`, other files or state carried from one statement to the
   * next, and every report (its range, related ranges, fix edits and message) lies in that statement and says
   * nothing of where it is (no line or column numbers). A linter with a `LintCache` then replays the rule's
   * reports for a statement whose text an earlier lint met instead of running the rule over it again. Leave it
   * out when unsure.
   */
  locality?: 'statement';
  /** Options and their defaults; the config may set any of these keys and no other. */
  defaultOptions?: O;
  create(ctx: RuleContext<M, O>): Visitor;
}

/** A rule with its type parameters erased, as listed in `rules/index.ts`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = RuleDefinition<string, any>;

/**
 * Declares a rule. Returns it unchanged; the generic parameters check that every `messageId` reported
 * exists in `messages`, and type `ctx.options` from `defaultOptions`.
 */
export function defineRule<const M extends string, O extends Record<string, unknown> | undefined = undefined>(
  definition: RuleDefinition<M, O>,
): Rule {
  return definition as Rule;
}

/** Fills `{name}` placeholders from `data`; unknown placeholders stay as written. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  );
}
