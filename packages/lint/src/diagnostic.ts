// The Diagnostic shape is shared by the parser, the evaluator and the linter: one definition, in @lhconf/parser.
export type { Diagnostic, Fix, RelatedLocation, Severity, TextEdit } from '@lhconf/parser';
export type { Position, SourceRange } from '@lhconf/parser';

import type { Diagnostic, Severity } from '@lhconf/parser';

/** Orders severities for `--max-warnings` style checks and for sorting: error first. */
export const severityRank = { error: 0, warning: 1, info: 2 } as const satisfies Record<Severity, number>;

/** Sorts in place by file, line, column, then rule id and message (stable output for reporters and snapshots). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      compareText(a.range.file, b.range.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
