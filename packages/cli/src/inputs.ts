import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Io } from './io.js';

/** A file named on the command line or found below a directory or by a glob. */
export interface Input {
  /** As the user will recognise it: the argument, or the argument joined with the path below it. */
  name: string;
  /** Absolute path. */
  file: string;
}

export interface ExpandOptions {
  /** Files found below a directory or by a glob are skipped when this says so (config `ignore`); named files never are. */
  isIgnored?: (file: string) => boolean | Promise<boolean>;
}

/**
 * Turns command-line paths into files: a file as named, a directory into every `*.conf` below it, a glob
 * (`*`, `?`, `[…]`, `**`, `{a,b}`; for when the shell did not expand it) into the files it matches. Dot
 * directories (`.git`) and `node_modules` are never entered. Results keep argument order, each expansion
 * sorted, each file once.
 */
export async function expandPaths(args: readonly string[], io: Io, options: ExpandOptions = {}): Promise<{ inputs: Input[]; missing: string[] }> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    if (seen.has(input.file)) return;
    seen.add(input.file);
    inputs.push(input);
  };
  const addFound = async (found: Input[]) => {
    for (const input of found) if (!(await options.isIgnored?.(input.file))) add(input);
  };
  for (const arg of args) {
    const file = path.resolve(io.cwd, arg);
    const stat = await io.stat(file);
    if (stat?.isDirectory) await addFound(await walk(file, arg, io, (name) => name.endsWith('.conf')));
    else if (stat) add({ name: arg, file });
    else if (hasGlobMagic(arg)) {
      const found = await expandGlob(arg, io);
      if (found.length === 0) missing.push(arg);
      await addFound(found);
    } else missing.push(arg);
  }
  return { inputs, missing };
}

function hasGlobMagic(arg: string): boolean {
  return /[*?[{]/.test(arg);
}

/** Files below `dir` whose name passes `keep`, sorted by path. */
async function walk(dir: string, shown: string, io: Io, keep: (name: string, relative: string) => boolean, relative = ''): Promise<Input[]> {
  const out: Input[] = [];
  for (const entry of (await io.readDir(dir)).sort()) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const file = path.join(dir, entry);
    const rel = relative ? `${relative}/${entry}` : entry;
    const stat = await io.stat(file);
    if (stat?.isDirectory) out.push(...(await walk(file, path.join(shown, entry), io, keep, rel)));
    else if (stat?.isFile && keep(entry, rel)) out.push({ name: path.join(shown, entry), file });
  }
  return out;
}

/** Expands a glob relative to the working directory (or absolute), walking below its literal leading directories. */
async function expandGlob(pattern: string, io: Io): Promise<Input[]> {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex(hasGlobMagic);
  const base = segments.slice(0, firstMagic).join('/');
  const rest = segments.slice(firstMagic).join('/');
  const baseDir = path.resolve(io.cwd, base || '.');
  if (!(await io.stat(baseDir))?.isDirectory) return [];
  // `*` and `?` within a segment, `**` across segments, `[abc]`, `[!abc]`, `{a,b}` (the walk never enters dot entries).
  const matches = picomatch(rest, { posix: true });
  // path.join('.', 'a.conf') is 'a.conf': names come out as the user would type them.
  return walk(baseDir, base || '.', io, (_name, relative) => matches(relative));
}
