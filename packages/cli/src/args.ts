import * as path from 'node:path';
import { isVersion } from '@lhconf/parser';
import type { Io } from './io.js';

/** `-` is standard input. */
export const STDIN = '-';

/**
 * The bytes of a file named on the command line (`-`: stdin), or an error line for stderr:
 * `name: error: cannot read: ENOENT`.
 */
export async function readInput(name: string, io: Io): Promise<{ bytes: Uint8Array } | { error: string }> {
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
