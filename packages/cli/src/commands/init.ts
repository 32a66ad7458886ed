import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { LATEST_VERSION } from '@lhconf/parser';
import { CONFIG_FILE_NAMES, type LintConfig } from '@lhconf/lint';
import { targetVersionProblem } from '../args.js';
import { nodeIo, type Io } from '../io.js';

export interface InitArgs {
  targetVersion?: string;
}

/**
 * `lhconf init`: writes a starter `.lhconfrc.json` in the working directory. Refuses (exit 2) when a config
 * file is already there; never overwrites.
 */
export async function runInit(args: InitArgs, io: Io): Promise<number> {
  const targetVersion = args.targetVersion ?? LATEST_VERSION;
  const problem = targetVersionProblem(targetVersion);
  if (problem) {
    io.stderr(`lhconf init: ${problem}\n`);
    return 2;
  }
  for (const name of CONFIG_FILE_NAMES) {
    if (await io.stat(path.join(io.cwd, name))) {
      io.stderr(`lhconf init: ${name} already exists here; not overwritten\n`);
      return 2;
    }
  }
  const starter: LintConfig = {
    targetVersion,
    rules: {},
    ignore: [],
    overrides: [],
    format: {},
  };
  const name = CONFIG_FILE_NAMES[0];
  try {
    await io.writeFileAtomic(path.join(io.cwd, name), Buffer.from(`${JSON.stringify(starter, null, 2)}\n`));
  } catch (err) {
    io.stderr(`lhconf init: cannot write ${name}: ${(err as Error).message}\n`);
    return 2;
  }
  io.stdout(`wrote ${name}: lint rules at their defaults for lighttpd ${targetVersion}; "lhconf rules" lists them\n`);
  return 0;
}

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init',
  describe: 'Write a starter .lhconfrc.json here (never overwrites)',
  builder: (yargs: Argv<object>) =>
    yargs.option('target-version', {
      type: 'string',
      requiresArg: true,
      describe: `lighttpd release your servers run (default ${LATEST_VERSION})`,
    }) as unknown as Argv<InitArgs>,
  handler: async (argv: ArgumentsCamelCase<InitArgs>) => {
    process.exitCode = await runInit(argv, nodeIo);
  },
};
