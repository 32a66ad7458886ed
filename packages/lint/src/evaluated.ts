import type { EvaluateResult, IncludeRecord, SourceRange } from '@lhconf/parser';

/** The evaluator's result (`evaluateFile`, `evaluateText`, `evaluateDocument` in @lhconf/parser), as rules see it. */
export type EvaluatedConfig = EvaluateResult;

/** For each included file, the include statement that first pulled it in (the linter's include chains). */
export function includedFromOf(includes: readonly IncludeRecord[]): Map<string, SourceRange> {
  const out = new Map<string, SourceRange>();
  for (const record of includes) for (const file of record.paths) if (!out.has(file)) out.set(file, record.from);
  return out;
}
