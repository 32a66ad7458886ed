/**
 * The one place where the conformance harness calls lhconf. Everything else sees only `LhconfOutcome`,
 * so a change in @lhconf/parser's API is a change here, and the harness can be tested with a fake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Diagnostic } from '@lhconf/parser';
import type { LintFinding } from './lint-recall.js';
import { caseFileName, recordedPrint, stripRunSpecificLines, type CorpusRow } from './oracle.js';
import { firstDifference } from './text-diff.js';

/** What the harness needs to know about lhconf's verdict on one config. */
export interface LhconfOutcome {
  /** Diagnostics lhconf marks as fatal (lighttpd would refuse to start), rendered `file:line:col message`. */
  fatalErrors: string[];
  /** The `-p`-style print less var.CWD/var.PID lines; only when there is no fatal error. */
  printed?: string;
  /** lhconf itself failed (threw) while evaluating or printing. */
  crash?: string;
  /** Every diagnostic of `lhconf lint --standalone` (all rules, the config's includes followed), when lint ran. */
  lint?: LintFinding[];
  /** The formatter on the main file, when it ran. */
  format?: FormatOutcome;
  /** Edits of the main file re-linted with a lint cache, as the language server does, against fresh lints. */
  lintCache?: LintCacheOutcome;
}

export interface LintCacheOutcome {
  /** Versions linted both ways. */
  versions: number;
  /** Statements whose statement-local reports were replayed from the cache. */
  replayed: number;
  /** The first version where the two lints differ, and how. */
  difference?: string;
  crash?: string;
}

export interface FormatOutcome {
  /** The formatted bytes; absent when the formatter refused (syntax errors) or threw. */
  output?: Uint8Array;
  refused?: string;
  crash?: string;
  /** format(format(x)) === format(x). */
  idempotent?: boolean;
  /** The comments of the output, in order, equal those of the input. */
  sameComments?: boolean;
}

export interface LhconfCase {
  /** The config file name, relative to `cwd` (as given to `lighttpd -f`). */
  file: string;
  cwd: string;
  env: Record<string, string>;
  targetVersion: string;
}

export interface LhconfAdapter {
  name: string;
  evaluate(c: LhconfCase): LhconfOutcome;
}

/* The contract of @lhconf/parser's evaluator (being written); only what the harness uses. */
interface EvaluateOptions {
  targetVersion?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  allowIncludeShell?: boolean;
  pid?: number;
}
interface EvaluateResult {
  diagnostics: Diagnostic[];
}
interface ParseResultLike {
  ast: unknown;
  diagnostics: Diagnostic[];
}
interface EvaluatorApi {
  evaluateFile(path: string, options: EvaluateOptions): EvaluateResult;
  parse(text: string, options: { file?: string; targetVersion?: string }): ParseResultLike;
  reparse(previous: ParseResultLike, text: string, options: { file?: string; targetVersion?: string }): ParseResultLike;
  evaluateDocument(ast: unknown, options: EvaluateOptions): EvaluateResult;
  printConfig(result: EvaluateResult, options?: { targetVersion?: string }): string;
  parseBytes(bytes: Uint8Array, options: { file?: string; targetVersion?: string }): { ast: { comments: { text: string }[] } };
}
interface LintCacheLike {
  replayed: number;
}
interface LintApi {
  lintEvaluation(result: EvaluateResult, config?: { targetVersion?: string; standalone?: boolean }, options?: { cache?: LintCacheLike }): Diagnostic[];
  LintCache: new () => LintCacheLike;
}
interface FormatApi {
  formatBytes(bytes: Uint8Array, options?: { file?: string; targetVersion?: string }): { ok: true; output: Uint8Array } | { ok: false; diagnostics: Diagnostic[] };
}

/**
 * Lints as `lhconf lint --standalone`: lighttpd was run on each corpus file as its whole config (`-f NNN.conf`),
 * so a file that looks like a conf.d snippet is judged as the complete configuration it was for lighttpd.
 */
function lintFindings(lint: LintApi, result: EvaluateResult, targetVersion: string): LintFinding[] {
  return lint.lintEvaluation(result, { targetVersion, standalone: true }).map((d) => ({
    ruleId: d.ruleId,
    messageId: d.messageId,
    severity: d.severity,
    message: d.message,
    where: `${d.range.file}:${d.range.start.line}:${d.range.start.column}`,
  }));
}

/** How many versions of each file the lint cache check lints. */
const LINT_CACHE_VERSIONS = 6;

/**
 * Lints the main file, then versions of it after one-line edits (a line of the file copied elsewhere, a line
 * deleted, a character typed), re-parsed from the last as the language server does or parsed afresh in turn:
 * once with one lint cache for all versions, once without. The edits are the same on every run (a generator
 * seeded by the text).
 */
function lintCacheOutcome(api: EvaluatorApi, lint: LintApi, read: () => Uint8Array, c: LhconfCase): LintCacheOutcome {
  const config = { targetVersion: c.targetVersion, standalone: true };
  const options = { file: join(c.cwd, c.file), targetVersion: c.targetVersion };
  const cache = new lint.LintCache();
  let replayed = 0;
  try {
    let text = Buffer.from(read()).toString('utf8');
    let seed = [...text].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7) >>> 0 || 1;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % Math.max(1, n);
    };
    let parsed = api.parse(text, options);
    for (let version = 1; version <= LINT_CACHE_VERSIONS; version++) {
      const evaluated = api.evaluateDocument(parsed.ast, { targetVersion: c.targetVersion, cwd: c.cwd, env: { ...c.env }, allowIncludeShell: false, pid: fixedPid });
      const evaluation = { ...evaluated, diagnostics: [...parsed.diagnostics, ...evaluated.diagnostics] };
      // One field a line, so that the first difference names the field that differs.
      const render = (list: Diagnostic[]) => JSON.stringify(list, null, 1);
      const withCache = render(lint.lintEvaluation(evaluation, config, { cache }));
      const fresh = render(lint.lintEvaluation(evaluation, config));
      replayed += cache.replayed;
      const difference = firstDifference(fresh, withCache, { expected: 'fresh lint', actual: 'with the cache' });
      if (difference !== undefined) return { versions: version, replayed, difference: `version ${version}: ${difference}` };
      const kind = next(3);
      if (kind === 2) {
        const i = next(text.length);
        text = `${text.slice(0, i)}x${text.slice(i)}`;
      } else {
        const lines = text.split('\n');
        if (kind === 0) lines.splice(next(lines.length + 1), 0, lines[next(lines.length)]!);
        else lines.splice(next(lines.length), 1);
        text = lines.join('\n');
      }
      // Incrementally as the language server re-parses, and every other version afresh (as after a syntax error).
      parsed = version % 2 === 0 ? api.parse(text, options) : api.reparse(parsed, text, options);
    }
    return { versions: LINT_CACHE_VERSIONS, replayed };
  } catch (e) {
    return { versions: 0, replayed, crash: errorText(e) };
  }
}

/** Formats the main file twice and compares comments; the live -p comparison happens in the harness. */
function formatOutcome(api: EvaluatorApi, fmt: FormatApi, read: () => Uint8Array, file: string, targetVersion: string): FormatOutcome {
  try {
    const bytes = read();
    const first = fmt.formatBytes(bytes, { file, targetVersion });
    if (!first.ok) return { refused: first.diagnostics[0] ? renderDiagnostic(first.diagnostics[0]) : 'syntax errors' };
    const second = fmt.formatBytes(first.output, { file, targetVersion });
    // Trailing blanks of a comment are layout, which the formatter removes; the words must all stay.
    const comments = (b: Uint8Array) => api.parseBytes(b, { file, targetVersion }).ast.comments.map((c) => c.text.trimEnd()).join('\n');
    return {
      output: first.output,
      idempotent: second.ok && Buffer.compare(Buffer.from(second.output), Buffer.from(first.output)) === 0,
      sameComments: comments(bytes) === comments(first.output),
    };
  } catch (e) {
    return { crash: errorText(e) };
  }
}

/** The var.PID lhconf is told; its line is stripped, so only `p-output-varies-per-run` rows could show it. */
const fixedPid = 4242;

function renderDiagnostic(d: Diagnostic): string {
  return `${d.range.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 3).join(' | ') : String(e);
}

/**
 * The real lhconf, through @lhconf/parser's `evaluateFile` and `printConfig`. Loaded on demand so the
 * harness (and its replay self-test) runs while the parser is mid-change; throws a readable error when
 * the package does not export the evaluator.
 */
export async function loadParserAdapter(): Promise<LhconfAdapter> {
  const api = (await import('@lhconf/parser')) as unknown as Partial<EvaluatorApi>;
  const missing = (['evaluateFile', 'printConfig'] as const).filter((name) => typeof api[name] !== 'function');
  if (missing.length > 0) throw new Error(`@lhconf/parser does not export ${missing.join(' and ')} yet`);
  const { evaluateFile, printConfig } = api as EvaluatorApi;
  const lint = (await import('@lhconf/lint')) as unknown as LintApi;
  const fmt = (await import('@lhconf/format')) as unknown as FormatApi;
  return {
    name: '@lhconf/parser',
    evaluate(c) {
      // lighttpd resolves `-f`, relative includes and include_shell against its working directory;
      // lhconf is given the same one as an option and, where Node allows it (not in worker threads,
      // e.g. vitest's pool), as the process's cwd.
      const previousCwd = process.cwd();
      if (isMainThread) process.chdir(c.cwd);
      try {
        let result: EvaluateResult;
        try {
          result = evaluateFile(c.file, {
            targetVersion: c.targetVersion,
            cwd: c.cwd,
            env: { ...c.env },
            allowIncludeShell: true,
            pid: fixedPid,
          });
        } catch (e) {
          return { fatalErrors: [], crash: `evaluateFile threw: ${errorText(e)}` };
        }
        const fatalErrors = result.diagnostics
          .filter((d) => d.severity === 'error' && d.fatal === true)
          .map(renderDiagnostic);
        const extra: Pick<LhconfOutcome, 'lint' | 'format' | 'lintCache' | 'crash'> = {};
        try {
          extra.lint = lintFindings(lint, result, c.targetVersion);
        } catch (e) {
          extra.crash = `lint threw: ${errorText(e)}`;
        }
        // The main file, read once for the formatter and the lint cache check.
        let source: Uint8Array | undefined;
        const read = () => (source ??= readFileSync(join(c.cwd, c.file)));
        extra.format = formatOutcome(api as EvaluatorApi, fmt, read, c.file, c.targetVersion);
        extra.lintCache = lintCacheOutcome(api as EvaluatorApi, lint, read, c);
        if (fatalErrors.length > 0) return { fatalErrors, ...extra };
        try {
          const printed = printConfig(result, { targetVersion: c.targetVersion });
          return { fatalErrors, printed: stripRunSpecificLines(printed), ...extra };
        } catch (e) {
          return { fatalErrors, crash: `printConfig threw: ${errorText(e)}` };
        }
      } finally {
        if (isMainThread) process.chdir(previousCwd);
      }
    },
  };
}

/**
 * A stand-in lhconf that answers with the corpus's recorded verdicts: the harness's self-test
 * (`conformance --adapter replay` must agree on every case), not a measure of lhconf.
 */
export function replayAdapter(corpusDir: string, rows: readonly CorpusRow[]): LhconfAdapter {
  const byFile = new Map(rows.map((row) => [caseFileName(row.id), row]));
  return {
    name: 'replay (recorded verdicts)',
    evaluate(c) {
      const row = byFile.get(c.file);
      if (!row) return { fatalErrors: [], crash: `replay: no corpus row for ${c.file}` };
      if (row.tRc !== 0) return { fatalErrors: [`${c.file}: ${row.tFirstLine}`] };
      return { fatalErrors: [], printed: recordedPrint(corpusDir, row.id) ?? '' };
    },
  };
}
