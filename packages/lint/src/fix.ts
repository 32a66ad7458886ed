import type { Diagnostic, TextEdit } from '@lhconf/parser';

export interface ApplyFixesOptions {
  /** Also apply fixes marked unsafe (they change meaning): `--fix-unsafe`. */
  unsafe?: boolean;
  /** Only fixes whose edits all lie in this file. Default: the file of the first diagnostic with a fix. */
  file?: string;
  /** Lints the fixed text again; given, fixing repeats until nothing changes (fixes that conflicted get a turn). */
  relint?: (text: string) => Diagnostic[];
  /** Upper bound on passes with `relint`. Default 10. */
  maxPasses?: number;
}

export interface ApplyFixesResult {
  text: string;
  /** How many fixes were applied, over all passes. */
  fixed: number;
  passes: number;
  /** The diagnostics of the last lint (after `relint`), or the input ones when no pass ran. */
  diagnostics: Diagnostic[];
}

/**
 * Applies the fixes of `diagnostics` to `text`. A fix is all-or-nothing; a fix that overlaps one taken
 * earlier (in source order) waits for the next pass, which needs `relint`.
 */
export function applyFixes(text: string, diagnostics: Diagnostic[], options: ApplyFixesOptions = {}): ApplyFixesResult {
  const maxPasses = options.relint ? (options.maxPasses ?? 10) : 1;
  const file = options.file ?? diagnostics.find((d) => d.fix)?.range.file;
  let fixed = 0;
  let passes = 0;
  let current = diagnostics;
  while (passes < maxPasses) {
    const edits = chooseEdits(current, file, options.unsafe ?? false);
    if (edits.fixes === 0) break;
    text = applyEdits(text, edits.edits);
    fixed += edits.fixes;
    passes++;
    if (!options.relint) break;
    current = options.relint(text);
  }
  return { text, fixed, passes, diagnostics: current };
}

/** Applies non-overlapping edits (offsets into `text`). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset || b.range.end.offset - a.range.end.offset);
  for (const e of sorted) text = text.slice(0, e.range.start.offset) + e.text + text.slice(e.range.end.offset);
  return text;
}

function chooseEdits(diagnostics: Diagnostic[], file: string | undefined, unsafe: boolean): { edits: TextEdit[]; fixes: number } {
  const candidates = diagnostics
    .filter((d) => d.fix && d.fix.edits.length > 0 && (d.fix.safe || unsafe))
    .filter((d) => d.fix!.edits.every((e) => e.range.file === file))
    .sort((a, b) => startOf(a.fix!.edits) - startOf(b.fix!.edits));
  const taken: TextEdit[] = [];
  let fixes = 0;
  for (const d of candidates) {
    const edits = d.fix!.edits;
    if (edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...edits);
    fixes++;
  }
  return { edits: taken, fixes };
}

function startOf(edits: TextEdit[]): number {
  return Math.min(...edits.map((e) => e.range.start.offset));
}

// Two insertions at one point conflict too: their order would be arbitrary.
function overlaps(a: TextEdit, b: TextEdit): boolean {
  const [s1, e1, s2, e2] = [a.range.start.offset, a.range.end.offset, b.range.start.offset, b.range.end.offset];
  return s1 === s2 || (s1 < e2 && s2 < e1);
}
