import type { Comment, Statement } from '@lhconf/parser';

/** One top-level block as laid out: its text, and the comments that text holds (the ledger counts them). */
interface Layout {
  key: string;
  text: string;
  comments: readonly Comment[];
}

/**
 * The laid-out text of top-level blocks (conditionals, `global`), by statement object, for a caller that
 * formats successive versions of a document whose unchanged statements stay the same objects: the language
 * server, whose `reparse` keeps them (shifting their ranges, which leaves their text and layout as they
 * were). A block depends only on itself at the top level (alignment never crosses one), so its text can be
 * reused; the formatter's safety check still parses and compares the whole output.
 */
export class LayoutCache {
  private readonly entries = new WeakMap<Statement, Layout>();
  /** Layouts reused (tests, benchmarks). */
  hits = 0;

  get(statement: Statement, key: string): Layout | undefined {
    const found = this.entries.get(statement);
    if (found?.key !== key) return undefined;
    this.hits++;
    return found;
  }

  set(statement: Statement, layout: Layout): void {
    this.entries.set(statement, layout);
  }
}
