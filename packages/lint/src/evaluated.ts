import type { Diagnostic, Document, SourceRange } from '@lhconf/parser';

/**
 * The part of the evaluator's result (`evaluateFile` / `evaluateText` in @lhconf/parser) the linter uses.
 * Structural, so the linter compiles before the evaluator lands; replace with the evaluator's own type then.
 */
export interface EvaluatedConfig {
  root: unknown;
  contexts: unknown[];
  diagnostics: Diagnostic[];
  files: Map<string, Document>;
  /** Which include statement pulled in which file. */
  includes: readonly IncludeEdge[] | unknown;
}

/** One resolved include: `file` was read because of the statement at `from`. */
export interface IncludeEdge {
  from: SourceRange;
  file: string;
}
