import type { Diagnostic, Position, SourceRange, Statement } from '@lhconf/parser';
import type { LintConfig } from './config.js';
import type { Rule } from './define-rule.js';

/**
 * A position kept relative to the start of its statement: offset and line as distances; the column as a
 * distance on the statement's first line (what stands before the statement on that line may change) and as it
 * is on the lines below (they start inside the statement, so the statement's text alone decides them).
 */
interface RelativePosition {
  offset: number;
  line: number;
  column: number;
}
interface RelativeRange {
  start: RelativePosition;
  end: RelativePosition;
}

/** One diagnostic as a statement-local rule reported it, with its ranges relative to the statement. */
interface Recorded {
  diagnostic: Diagnostic;
  range: RelativeRange;
  related: RelativeRange[] | undefined;
  edits: RelativeRange[] | undefined;
}

/**
 * Diagnostics of statement-local rules (`locality: 'statement'`) kept from one lint of a document to the next,
 * for callers that lint version after version of the same document (the language server, on every edit).
 *
 * What those rules report inside a top-level statement depends on the statement's text alone (their contract),
 * so when a later lint meets a statement of the same text in the same file, it replays what they reported
 * there (moved to where the statement is now) instead of running them over it again. That holds whether the
 * new version was re-parsed incrementally or afresh (after a syntax error, say). Rules that look across
 * statements, at the evaluated config or at other files run as always. The entries hold for one rule set and
 * one config object (another of either empties the cache), and only as long as each lint meets them again:
 * statements a lint did not meet are forgotten. Only files that no `include` pulls in are replayed (a file
 * included inside a condition is inside that condition for the rules, which the statement alone does not show).
 */
export class LintCache {
  private rules: Readonly<Record<string, Rule>> | undefined;
  private config: LintConfig | undefined;
  /** Entries met by the current lint run, and those of the run before, by file and statement text. */
  private current = new Map<string, Map<string, Recorded[]>>();
  private previous = new Map<string, Map<string, Recorded[]>>();
  /** Statements replayed and statements linted by the statement-local rules in the last run (tests, benchmarks). */
  replayed = 0;
  linted = 0;

  /** @internal Starts a lint run; the entries are dropped when the rules or the config differ from the last run's. */
  begin(rules: Readonly<Record<string, Rule>>, config: LintConfig): void {
    const same = rules === this.rules && config === this.config;
    this.rules = rules;
    this.config = config;
    this.previous = same ? this.current : new Map();
    this.current = new Map();
    this.replayed = 0;
    this.linted = 0;
  }

  /**
   * @internal Pushes onto `out` what the statement-local rules reported inside a statement of the same text the
   * last time, moved to where `statement` is; false when there is no such record (the rules must run over it).
   */
  replay(statement: Statement, text: string, out: Diagnostic[]): boolean {
    const file = statement.range.file;
    const key = keyOf(statement, text);
    let recorded = this.current.get(file)?.get(key);
    if (!recorded) {
      recorded = this.previous.get(file)?.get(key);
      if (recorded) keep(this.current, file, key, recorded);
    }
    if (!recorded) {
      this.linted++;
      return false;
    }
    const start = statement.range.start;
    for (const r of recorded) {
      const d: Diagnostic = { ...r.diagnostic, range: absolute(r.range, start, file) };
      if (r.related) d.related = r.diagnostic.related!.map((rel, i) => ({ message: rel.message, range: absolute(r.related![i]!, start, file) }));
      if (r.edits) {
        const fix = r.diagnostic.fix!;
        d.fix = { ...fix, edits: fix.edits.map((e, i) => ({ range: absolute(r.edits![i]!, start, file), text: e.text })) };
      }
      out.push(d);
    }
    this.replayed++;
    return true;
  }

  /**
   * @internal Keeps what the statement-local rules reported inside `statement` in this run. A report reaching
   * outside the statement cannot move with it: such a statement is not kept and is linted again next time.
   */
  record(statement: Statement, text: string, diagnostics: readonly Diagnostic[]): void {
    const { file, start, end } = statement.range;
    const inside = (range: SourceRange) => range.start.offset >= start.offset && range.end.offset <= end.offset && range.file === file;
    const recorded: Recorded[] = [];
    for (const d of diagnostics) {
      const ranges = [d.range, ...(d.related ?? []).map((r) => r.range), ...(d.fix?.edits ?? []).map((e) => e.range)];
      if (!ranges.every(inside)) return;
      recorded.push({
        diagnostic: { ...d },
        range: relative(d.range, start),
        related: d.related?.map((r) => relative(r.range, start)),
        edits: d.fix?.edits.map((e) => relative(e.range, start)),
      });
    }
    keep(this.current, file, keyOf(statement, text), recorded);
  }
}

/** A statement's text: what its statement-local reports depend on (with the file, the rules and the config). */
function keyOf(statement: Statement, text: string): string {
  return text.slice(statement.range.start.offset, statement.range.end.offset);
}

function keep(entries: Map<string, Map<string, Recorded[]>>, file: string, key: string, recorded: Recorded[]): void {
  let byText = entries.get(file);
  if (!byText) entries.set(file, (byText = new Map()));
  byText.set(key, recorded);
}

function relative(range: SourceRange, base: Position): RelativeRange {
  const at = (p: Position): RelativePosition => ({
    offset: p.offset - base.offset,
    line: p.line - base.line,
    column: p.line === base.line ? p.column - base.column : p.column,
  });
  return { start: at(range.start), end: at(range.end) };
}

function absolute(range: RelativeRange, base: Position, file: string): SourceRange {
  const at = (p: RelativePosition): Position => ({
    offset: p.offset + base.offset,
    line: p.line + base.line,
    column: p.line === 0 ? p.column + base.column : p.column,
  });
  return { file, start: at(range.start), end: at(range.end) };
}
