import { evaluateDocument, type Diagnostic, type EvaluateResult } from '@lhconf/parser';
import { LintCache, lintEvaluation } from '@lhconf/lint';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import type { ParsedDocument } from './documents.js';
import { toLspRange, uriToFile } from './positions.js';
import type { FileSettings } from './settings.js';

const severities = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const satisfies Record<Diagnostic['severity'], DiagnosticSeverity>;

/** Rule ids that are not rules: nothing to configure, link or suppress. */
export const ENGINE_RULE_IDS: ReadonlySet<string> = new Set(['syntax', 'semantic']);

/** An lhconf diagnostic as LSP shows it; related places and the include chain become related information. */
export function toLspDiagnostic(d: Diagnostic, uriOf: (file: string) => string, rulesDocUrl?: string): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [
    ...(d.related ?? []).map((r) => ({ location: { uri: uriOf(r.range.file), range: toLspRange(r.range) }, message: r.message })),
    ...(d.includeChain ?? []).map((r) => ({ location: { uri: uriOf(r.file), range: toLspRange(r) }, message: 'included from here' })),
  ];
  return {
    range: toLspRange(d.range),
    severity: severities[d.severity],
    source: 'lhconf',
    code: d.ruleId,
    message: d.message,
    ...(rulesDocUrl && !ENGINE_RULE_IDS.has(d.ruleId) && { codeDescription: { href: `${rulesDocUrl}#${d.ruleId}` } }),
    ...(related.length > 0 && { relatedInformation: related }),
    ...(d.ruleId === 'no-unused-disable' && { tags: [DiagnosticTag.Unnecessary] }),
    data: { ruleId: d.ruleId, messageId: d.messageId },
  };
}

/** Lets other work run between the stages of a lint, so that a newer edit can cancel it. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Evaluates the document as a main config (reading its includes from disk, never running include_shell)
 * and lints it with every enabled rule, the way `lhconf lint FILE` does. Returns undefined as soon as
 * `isStale()` says a newer version is waiting. `cache` is the document's own: what statement-local rules found
 * in the statements this version shares with the last one linted is replayed, not found again.
 */
export async function lintDocument(
  parsed: ParsedDocument,
  settings: FileSettings,
  cwd: string,
  isStale: () => boolean = () => false,
  cache?: LintCache,
): Promise<{ diagnostics: Diagnostic[]; evaluation: EvaluateResult } | undefined> {
  if (settings.fileConfig.ignored) return undefined;
  await yieldToEventLoop();
  if (isStale()) return undefined;
  const evaluated = evaluateDocument(parsed.ast, { targetVersion: settings.fileConfig.targetVersion, cwd, allowIncludeShell: false });
  // evaluateDocument starts from a parsed document: its syntax diagnostics come from our parse.
  const evaluation: EvaluateResult = { ...evaluated, diagnostics: [...parsed.syntax, ...evaluated.diagnostics] };
  await yieldToEventLoop();
  if (isStale()) return undefined;
  return { diagnostics: lintEvaluation(evaluation, settings.config, { cache }), evaluation };
}

/**
 * Lints open documents after a quiet period. Each edit bumps the document's generation: a pending timer is
 * replaced, and a lint already running stops at its next stage and publishes nothing.
 */
export class DiagnosticsScheduler {
  /** The pending lint of each document: how to call it off. */
  private readonly timers = new Map<string, () => void>();
  private readonly generations = new Map<string, number>();
  /** Files other than open documents that a document's lint published diagnostics for, by document. */
  private readonly foreign = new Map<string, Set<string>>();
  /** Each open document's lint cache (statement-local rules' reports, replayed for statements met before). */
  readonly lintCaches = new Map<string, LintCache>();
  /** Lints abandoned for a newer edit (for tests and the benchmark). */
  cancelled = 0;

  constructor(private readonly ctx: ServerContext) {}

  schedule(uri: string, delay = this.ctx.options.debounceMs): void {
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    this.timers.get(uri)?.();
    const start = () => {
      this.timers.delete(uri);
      void this.run(uri, generation).catch((err: unknown) => this.ctx.connection.console.error(`lhconf: lint failed: ${(err as Error).stack ?? err}`));
    };
    // No quiet period (a file just opened, settings changed, debounceMs 0): right after the pending messages,
    // not through a timer, which waits at least 1 ms.
    if (delay > 0) {
      const timer = setTimeout(start, delay);
      this.timers.set(uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(start);
      this.timers.set(uri, () => clearImmediate(immediate));
    }
  }

  /** Lints every open document again (the settings changed). */
  scheduleAll(): void {
    for (const document of this.ctx.documents.all()) this.schedule(document.uri, 0);
  }

  close(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
    this.ctx.lints.delete(uri);
    this.lintCaches.delete(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const file of this.foreign.get(uri) ?? []) void this.ctx.connection.sendDiagnostics({ uri: this.ctx.uriOf(file), diagnostics: [] });
    this.foreign.delete(uri);
  }

  private async run(uri: string, generation: number): Promise<void> {
    const isStale = () => this.generations.get(uri) !== generation;
    const found = await this.ctx.parsed(uri);
    if (!found || isStale()) return void (found && this.cancelled++);
    const { parsed, settings } = found;
    let cache = this.lintCaches.get(uri);
    if (!cache) this.lintCaches.set(uri, (cache = new LintCache()));
    const result = await lintDocument(parsed, settings, this.ctx.cwdFor(parsed.file), isStale, cache);
    if (isStale()) return void this.cancelled++;
    const diagnostics = result?.diagnostics ?? [];
    if (result) this.ctx.lints.set(uri, { version: parsed.version, ...result });
    else this.ctx.lints.delete(uri);

    const byFile = new Map<string, Diagnostic[]>([[parsed.file, []]]);
    for (const d of diagnostics) {
      const list = byFile.get(d.range.file) ?? [];
      list.push(d);
      byFile.set(d.range.file, list);
    }
    const uriOf = (file: string) => this.ctx.uriOf(file);
    const own = byFile.get(parsed.file)!.map((d) => toLspDiagnostic(d, uriOf, this.ctx.options.rulesDocUrl));
    if (settings.error) own.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'lhconf', message: settings.error });
    await this.ctx.connection.sendDiagnostics({ uri, version: parsed.version, diagnostics: own });

    // Problems in included files go to those files, unless they are open (their own lint owns them then).
    const openFiles = new Set(this.ctx.documents.all().map((document) => uriToFile(document.uri)));
    const published = new Set<string>();
    for (const [file, list] of byFile) {
      if (file === parsed.file || openFiles.has(file)) continue;
      published.add(file);
      await this.ctx.connection.sendDiagnostics({ uri: uriOf(file), diagnostics: list.map((d) => toLspDiagnostic(d, uriOf, this.ctx.options.rulesDocUrl)) });
    }
    for (const file of this.foreign.get(uri) ?? []) if (!published.has(file) && !openFiles.has(file)) await this.ctx.connection.sendDiagnostics({ uri: uriOf(file), diagnostics: [] });
    this.foreign.set(uri, published);
  }
}
