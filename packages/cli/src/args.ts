import * as path from 'node:path';
import { isVersion } from '@lhconf/parser';
import type { Io } from './io.js';

/** `-` is standard input. */
export const STDIN = '-';

/**
 * The bytes of a file named on the command line (`-`: stdin), or an error line for stderr:
 * `name: error: cannot read: ENOENT`.
 */
async function readInput(name: string, io: Io): Promise<{ bytes: Uint8Array } | { error: string }> {
  try {
    if (name === STDIN) return { bytes: await io.readStdin() };
    const file = path.resolve(io.cwd, name);
    if ((await io.stat(file))?.isDirectory) return { error: `${name}: error: is a directory; name a config file` };
    return { bytes: await io.readFile(file) };
  } catch (err) {
    return { error: `${name}: error: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

/** The complaint about a `--target-version` value, or undefined when it names a lighttpd 1.4 release. */
export function targetVersionProblem(value: string | undefined): string | undefined {
  if (value === undefined || isVersion(value)) return undefined;
  return `--target-version: expected a lighttpd 1.4 release such as 1.4.69, got "${value}"`;
}

/**
 * The checks `lhconf parse` and `lhconf print` open with: a valid `--target-version`, a readable FILE (`-`:
 * stdin). Returns its bytes, or undefined after telling stderr why (the command then exits 2).
 */
export async function readCommandInput(command: string, args: { file: string; targetVersion?: string }, io: Io): Promise<Uint8Array | undefined> {
  const problem = targetVersionProblem(args.targetVersion);
  if (problem) {
    io.stderr(`lhconf ${command}: ${problem}\n`);
    return undefined;
  }
  const input = await readInput(args.file, io);
  if ('error' in input) {
    io.stderr(`${input.error}\n`);
    return undefined;
  }
  return input.bytes;
}
