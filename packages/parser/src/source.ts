/** A point in a file: offset is 0-based (UTF-16 code units of the decoded text), line and column 1-based. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** A span of a file; `end` is exclusive. */
export interface SourceRange {
  file: string;
  start: Position;
  end: Position;
}

/** Maps offsets of one text to line/column positions (binary search over line starts). */
export class LineMap {
  readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // lighttpd treats \n, \r and \r\n as one newline each (configfile.c config_skip_newline).
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** The line index of the last lookup: callers mostly walk forward, so most lookups hit it or the next line. */
  private hint = 0;

  position(offset: number): Position {
    const starts = this.lineStarts;
    const h = this.hint;
    if (offset >= starts[h]! && (h + 1 >= starts.length || offset < starts[h + 1]!)) {
      return { offset, line: h + 1, column: offset - starts[h]! + 1 };
    }
    if (h + 2 < starts.length && offset >= starts[h + 1]! && offset < starts[h + 2]!) {
      this.hint = h + 1;
      return { offset, line: h + 2, column: offset - starts[h + 1]! + 1 };
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { offset, line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  range(file: string, start: number, end: number): SourceRange {
    return { file, start: this.position(start), end: this.position(end) };
  }
}

/** Formats a range start the way compilers do: `file:line:column`. */
export function formatLocation(range: SourceRange): string {
  return `${range.file}:${range.start.line}:${range.start.column}`;
}
