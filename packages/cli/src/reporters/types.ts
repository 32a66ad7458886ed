import type { Diagnostic, Rule } from '@lhconf/lint';

/** What `lhconf lint` found in one file. */
export interface FileResult {
  /** As shown: relative to the working directory (POSIX separators), or as named (`<stdin>`, an include_shell command). */
  file: string;
  /** The decoded text, for code frames and fingerprints; undefined when it was not read. */
  source?: string;
  /** Sorted by position; every range, related location and include chain uses shown paths. */
  diagnostics: Diagnostic[];
  /** How many fixes `--fix` / `--fix-unsafe` applied to this file. */
  fixed: number;
}

/** Everything a reporter needs; built by `runLint`. */
export interface LintReport {
  /** Every linted file, problems or not, sorted by path. */
  results: FileResult[];
  /** The rule set, for metadata (SARIF rules, help links). */
  rules: Readonly<Record<string, Rule>>;
  /** The working directory, absolute (SARIF's %SRCROOT%). */
  cwd: string;
  toolVersion: string;
}

export interface ReporterOptions {
  /** ANSI colours allowed (stylish only; machine formats never colour). */
  color: boolean;
}

/** Turns a report into the text written to stdout. */
export type Reporter = (report: LintReport, options: ReporterOptions) => string;

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  /** Problems with a safe fix (`--fix`) and with an unsafe one (`--fix-unsafe`). */
  fixable: number;
  fixableUnsafe: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, fixable: 0, fixableUnsafe: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (d.fix?.safe) counts.fixable++;
    else if (d.fix) counts.fixableUnsafe++;
  }
  return counts;
}

/** The documentation of a rule: its section in docs/rules.md (syntax and semantic problems have none). */
export function ruleHelpUri(ruleId: string): string {
  return `${DOCS_BASE}#${ruleId}`;
}

const DOCS_BASE = 'https://github.com/lhconf/lhconf/blob/main/docs/rules.md';
