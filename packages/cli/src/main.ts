import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { VERSION } from './version.js';

const EPILOGUE = `Exit codes:
  0  clean: no problems, or only warnings within --max-warnings
  1  problems found (lint errors, syntax errors, a config lighttpd refuses), or files that format --check would change
  2  usage error, unreadable file, invalid .lhconfrc.json, or an internal error

Configuration: .lhconfrc.json or lhconf.config.json, the nearest one upward from each file ("lhconf init" writes one).
Rules: "lhconf rules" lists them, "lhconf rules <id>" explains one. Colour: NO_COLOR turns it off, FORCE_COLOR on.`;

/** Usage errors and failures inside a command: what `lhconf` exits with (see EPILOGUE). */
const EXIT_USAGE = 2;

/**
 * Runs `lhconf` on the given arguments (without `node` and the script). Sets `process.exitCode`; never calls
 * `process.exit()`, so pending output is always flushed.
 */
export async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('lhconf')
    .usage('$0 <command> [options]\n\nLint, format and inspect lighttpd 1.4 configuration files.')
    .example('$0 lint /etc/lighttpd/lighttpd.conf', 'lint a config and everything it includes')
    .example('$0 lint --fix -f github conf/', 'fix what is safe to fix, annotate the rest in GitHub Actions')
    .example('$0 format --check .', 'list files whose formatting would change (exit 1 if any)')
    .example('$0 print lighttpd.conf', 'the effective config, as lighttpd -p prints it')
    .example('$0 rules no-debug-enabled', 'what a rule checks and why')
    .epilogue(EPILOGUE)
    .demandCommand(1, 'name a command')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    .command(Object.values<CommandModule<object, any>>(commands))
    .version(VERSION)
    .alias('v', 'version')
    .wrap(null)
    .exitProcess(false)
    .fail((message, err) => {
      // Throwing is what stops yargs here: without exitProcess it would go on and run the command's handler.
      throw err ?? new UsageError(message);
    });
  skipHelpPrerender(cli);
  try {
    await cli.parseAsync();
  } catch (err) {
    process.exitCode = EXIT_USAGE;
    if (err instanceof UsageError) {
      // recommendCommands words an unknown command as just "Did you mean lint?".
      const what = err.message.startsWith('Did you mean') ? `unknown command "${argv[0]}". ${err.message}` : err.message;
      process.stderr.write(`lhconf: ${what}\nRun "lhconf --help" for usage.\n`);
      return;
    }
    process.stderr.write(`lhconf: internal error: ${(err as Error).stack ?? String(err)}\nPlease report this as an lhconf bug.\n`);
  }
}

class UsageError extends Error {}

/**
 * yargs renders the whole help text each time a command starts, in case the command asks for it later
 * (command.js: cacheHelpMessage). No lhconf command does, and the rendering is about 35 ms of CPU, a sixth of
 * a `lhconf lint` run. `--help` is unaffected: it renders when asked. yargs internals: guarded, so a yargs
 * that works differently only loses the saving.
 */
function skipHelpPrerender(cli: object): void {
  const internal = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

// `lhconf … | head` closes the pipe early: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });

await main(hideBin(process.argv));
