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

/**
 * Whether `next` (and what follows it on the same line, from `rest`) fits in `width` columns.
 * Only text up to the first line break counts.
 */
function fits(next: Frame, rest: Frame[], width: number): boolean {
  const stack: Frame[] = [next];
  let restIndex = rest.length;
  while (width >= 0) {
    let frame = stack.pop();
    if (!frame) {
      if (restIndex === 0) return true;
      frame = rest[--restIndex]!;
    }
    const { mode, doc } = frame;
    if (typeof doc === 'string') {
      const nl = doc.search(/[\r\n]/);
      if (nl >= 0) return width - nl >= 0;
      width -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ indent: frame.indent, mode, doc: doc[i]! });
      continue;
    }
    switch (doc.kind) {
      case 'line':
        if (mode === 'break' || doc.mode === 'hardline') return true;
        if (doc.mode === 'line') width -= 1;
        break;
      case 'indent':
        stack.push({ indent: frame.indent + 1, mode, doc: doc.contents });
        break;
      case 'group':
        stack.push({ indent: frame.indent, mode: doc.shouldBreak ? 'break' : mode, doc: doc.contents });
        break;
      case 'ifBreak':
        stack.push({ indent: frame.indent, mode, doc: mode === 'break' ? doc.breakContents : doc.flatContents });
        break;
      case 'lineSuffix':
      case 'breakParent':
        break;
    }
  }
  return false;
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

/** Lays out `doc` within `lineWidth`; trailing blanks are trimmed from every line. */
export function printDoc(doc: Doc, options: PrintDocOptions): string {
  propagateBreaks(doc);
  const out: string[] = [];
  let column = 0;
  let lineSuffixes: Frame[] = [];
  const indentText = (level: number) =>
    options.useTabs ? '\t'.repeat(level) : ' '.repeat(level * options.indentWidth);
  const stack: Frame[] = [{ indent: 0, mode: 'break', doc }];

  const trimTrailingBlanks = () => {
    while (out.length > 0) {
      const trimmed = out[out.length - 1]!.replace(/[ \t]+$/, '');
      if (trimmed.length > 0) {
        out[out.length - 1] = trimmed;
        return;
      }
      out.pop();
    }
  };

  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { indent: level, mode, doc: d } = frame;
    if (typeof d === 'string') {
      out.push(d);
      const nl = Math.max(d.lastIndexOf('\n'), d.lastIndexOf('\r'));
      // A string literal may span lines: the column restarts after its last newline.
      column = nl >= 0 ? d.length - nl - 1 : column + d.length;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent: level, mode, doc: d[i]! });
      continue;
    }
    switch (d.kind) {
      case 'indent':
        stack.push({ indent: level + 1, mode, doc: d.contents });
        break;
      case 'group': {
        if (mode === 'flat' && !d.shouldBreak) {
          stack.push({ indent: level, mode: 'flat', doc: d.contents });
          break;
        }
        const flat: Frame = { indent: level, mode: 'flat', doc: d.contents };
        const width = options.lineWidth - column;
        if (!d.shouldBreak && fits(flat, stack, width)) stack.push(flat);
        else stack.push({ indent: level, mode: 'break', doc: d.contents });
        break;
      }
      case 'ifBreak':
        stack.push({ indent: level, mode, doc: mode === 'break' ? d.breakContents : d.flatContents });
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
          stack.push(frame);
          stack.push(...separateSuffixes(lineSuffixes));
          lineSuffixes = [];
          break;
        }
        trimTrailingBlanks();
        out.push(options.newline + indentText(level));
        column = level * options.indentWidth;
        break;
    }
    if (stack.length === 0 && lineSuffixes.length > 0) {
      stack.push(...separateSuffixes(lineSuffixes));
      lineSuffixes = [];
    }
  }
  trimTrailingBlanks();
  return out.join('');
}
