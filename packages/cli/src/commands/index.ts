import type { CommandModule } from 'yargs';
import { formatCommand } from './format.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { parseCommand } from './parse.js';
import { printCommand } from './print.js';
import { rulesCommand } from './rules.js';

/** Every `lhconf` command, keyed by name, in the order `--help` lists them. */
export const commands = {
  lint: lintCommand,
  format: formatCommand,
  print: printCommand,
  parse: parseCommand,
  rules: rulesCommand,
  init: initCommand,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
} as const satisfies Record<string, CommandModule<object, any>>;
