import {
  evaluateDocument,
  LineMap,
  parse,
  type EvaluateOptions,
  walk,
  childKeys,
  type NodeType,
  type Diagnostic,
  type Document,
  type Include,
  type IncludeShell,
  type Node,
  type SourceRange,
  type Statement,
  type StringLiteral,
  type TextEdit,
} from '@lhconf/parser';
import { replacementsOf, resolveFileConfig, type FileConfig, type LintConfig } from './config.js';
import { formatMessage, type ReportDescriptor, type Rule, type RuleContext, type Target, type Visitor } from './define-rule.js';
import { sortDiagnostics } from './diagnostic.js';
import { includedFromOf, type EvaluatedConfig } from './evaluated.js';
import type { LintCache } from './lint-cache.js';
import { rules as builtinRules } from './rules/index.js';
import { getOrInsert } from './util/map.js';
import { applySuppressions, parseSuppressions, type SuppressionUse } from './suppressions.js';

type Handler = (node: Node) => void;
/** Every node type, keyed by itself: the visitor key of entering a node. */
const nodeTypes = Object.fromEntries(Object.keys(childKeys).map((type) => [type, type])) as Record<NodeType, string>;
/** `Assignment` → `Assignment:exit`, built once instead of a string per node visited. */
const exitKeys = Object.fromEntries(Object.keys(childKeys).map((type) => [type, `${type}:exit`])) as Record<NodeType, string>;

/** For each node type, the handlers of `visitors` under that type's key in `keys` (an empty list when none). */
function handlerTable(visitors: readonly Visitor[], keys: Record<NodeType, string>): Record<NodeType, Handler[]> {
  const table = {} as Record<NodeType, Handler[]>;
  for (const type of Object.keys(keys) as NodeType[]) {
    const list: Handler[] = [];
    for (const visitor of visitors) {
      const fn = (visitor as Record<string, Handler | undefined>)[keys[type]];
      if (fn) list.push(fn);
    }
    table[type] = list;
  }
  return table;
}

export interface LintInput {
  /** Every file to lint, keyed by path; ranges in each Document use the same path. */
  files: ReadonlyMap<string, Document>;
  /** The main file (`lighttpd -f`); the others are reached through includes. */
  main: string;
  /** The evaluator's result, or a function computing it on first use (rules with `needs: 'evaluated'`). */
  evaluated?: EvaluatedConfig | (() => EvaluatedConfig | undefined);
  /** For each included file, the `include` statement that pulled it in; gives diagnostics their include chain. */
  includedFrom?: ReadonlyMap<string, SourceRange>;
}

export interface LintOptions {
  /** The rule set; default every built-in rule. Tests pass their own. */
  rules?: Readonly<Record<string, Rule>>;
  /**
   * Kept from the last lint of an earlier version of the same document: statement-local rules are not run again
   * over top-level statements whose text that lint met, their reports are replayed (the language server passes
   * one per open document). The result is the same as without it.
   */
  cache?: LintCache;
}

/** The id of the engine-level rule that reports suppression comments that suppress nothing. */
export const UNUSED_DISABLE_RULE_ID = 'no-unused-disable';

/**
 * Runs every enabled rule over every file of `input` and returns the diagnostics that survive inline
 * suppressions, sorted by file, line and column.
 */
export function lint(input: LintInput, config: LintConfig = {}, options: LintOptions = {}): Diagnostic[] {
  const rules: Readonly<Record<string, Rule>> = options.rules ?? builtinRules;
  const fileConfigs = new Map<string, FileConfig>();
  const configOf = (file: string): FileConfig => {
    let fc = fileConfigs.get(file);
    if (!fc) fileConfigs.set(file, (fc = resolveFileConfig(config, file, rules)));
    return fc;
  };
  const documents = [...input.files.values()].filter((doc) => !configOf(doc.file).ignored);
  if (documents.length === 0) return [];

  let evaluated: EvaluatedConfig | undefined | null = null;
  const settings = (): EvaluatedConfig | undefined => {
    if (evaluated === null) evaluated = typeof input.evaluated === 'function' ? input.evaluated() : input.evaluated;
    return evaluated;
  };
  const lineMaps = new Map<string, LineMap>();
  const lineMapOf = (file: string, text: string): LineMap => {
    let map = lineMaps.get(file);
    if (!map) lineMaps.set(file, (map = new LineMap(text)));
    return map;
  };

  const diagnostics: Diagnostic[] = [];
  let current = documents[0]!;
  let currentConfig = configOf(current.file);
  const cache = options.cache;
  cache?.begin(rules, config);
  /** Whether the file being walked has its statements replayed from the cache and recorded into it. */
  let currentCached = false;
  /** What the statement-local rules have reported inside the top-level statement being recorded. */
  let recording: Diagnostic[] | undefined;
  /** The include statement that pulled each included file in: the file's parent across files. */
  const includer = new Map<string, Include | IncludeShell>();
  // One function for every rule of the run: util/ast.ts remembers block keys per parentOf function.
  const parentOf = (node: Node): Node | undefined => (node.type === 'Document' ? includer.get(node.file) : node.parent);
  const visitors: { rule: Rule; visitor: Visitor }[] = [];
  const anyFileEnables = (id: string) => documents.some((doc) => configOf(doc.file).rules.has(id));
  for (const rule of Object.values(rules)) {
    if (!anyFileEnables(rule.id)) continue;
    if (rule.needs === 'evaluated' && !settings()) continue;
    const ctx = createContext(rule);
    visitors.push({ rule, visitor: rule.create(ctx) });
  }

  function createContext(rule: Rule): RuleContext {
    const local = rule.locality === 'statement';
    const rangeOf = (target: Target): SourceRange => ('type' in target ? target.range : target);
    const textOf = (range: SourceRange) => input.files.get(range.file)?.text.slice(range.start.offset, range.end.offset) ?? '';
    const edit = (range: SourceRange, text: string): TextEdit => ({ range, text });
    const collapse = (range: SourceRange, at: 'start' | 'end'): SourceRange => ({ file: range.file, start: range[at], end: range[at] });
    return {
      ruleId: rule.id,
      get options() {
        return currentConfig.rules.get(rule.id)?.options ?? rule.defaultOptions;
      },
      get targetVersion() {
        return currentConfig.targetVersion;
      },
      get document() {
        return current;
      },
      files: input.files,
      mainFile: input.main,
      standalone: configOf(input.main).standalone,
      parentOf,
      get settings() {
        return settings();
      },
      report: (descriptor) => {
        const diagnostic = buildDiagnostic(rule, descriptor, current.file);
        const fc = configOf(diagnostic.range.file);
        // A report may point into another file (a cross-file duplicate); that file's config decides.
        const severity = fc.ignored ? undefined : fc.rules.get(rule.id)?.severity;
        if (!severity) return;
        const reported = { ...diagnostic, severity };
        diagnostics.push(reported);
        if (local && currentCached) {
          // Outside a statement (a Document handler) there is nothing to tie the report to: the declaration is wrong.
          if (!recording) throw new Error(`rule ${rule.id}: declares locality "statement" but reports outside a top-level statement`);
          recording.push(reported);
        }
      },
      replace: (target, text) => edit(rangeOf(target), text),
      insertBefore: (target, text) => edit(collapse(rangeOf(target), 'start'), text),
      insertAfter: (target, text) => edit(collapse(rangeOf(target), 'end'), text),
      remove: (target) => edit(rangeOf(target), ''),
      sourceText: (target) => textOf(rangeOf(target)),
      rangeInString: (node: StringLiteral, start: number, end: number) => {
        const doc = input.files.get(node.range.file) ?? current;
        const map = lineMapOf(doc.file, doc.text);
        // raw = `"` + value with each `"` written `\"` + `"`: every quote before an index adds one character.
        const rawIndex = (i: number) => 1 + i + (node.value.slice(0, i).split('"').length - 1);
        return map.range(node.range.file, node.range.start.offset + rawIndex(start), node.range.start.offset + rawIndex(end));
      },
    };
  }

  // Files in lighttpd's reading order: an included file is walked right after its include statement, as
  // lighttpd parses it into the block where the include stands (configfile.c); unreached files come last.
  const includedAt = new Map<string, string[]>();
  for (const [file, from] of input.includedFrom ?? []) getOrInsert(includedAt, rangeKey(from), () => []).push(file);
  const walked = new Set<string>();
  const walkDocument = (doc: Document) => {
    if (walked.has(doc.file)) return;
    walked.add(doc.file);
    current = doc;
    currentConfig = configOf(doc.file);
    const fc = currentConfig;
    const enabled = fc.ignored ? [] : visitors.filter(({ rule }) => fc.rules.has(rule.id));
    const active = enabled.map(({ visitor }) => visitor);
    // Handlers by node type, found once per file: a node then calls only the rules that visit its type
    // (dozens of rules × 100,000s of nodes made the lookups themselves the cost).
    const enter = handlerTable(active, nodeTypes);
    const leave = handlerTable(active, exitKeys);
    // A file an include pulled in sits in the include's blocks, which its statements alone do not show.
    const cached = cache !== undefined && !includer.has(doc.file) && active.length > 0;
    currentCached = cached;
    // Inside a replayed statement only the other rules run.
    const others = cached ? enabled.filter(({ rule }) => rule.locality !== 'statement').map(({ visitor }) => visitor) : active;
    const enterOthers = cached ? handlerTable(others, nodeTypes) : enter;
    const leaveOthers = cached ? handlerTable(others, exitKeys) : leave;
    let enterNow = enter;
    let leaveNow = leave;
    walk(
      doc,
      (node) => {
        if (cached && node.parent === doc) {
          if (cache.replay(node as Statement, doc.text, diagnostics)) {
            enterNow = enterOthers;
            leaveNow = leaveOthers;
          } else recording = [];
        }
        const handlers = enterNow[node.type];
        for (let i = 0; i < handlers.length; i++) handlers[i]!(node);
      },
      (node) => {
        const handlers = leaveNow[node.type];
        for (let i = 0; i < handlers.length; i++) handlers[i]!(node);
        if (cached && node.parent === doc) {
          if (recording) cache.record(node as Statement, doc.text, recording);
          recording = undefined;
          enterNow = enter;
          leaveNow = leave;
        }
        if (node.type === 'Include' || node.type === 'IncludeShell') walkIncluded(node, doc);
      },
    );
  };
  /** Walks the files an include statement pulled in, right after it (see above). */
  const walkIncluded = (node: Include | IncludeShell, doc: Document) => {
    for (const file of includedAt.get(rangeKey(node.range)) ?? []) {
      const child = input.files.get(file);
      if (!child || walked.has(file)) continue;
      includer.set(file, node);
      // The included file's reports are its own, not the including statement's.
      const [wasCached, wasRecording] = [currentCached, recording];
      recording = undefined;
      walkDocument(child);
      current = doc;
      currentConfig = configOf(doc.file);
      [currentCached, recording] = [wasCached, wasRecording];
    }
  };
  const mainDocument = input.files.get(input.main);
  if (mainDocument) walkDocument(mainDocument);
  for (const doc of input.files.values()) walkDocument(doc);

  const kept = suppress(documents, diagnostics, configOf, rules);
  for (const d of kept) {
    const chain = includeChainOf(d.range.file, input.includedFrom);
    if (chain.length > 0) d.includeChain = chain;
  }
  return sortDiagnostics(kept);
}

export interface LintTextOptions extends LintOptions {
  /** Path used in ranges and for `overrides`/`ignore`. Default `<input>`. */
  file?: string;
  config?: LintConfig;
  /** How to evaluate the text when a rule needs `ctx.settings` (includes are read relative to `cwd`). */
  evaluate?: EvaluateOptions;
}

/**
 * Parses one file and lints it alone; returns its syntax diagnostics and the rules' diagnostics, sorted.
 * The text is evaluated (`evaluateDocument`) only if a rule asks for `ctx.settings`.
 */
export function lintText(text: string, options: LintTextOptions = {}): Diagnostic[] {
  const file = options.file ?? '<input>';
  const config = options.config ?? {};
  const rules: Readonly<Record<string, Rule>> = options.rules ?? builtinRules;
  const fc = resolveFileConfig(config, file, rules);
  if (fc.ignored) return [];
  const { ast, diagnostics } = parse(text, { file, targetVersion: fc.targetVersion });
  const evaluated = () => evaluateDocument(ast, { targetVersion: fc.targetVersion, ...options.evaluate });
  const found = lint({ files: new Map([[file, ast]]), main: file, evaluated }, config, { rules });
  return sortDiagnostics([...withoutSuperseded(diagnostics, found, rules), ...found]);
}

/**
 * Lints a whole evaluated configuration (`evaluateFile(main)`: the main file and everything it includes) and
 * returns everything to show: the evaluator's syntax and semantic diagnostics and the rules' diagnostics,
 * sorted. A syntax or semantic diagnostic that a rule also reported at the same place (a rule's `supersedes`)
 * is shown once, as the rule's, which has a fix and a rule id to configure.
 */
export function lintEvaluation(result: EvaluatedConfig, config: LintConfig = {}, options: LintOptions = {}): Diagnostic[] {
  const rules: Readonly<Record<string, Rule>> = options.rules ?? builtinRules;
  const found = lint({ files: result.files, main: result.file, evaluated: result, includedFrom: includedFromOf(result.includes) }, config, options);
  const ignored = (file: string) => resolveFileConfig(config, file, rules).ignored;
  const own = result.diagnostics.filter((d) => !ignored(d.range.file));
  return sortDiagnostics([...withoutSuperseded(own, found, rules), ...found]);
}

/** The parser's and evaluator's diagnostics minus those a rule reported too, at an overlapping place (`supersedes`). */
function withoutSuperseded(own: Diagnostic[], found: Diagnostic[], rules: Readonly<Record<string, Rule>>): Diagnostic[] {
  const overlaps = (a: SourceRange, b: SourceRange) =>
    a.file === b.file &&
    a.start.offset < Math.max(b.end.offset, b.start.offset + 1) &&
    b.start.offset < Math.max(a.end.offset, a.start.offset + 1);
  // Only diagnostics of rules that supersede something can hide one: compare just those (there may be thousands of each).
  const superseding = found.filter((f) => rules[f.ruleId]?.supersedes?.length);
  if (superseding.length === 0) return own;
  return own.filter((d) => !superseding.some((f) => rules[f.ruleId]!.supersedes!.includes(d.messageId) && overlaps(f.range, d.range)));
}

function buildDiagnostic(rule: Rule, descriptor: ReportDescriptor<string>, currentFile: string): Diagnostic {
  const { node, range: explicitRange, messageId, data, related, fix } = descriptor;
  if ((node === undefined) === (explicitRange === undefined))
    throw new Error(`rule ${rule.id}: report() needs exactly one of node or range`);
  const template = rule.messages[messageId];
  if (template === undefined) throw new Error(`rule ${rule.id}: unknown messageId "${messageId}"`);
  const range = node ? node.range : explicitRange!;
  const diagnostic: Diagnostic = {
    ruleId: rule.id,
    messageId,
    message: formatMessage(template, data),
    severity: rule.severity,
    range: range.file ? range : { ...range, file: currentFile },
  };
  if (related && related.length > 0)
    diagnostic.related = related.map((r) => ({ message: r.message, range: r.node ? r.node.range : r.range! }));
  if (fix) {
    const allowed = rule.fixable === 'both' || rule.fixable === (fix.safe ? 'safe' : 'unsafe');
    if (!allowed) throw new Error(`rule ${rule.id}: reports a ${fix.safe ? 'safe' : 'unsafe'} fix but declares fixable: ${rule.fixable}`);
    const title = rule.messages[fix.messageId];
    if (title === undefined) throw new Error(`rule ${rule.id}: unknown fix messageId "${fix.messageId}"`);
    diagnostic.fix = { title: formatMessage(title, data), safe: fix.safe, edits: fix.edits };
  }
  if (rule.fatal) diagnostic.fatal = true;
  return diagnostic;
}

/** Applies each file's suppression comments, then reports the unused ones (rule `no-unused-disable`). */
function suppress(
  documents: Document[],
  diagnostics: Diagnostic[],
  configOf: (file: string) => FileConfig,
  rules: Readonly<Record<string, Rule>>,
): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.range.file);
    if (list) list.push(d);
    else byFile.set(d.range.file, [d]);
  }
  const out: Diagnostic[] = [...diagnostics.filter((d) => !documents.some((doc) => doc.file === d.range.file))];
  for (const doc of documents) {
    const found = byFile.get(doc.file) ?? [];
    const fc = configOf(doc.file);
    // Loops, not push(...): one file can yield more diagnostics than a call takes arguments.
    if (fc.noInlineSuppress) {
      for (const d of found) out.push(d);
      continue;
    }
    const { kept, uses } = applySuppressions(found, parseSuppressions(doc));
    for (const d of kept) out.push(d);
    const unusedRule = rules[UNUSED_DISABLE_RULE_ID];
    const severity = fc.rules.get(UNUSED_DISABLE_RULE_ID)?.severity;
    if (unusedRule && severity) out.push(...reportUnused(doc, uses, unusedRule, rules, severity));
  }
  return out;
}

function reportUnused(
  doc: Document,
  uses: SuppressionUse[],
  rule: Rule,
  rules: Readonly<Record<string, Rule>>,
  severity: Diagnostic['severity'],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byDirective = new Map<SuppressionUse['directive'], SuppressionUse[]>();
  for (const use of uses) byDirective.set(use.directive, [...(byDirective.get(use.directive) ?? []), use]);
  for (const [directive, list] of byDirective) {
    const allUnused = list.every((u) => !u.used);
    for (const use of list) {
      if (use.used) continue;
      const unknown = use.ruleId !== undefined && !(use.ruleId in rules);
      const replacements = unknown ? replacementsOf(use.ruleId!) : undefined;
      const messageId = replacements ? 'removedRule' : unknown ? 'unknownRule' : use.ruleId === undefined ? 'unusedAll' : 'unused';
      const descriptor: ReportDescriptor<string> = {
        range: directive.comment.range,
        messageId,
        data: { rule: use.ruleId ?? '', directive: `lhconf-${directive.kind}`, replacements: replacements ?? '' },
      };
      // Removing a comment changes nothing lighttpd sees; only offered when the whole comment is dead.
      if (allUnused && list.length === 1) descriptor.fix = { messageId: 'remove', safe: true, edits: [removeCommentEdit(doc, directive.comment.range)] };
      out.push({ ...buildDiagnostic(rule, descriptor, doc.file), severity });
    }
  }
  return out;
}

/** Removes a comment; when it is alone on its line, the whole line goes, otherwise the blanks before it too. */
function removeCommentEdit(doc: Document, range: SourceRange): TextEdit {
  const text = doc.text;
  let start = range.start.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = range.end.offset;
  const aloneOnLine = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  if (aloneOnLine) {
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  const map = new LineMap(text);
  return { range: map.range(range.file, start, end), text: '' };
}

function rangeKey(range: SourceRange): string {
  return `${range.file}:${range.start.offset}:${range.end.offset}`;
}

/** The include statements leading to `file`, outermost first. */
function includeChainOf(file: string, includedFrom: ReadonlyMap<string, SourceRange> | undefined): SourceRange[] {
  const chain: SourceRange[] = [];
  const seen = new Set<string>([file]);
  let from = includedFrom?.get(file);
  while (from) {
    chain.unshift(from);
    if (seen.has(from.file)) break;
    seen.add(from.file);
    from = includedFrom?.get(from.file);
  }
  return chain;
}
