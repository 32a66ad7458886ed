import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { decodeBytes } from '@lhconf/parser';
import { formatBytes, resolveFormatOptions, unifiedDiff, type FormatOptions } from '@lhconf/format';
import { diagnosticLine } from '../diagnostic-line.js';
import { expandPaths } from '../inputs.js';
import { nodeIo, type Io } from '../io.js';

export interface FormatArgs {
  /** Files, directories (every `*.conf` below them) and globs; none or `-` reads stdin. */
  files?: string[];
  write?: boolean;
  check?: boolean;
  diff?: boolean;
  /** The path stdin stands for: its options are resolved, and messages name it. */
  stdinFilepath?: string;
}

/** Exit codes: what `lhconf format` promises scripts. */
const EXIT = { ok: 0, wouldChange: 1, error: 2 } as const;

const STDIN = '-';

/** A file to format, or stdin (`file` undefined). */
type Input = { name: string; file: string | undefined };

/** `-` is stdin wherever it stands; everything else goes through {@link expandPaths} (directories, globs). */
async function expandInputs(args: FormatArgs, io: Io): Promise<{ inputs: Input[]; missing: string[] }> {
  const given = args.files && args.files.length > 0 ? args.files : [STDIN];
  const { inputs, missing } = await expandPaths(given.filter((arg) => arg !== STDIN), io);
  const stdin: Input[] = given.includes(STDIN) ? [{ name: args.stdinFilepath ?? '<stdin>', file: undefined }] : [];
  return { inputs: [...stdin, ...inputs], missing };
}

/**
 * `lhconf format [files|dirs...]`: prints the formatted text of one file or stdin, or with `--write` rewrites
 * files that change (atomically; never a file with syntax errors), with `--check` lists files that would
 * change, with `--diff` prints a unified diff. Exit 0: nothing (more) to do; 1: `--check`/`--diff` found files
 * that would change; 2: syntax errors, unreadable files, bad options or bad usage.
 */
export async function runFormat(args: FormatArgs, io: Io): Promise<number> {
  if (args.write && (args.check || args.diff)) {
    io.stderr('lhconf format: --write cannot be combined with --check or --diff\n');
    return EXIT.error;
  }
  const { inputs, missing } = await expandInputs(args, io);
  let exit: number = EXIT.ok;
  for (const name of missing) {
    io.stderr(`${name}: error: no such file or directory\n`);
    exit = EXIT.error;
  }
  const printsOutput = !args.write && !args.check && !args.diff;
  if (printsOutput && inputs.length > 1) {
    io.stderr('lhconf format: several files given: use --write, --check or --diff (or name one file)\n');
    return EXIT.error;
  }
  const readText = async (file: string) => {
    const stat = await io.stat(file);
    return stat?.isFile ? Buffer.from(await io.readFile(file)).toString('utf8') : undefined;
  };

  for (const input of inputs) {
    let options: FormatOptions;
    let bytes: Uint8Array;
    try {
      options = await resolveFormatOptions(input.file ?? path.resolve(io.cwd, args.stdinFilepath ?? 'stdin.conf'), readText);
      bytes = input.file === undefined ? await io.readStdin() : await io.readFile(input.file);
    } catch (err) {
      io.stderr(`${input.name}: error: ${(err as Error).message}\n`);
      exit = EXIT.error;
      continue;
    }
    let result: ReturnType<typeof formatBytes>;
    try {
      result = formatBytes(bytes, { ...options, file: input.name });
    } catch (err) {
      // FormatInternalError: a comment would be lost. Never write; this is an lhconf bug to report.
      io.stderr(`${input.name}: internal error: ${(err as Error).message}\n`);
      exit = EXIT.error;
      continue;
    }
    if (!result.ok) {
      // Ranges name input.name: it was passed to the parser as the file.
      for (const d of result.diagnostics) io.stderr(`${diagnosticLine(d)}\n`);
      exit = EXIT.error;
      continue;
    }

    if (printsOutput || (args.write && input.file === undefined)) {
      // Io.stdout takes text: a latin1 file comes out as UTF-8 here (only --write is byte-exact).
      const decoded = decodeBytes(result.output);
      io.stdout((decoded.bom ? '\uFEFF' : '') + decoded.text);
      continue;
    }
    if (!result.changed) continue;
    if (args.write) {
      try {
        await io.writeFileAtomic(input.file!, result.output);
      } catch (err) {
        io.stderr(`${input.name}: error: cannot write: ${(err as Error).message}\n`);
        exit = EXIT.error;
      }
      continue;
    }
    if (exit === EXIT.ok) exit = EXIT.wouldChange;
    if (args.check) io.stdout(`${input.name}\n`);
    if (args.diff) io.stdout(unifiedDiff(input.name, decodeBytes(bytes).text, decodeBytes(result.output).text));
  }
  return exit;
}

export const formatCommand: CommandModule<object, FormatArgs> = {
  command: 'format [files..]',
  describe: 'Format lighttpd config files (options from .lhconfrc.json "format" and .editorconfig)',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('files', { type: 'string', array: true, describe: 'files, directories (every *.conf below) or globs; "-" or none: stdin' })
      .option('write', { type: 'boolean', describe: 'rewrite files that change (never files with syntax errors)' })
      .option('check', { type: 'boolean', describe: 'list files that would change; exit 1 if any' })
      .option('diff', { type: 'boolean', describe: 'print a unified diff of what would change; exit 1 if anything would' })
      .option('stdin-filepath', { type: 'string', describe: 'path that stdin stands for (options, messages)' })
      .conflicts('write', ['check', 'diff']) as unknown as Argv<FormatArgs>,
  handler: async (argv: ArgumentsCamelCase<FormatArgs>) => {
    process.exitCode = await runFormat(argv, nodeIo);
  },
};
