import type { Diagnostic } from '@lhconf/lint';
import type { SourceRange } from '@lhconf/parser';
import { countDiagnostics, type Reporter } from './types.js';

/** Bumped when a field changes meaning or goes away; new fields may appear without a bump. */
export const JSON_REPORT_VERSION = 1;

/**
 * Machine-readable results, described by packages/cli/schema/lint-result.schema.json: every linted file with
 * its counts and diagnostics (the Diagnostic shape of @lhconf/parser: ranges with offsets, related places,
 * fixes with their edits, include chains).
 */
export const json: Reporter = (report) => {
  const out = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'lhconf', version: report.toolVersion },
    results: report.results.map((r) => {
      const counts = countDiagnostics(r.diagnostics);
      return {
        file: r.file,
        errorCount: counts.errors,
        warningCount: counts.warnings,
        infoCount: counts.infos,
        fixableCount: counts.fixable,
        fixableUnsafeCount: counts.fixableUnsafe,
        fixed: r.fixed,
        diagnostics: r.diagnostics.map(toJson),
      };
    }),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
};

// Fields are copied one by one: the output shape is the schema's, not whatever a Diagnostic object carries.
function toJson(d: Diagnostic) {
  return {
    ruleId: d.ruleId,
    messageId: d.messageId,
    severity: d.severity,
    message: d.message,
    range: range(d.range),
    ...(d.fatal !== undefined && { fatal: d.fatal }),
    ...(d.related && { related: d.related.map((r) => ({ message: r.message, range: range(r.range) })) }),
    ...(d.fix && {
      fix: { title: d.fix.title, safe: d.fix.safe, edits: d.fix.edits.map((e) => ({ range: range(e.range), text: e.text })) },
    }),
    ...(d.includeChain && { includeChain: d.includeChain.map(range) }),
  };
}

function range(r: SourceRange): SourceRange {
  return {
    file: r.file,
    start: { offset: r.start.offset, line: r.start.line, column: r.start.column },
    end: { offset: r.end.offset, line: r.end.line, column: r.end.column },
  };
}
