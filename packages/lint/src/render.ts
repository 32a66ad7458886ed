import { formatLocation, LineMap, type Diagnostic, type SourceRange } from '@lhconf/parser';

export interface RenderOptions {
  /** ANSI colours (the CLI passes its TTY decision). */
  color?: boolean;
  /** Related locations at most this many lines from the diagnostic are drawn in the same frame. Default 3. */
  nearbyLines?: number;
}

/** Lines of a range drawn at most; longer ranges show their first and last lines around a `…`. */
const MAX_RANGE_LINES = 4;

const ansi = {
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  cyan: '\x1b[36m',
  reset: '\x1b[0m',
} as const;

const severityColor = { error: ansi.red, warning: ansi.yellow, info: ansi.blue } as const;

/**
 * Renders one diagnostic as a code frame (STYLE.md "Cases, snapshots and docs"):
 *
 * ```text
 * invalid.conf:2:1  error  no-duplicate-assignment
 *   "server.port" is already set in this block (line 1); lighttpd refuses to start.
 *   1 | server.port = 80
 *     | ----------- first set here
 *   2 | server.port = 8080  # error
 *     | ^^^^^^^^^^^
 *   fix (unsafe): Use ":=" to replace the earlier value
 * ```
 * `sourceText` is the text of `d.range.file`; without it the frame is left out.
 */
export function renderDiagnostic(d: Diagnostic, sourceText: string | undefined, options: RenderOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ansi.reset}` : text);
  const nearby = options.nearbyLines ?? 3;
  const out = [
    `${paint(ansi.bold, formatLocation(d.range))}  ${paint(severityColor[d.severity], d.severity)}  ${paint(ansi.dim, d.ruleId)}`,
    ...d.message.split('\n').map((line) => `  ${line}`),
  ];
  const related = d.related ?? [];
  const isNear = (r: SourceRange) =>
    sourceText !== undefined &&
    r.file === d.range.file &&
    r.start.line >= d.range.start.line - nearby &&
    r.end.line <= d.range.end.line + nearby;
  const near = related.filter((r) => isNear(r.range));
  if (sourceText !== undefined) out.push(...renderFrame(sourceText, d.range, near, paint));
  for (const r of related) if (!isNear(r.range)) out.push(`  ${formatLocation(r.range)}: ${r.message}`);
  for (const from of [...(d.includeChain ?? [])].reverse()) out.push(`  included from ${formatLocation(from)}`);
  if (d.fix) out.push(`  fix (${d.fix.safe ? 'safe' : 'unsafe'}): ${d.fix.title}`);
  return out.join('\n');
}

type Paint = (code: string, text: string) => string;

interface Mark {
  range: SourceRange;
  char: '^' | '-';
  label?: string;
}

function renderFrame(sourceText: string, main: SourceRange, related: { message: string; range: SourceRange }[], paint: Paint): string[] {
  const map = new LineMap(sourceText);
  const lineText = (line: number) => {
    const start = map.lineStarts[line - 1] ?? sourceText.length;
    const end = map.lineStarts[line] ?? sourceText.length + 1;
    return sourceText.slice(start, end - 1).replace(/[\r\n]+$/, '');
  };
  const marks: Mark[] = [{ range: main, char: '^' }, ...related.map((r) => ({ range: r.range, char: '-' as const, label: r.message }))];
  const first = Math.min(...marks.map((m) => m.range.start.line));
  const last = Math.max(...marks.map((m) => m.range.end.line));
  const lines: number[] = [];
  for (let line = first; line <= last; line++) lines.push(line);
  const shown = elideLongRange(lines, main);
  const width = String(last).length;
  const out: string[] = [];
  for (const line of shown) {
    if (line === undefined) {
      out.push(`  ${' '.repeat(width)} ${paint(ansi.dim, '…')}`);
      continue;
    }
    const text = lineText(line);
    out.push(`  ${paint(ansi.dim, `${String(line).padStart(width)} |`)}${text ? ` ${text}` : ''}`);
    for (const mark of marks) {
      const span = spanOnLine(mark.range, line, text);
      if (!span) continue;
      // Copy tabs from the source so the marks line up however wide a tab is drawn.
      const pad = text.slice(0, span.from).replace(/[^\t]/g, ' ');
      const underline = mark.char.repeat(Math.max(1, span.to - span.from));
      const label = mark.label && line === mark.range.end.line ? ` ${mark.label}` : '';
      out.push(`  ${paint(ansi.dim, `${' '.repeat(width)} |`)} ${pad}${paint(mark.char === '^' ? ansi.red : ansi.cyan, underline + label)}`);
    }
  }
  return out;
}

/** The columns (0-based, end exclusive) a range covers on one line, or undefined when it misses the line. */
function spanOnLine(range: SourceRange, line: number, text: string): { from: number; to: number } | undefined {
  if (line < range.start.line || line > range.end.line) return undefined;
  const from = line === range.start.line ? range.start.column - 1 : text.length - text.trimStart().length;
  const to = line === range.end.line ? range.end.column - 1 : text.length;
  // A multi-line range that ends at column 1 does not cover its last line.
  if (line !== range.start.line && to === 0) return undefined;
  return { from, to: Math.max(from, to) };
}

/** Leaves out the middle of a long main range; `undefined` marks the gap. */
function elideLongRange(lines: number[], main: SourceRange): (number | undefined)[] {
  const rangeLines = main.end.line - main.start.line + 1;
  if (rangeLines <= MAX_RANGE_LINES) return lines;
  const keepUntil = main.start.line + MAX_RANGE_LINES / 2 - 1;
  const keepFrom = main.end.line - MAX_RANGE_LINES / 2 + 1;
  const out: (number | undefined)[] = [];
  for (const line of lines) {
    if (line > keepUntil && line < keepFrom) {
      if (out[out.length - 1] !== undefined) out.push(undefined);
    } else out.push(line);
  }
  return out;
}
