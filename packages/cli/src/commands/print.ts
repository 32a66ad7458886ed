import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { decodeBytes, evaluateFile, evaluateText, printConfig } from '@lhconf/parser';
import { diagnosticLine } from '../diagnostic-line.js';
import { nodeIo, type Io } from '../io.js';
import { readCommandInput, STDIN } from '../args.js';

export interface PrintArgs {
  file: string;
  targetVersion?: string;
  allowIncludeShell?: boolean;
}

/**
 * `lhconf print FILE`: the effective configuration exactly as `lighttpd -p -f FILE` prints it (includes,
 * variables, `+=`, conditions merged), evaluated from the working directory as lighttpd would be started.
 * Problems go to stderr as `file:line:col: severity: message`. Exit 0: printed; 1: lighttpd would refuse the
 * config (nothing printed); 2: unreadable file or bad usage.
 */
export async function runPrint(args: PrintArgs, io: Io): Promise<number> {
  // Read up front so that a missing or unreadable main file is exit 2, not a config problem; evaluateFile then
  // reads it again the way lighttpd does, with its includes.
  const bytes = await readCommandInput('print', args, io);
  if (!bytes) return 2;
  const options = {
    targetVersion: args.targetVersion,
    cwd: io.cwd,
    env: io.env,
    allowIncludeShell: args.allowIncludeShell ?? false,
    ...(io.evaluateFs && { fs: io.evaluateFs }),
  };
  const result =
    args.file === STDIN ? evaluateText(decodeBytes(bytes).text, { ...options, file: '<stdin>' }) : evaluateFile(args.file, options);
  for (const d of result.diagnostics) io.stderr(`${diagnosticLine(d)}\n`);
  if (result.fatal) return 1;
  io.stdout(printConfig(result, { targetVersion: result.targetVersion }));
  return 0;
}

export const printCommand: CommandModule<object, PrintArgs> = {
  command: 'print <file>',
  describe: 'Print the effective config exactly like lighttpd -p -f FILE',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'main config file; "-": stdin (includes relative to the working directory)' })
      .option('target-version', { type: 'string', requiresArg: true, describe: 'lighttpd release to behave like, e.g. 1.4.69' })
      .option('allow-include-shell', { type: 'boolean', describe: 'run include_shell commands (never run otherwise)' })
      .example('$0 print /etc/lighttpd/lighttpd.conf', 'what lighttpd will run with') as unknown as Argv<PrintArgs>,
  handler: async (argv: ArgumentsCamelCase<PrintArgs>) => {
    process.exitCode = await runPrint(argv, nodeIo);
  },
};
