import type { Diagnostic, Position, SourceRange, Statement } from '@lhconf/parser';
import type { LintConfig } from './config.js';
import type { Rule } from './define-rule.js';

/**
 * A position kept relative to the start of its statement: offset and line as distances, the column as it is.
 * `reparse` cuts the text at line starts and moves a reused statement by whole lines, so columns never change.
 */
interface RelativePosition {
  offset: number;
  line: number;
  column: number;
}
interface RelativeRange {
  file: string;
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

/** What the statement-local rules reported inside one top-level statement, and where the statement was then. */
interface StatementEntry {
  start: Position;
  /** Its length and line count then: a sanity check that the statement object still holds the same text. */
  length: number;
  lines: number;
  recorded: Recorded[];
}

/**
 * Diagnostics of statement-local rules (`locality: 'statement'`) kept from one lint of a document to the next,
 * for callers that lint version after version of the same document (the language server, on every edit).
 *
 * `reparse` hands unchanged top-level statements to the next version as the same objects; when the next lint
 * reaches such a statement, it replays what those rules reported inside it the last time (moved with the
 * statement) instead of running them over it again. Rules that look across statements, at the evaluated
 * config or at other files run as always. The entries hold for one rule set and one config object: another
 * of either empties the cache. Only files that no `include` pulls in are replayed (a file included inside a
 * condition is inside that condition for the rules, which the statement alone does not show).
 */
export class LintCache {
  private rules: Readonly<Record<string, Rule>> | undefined;
  private config: LintConfig | undefined;
  private entries = new WeakMap<Statement, StatementEntry>();
  /** Statements replayed and statements linted by the statement-local rules in the last run (tests, benchmarks). */
  replayed = 0;
  linted = 0;

  /** @internal Starts a lint run: the entries, emptied when the rules or the config differ from the last run's. */
  begin(rules: Readonly<Record<string, Rule>>, config: LintConfig): void {
    if (rules !== this.rules || config !== this.config) {
      this.rules = rules;
      this.config = config;
      this.entries = new WeakMap();
    }
    this.replayed = 0;
    this.linted = 0;
  }

  /**
   * @internal Pushes onto `out` what the statement-local rules reported inside `statement` the last time, moved
   * to where the statement is now; false when there is no such record (the rules must run over it).
   */
  replay(statement: Statement, out: Diagnostic[]): boolean {
    const entry = this.entries.get(statement);
    const { start, end } = statement.range;
    if (!entry || entry.length !== end.offset - start.offset || entry.lines !== end.line - start.line || entry.start.column !== start.column) {
      this.linted++;
      return false;
    }
    for (const r of entry.recorded) {
      const d: Diagnostic = { ...r.diagnostic, range: absolute(r.range, start) };
      if (r.related) d.related = r.diagnostic.related!.map((rel, i) => ({ message: rel.message, range: absolute(r.related![i]!, start) }));
      if (r.edits) {
        const fix = r.diagnostic.fix!;
        d.fix = { ...fix, edits: fix.edits.map((e, i) => ({ range: absolute(r.edits![i]!, start), text: e.text })) };
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
  record(statement: Statement, diagnostics: readonly Diagnostic[]): void {
    const { start, end } = statement.range;
    const inside = (range: SourceRange) => range.start.offset >= start.offset && range.end.offset <= end.offset && range.file === statement.range.file;
    const recorded: Recorded[] = [];
    for (const d of diagnostics) {
      const ranges = [d.range, ...(d.related ?? []).map((r) => r.range), ...(d.fix?.edits ?? []).map((e) => e.range)];
      if (!ranges.every(inside)) return void this.entries.delete(statement);
      recorded.push({
        diagnostic: { ...d },
        range: relative(d.range, start),
        related: d.related?.map((r) => relative(r.range, start)),
        edits: d.fix?.edits.map((e) => relative(e.range, start)),
      });
    }
    this.entries.set(statement, { start: { ...start }, length: end.offset - start.offset, lines: end.line - start.line, recorded });
  }
}

function relative(range: SourceRange, base: Position): RelativeRange {
  const at = (p: Position): RelativePosition => ({ offset: p.offset - base.offset, line: p.line - base.line, column: p.column });
  return { file: range.file, start: at(range.start), end: at(range.end) };
}

function absolute(range: RelativeRange, base: Position): SourceRange {
  const at = (p: RelativePosition): Position => ({ offset: p.offset + base.offset, line: p.line + base.line, column: p.column });
  return { file: range.file, start: at(range.start), end: at(range.end) };
}
