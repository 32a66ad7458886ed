/**
 * A small Wadler-style document builder (the idea behind prettier's `doc`): printers describe text, possible
 * line breaks and indentation; {@link printDoc} decides which groups fit on one line.
 */

export type Doc = string | Doc[] | DocCommand;

export type DocCommand =
  | { kind: 'line'; mode: 'line' | 'softline' | 'hardline' }
  | { kind: 'indent'; contents: Doc }
  | { kind: 'group'; contents: Doc; shouldBreak: boolean }
  | { kind: 'ifBreak'; breakContents: Doc; flatContents: Doc }
  | { kind: 'lineSuffix'; contents: Doc }
  | { kind: 'breakParent' };

/** A space in flat mode, a newline when the enclosing group breaks. */
export const line: Doc = { kind: 'line', mode: 'line' };
/** Nothing in flat mode, a newline when the enclosing group breaks. */
export const softline: Doc = { kind: 'line', mode: 'softline' };
/** Forces the enclosing groups to break. */
export const breakParent: Doc = { kind: 'breakParent' };
/** Always a newline; breaks every enclosing group. */
export const hardline: Doc = [{ kind: 'line', mode: 'hardline' }, breakParent];

export function text(s: string): Doc {
  return s;
}

export function indent(contents: Doc): Doc {
  return { kind: 'indent', contents };
}

/** Printed flat when it fits in the remaining width (and holds no hard break), otherwise broken. */
export function group(contents: Doc, options: { shouldBreak?: boolean } = {}): Doc {
  return { kind: 'group', contents, shouldBreak: options.shouldBreak ?? false };
}

/** `breakContents` when the enclosing group is broken, `flatContents` when it is flat ("fill if needed"). */
export function ifBreak(breakContents: Doc, flatContents: Doc = ''): Doc {
  return { kind: 'ifBreak', breakContents, flatContents };
}

/**
 * Deferred to just before the next newline, after a space: how a `# comment` stays at the end of its line.
 * Two suffixes pending at one newline are printed on separate lines.
 */
export function lineSuffix(contents: Doc): Doc {
  return { kind: 'lineSuffix', contents };
}

/** `docs` with `separator` between them. */
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i > 0) out.push(separator);
    out.push(d);
  });
  return out;
}

export interface PrintDocOptions {
  lineWidth: number;
  indentWidth: number;
  useTabs: boolean;
  /** What a line break prints (`\n` or `\r\n`). */
  newline: string;
}

type Mode = 'flat' | 'break';
interface Frame {
  indent: number; // indentation level
  mode: Mode;
  doc: Doc;
}

/**
 * Marks every group that contains a hard break (directly or through nested groups) as broken, so that
 * the fitting test never has to look inside them. Returns whether `doc` contains a hard break.
 */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) {
    let found = false;
    for (const d of doc) if (propagateBreaks(d)) found = true;
    return found;
  }
  switch (doc.kind) {
    case 'breakParent':
      return true;
    case 'line':
      return false;
    case 'indent':
    case 'lineSuffix':
      return propagateBreaks(doc.contents);
    case 'ifBreak': {
      const a = propagateBreaks(doc.breakContents);
      const b = propagateBreaks(doc.flatContents);
      return a || b;
    }
    case 'group':
      if (propagateBreaks(doc.contents)) doc.shouldBreak = true;
      return doc.shouldBreak;
  }
}

/** Scratch stacks of {@link fits}, reused: it runs for every group that may break. */
const fitDocs: Doc[] = [];
const fitModes: Mode[] = [];

/**
 * Whether `next` printed in `mode` (and what follows it on the same line: the printer's pending stack,
 * `restDocs`/`restModes`, top last) fits in `width` columns. Only text up to the first line break counts.
 */
function fits(next: Doc, mode: Mode, restDocs: readonly Doc[], restModes: readonly Mode[], width: number): boolean {
  fitDocs.length = 0;
  fitModes.length = 0;
  fitDocs.push(next);
  fitModes.push(mode);
  let restIndex = restDocs.length;
  while (width >= 0) {
    let doc: Doc;
    let m: Mode;
    if (fitDocs.length > 0) {
      doc = fitDocs.pop()!;
      m = fitModes.pop()!;
    } else {
      if (restIndex === 0) return true;
      restIndex--;
      doc = restDocs[restIndex]!;
      m = restModes[restIndex]!;
    }
    if (typeof doc === 'string') {
      const nl = lineBreakIn(doc);
      if (nl >= 0) return width - nl >= 0;
      width -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) {
        fitDocs.push(doc[i]!);
        fitModes.push(m);
      }
      continue;
    }
    switch (doc.kind) {
      case 'line':
        if (m === 'break' || doc.mode === 'hardline') return true;
        if (doc.mode === 'line') width -= 1;
        break;
      case 'indent':
        fitDocs.push(doc.contents);
        fitModes.push(m);
        break;
      case 'group':
        fitDocs.push(doc.contents);
        fitModes.push(doc.shouldBreak ? 'break' : m);
        break;
      case 'ifBreak':
        fitDocs.push(m === 'break' ? doc.breakContents : doc.flatContents);
        fitModes.push(m);
        break;
      case 'lineSuffix':
      case 'breakParent':
        break;
    }
  }
  return false;
}

/** The index of the first \r or \n in `s`, or -1. */
function lineBreakIn(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** The index of the last \r or \n in `s`, or -1. */
function lastLineBreakIn(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/**
 * Pending line suffixes as stack frames (last on top is printed first). Each suffix is a `# comment`: the
 * first follows the line's text after a space; a second one on the same line would become part of the first
 * one's text, so each further one gets a line of its own.
 */
function separateSuffixes(suffixes: Frame[]): Frame[] {
  const frames: Frame[] = [];
  suffixes.forEach((s, i) => {
    frames.push(i === 0 ? { ...s, doc: ' ' } : { indent: s.indent, mode: 'break', doc: { kind: 'line', mode: 'hardline' } });
    frames.push(s);
  });
  return frames.reverse();
}

const isBlank = (c: number) => c === 32 || c === 9;

/** Lays out `doc` within `lineWidth`; trailing blanks are trimmed from every line. */
export function printDoc(doc: Doc, options: PrintDocOptions): string {
  propagateBreaks(doc);
  const out: string[] = [];
  let column = 0;
  let lineSuffixes: Frame[] = [];
  const indents: string[] = [];
  const indentText = (level: number) =>
    (indents[level] ??= options.useTabs ? '\t'.repeat(level) : ' '.repeat(level * options.indentWidth));
  // The pending work as three parallel stacks (top last) rather than an object per element: a 2,000-line
  // config is some 100,000 elements, printed on every format-on-save.
  const docs: Doc[] = [doc];
  const levels: number[] = [0];
  const modes: Mode[] = ['break'];
  const push = (f: Frame) => {
    docs.push(f.doc);
    levels.push(f.indent);
    modes.push(f.mode);
  };

  const trimTrailingBlanks = () => {
    while (out.length > 0) {
      const last = out[out.length - 1]!;
      if (last.length > 0 && !isBlank(last.charCodeAt(last.length - 1))) return;
      const trimmed = last.replace(/[ \t]+$/, '');
      if (trimmed.length > 0) {
        out[out.length - 1] = trimmed;
        return;
      }
      out.pop();
    }
  };

  while (docs.length > 0) {
    const d = docs.pop()!;
    const level = levels.pop()!;
    const mode = modes.pop()!;
    if (typeof d === 'string') {
      out.push(d);
      const nl = lastLineBreakIn(d);
      // A string literal may span lines: the column restarts after its last newline.
      column = nl >= 0 ? d.length - nl - 1 : column + d.length;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) {
        docs.push(d[i]!);
        levels.push(level);
        modes.push(mode);
      }
      continue;
    }
    switch (d.kind) {
      case 'indent':
        docs.push(d.contents);
        levels.push(level + 1);
        modes.push(mode);
        break;
      case 'group': {
        const flat = (mode === 'flat' && !d.shouldBreak) || (!d.shouldBreak && fits(d.contents, 'flat', docs, modes, options.lineWidth - column));
        docs.push(d.contents);
        levels.push(level);
        modes.push(flat ? 'flat' : 'break');
        break;
      }
      case 'ifBreak':
        docs.push(mode === 'break' ? d.breakContents : d.flatContents);
        levels.push(level);
        modes.push(mode);
        break;
      case 'lineSuffix':
        lineSuffixes.push({ indent: level, mode, doc: d.contents });
        break;
      case 'breakParent':
        break;
      case 'line':
        if (mode === 'flat' && d.mode !== 'hardline') {
          if (d.mode === 'line') {
            out.push(' ');
            column += 1;
          }
          break;
        }
        if (lineSuffixes.length > 0) {
          // Print the pending `# comment`s first, then come back to this line break.
          push({ indent: level, mode, doc: d });
          for (const f of separateSuffixes(lineSuffixes)) push(f);
          lineSuffixes = [];
          break;
        }
        trimTrailingBlanks();
        out.push(options.newline + indentText(level));
        column = level * options.indentWidth;
        break;
    }
    if (docs.length === 0 && lineSuffixes.length > 0) {
      for (const f of separateSuffixes(lineSuffixes)) push(f);
      lineSuffixes = [];
    }
  }
  trimTrailingBlanks();
  return out.join('');
}
