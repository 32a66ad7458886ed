import type { CommandModule } from 'yargs';
import { explainCommand } from './explain.js';
import { formatCommand } from './format.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { lspCommand } from './lsp.js';
import { parseCommand } from './parse.js';
import { printCommand } from './print.js';
import { rulesCommand } from './rules.js';
import { testCommand } from './test.js';

/** Every `lhconf` command, keyed by name, in the order `--help` lists them. */
export const commands = {
  lint: lintCommand,
  format: formatCommand,
  print: printCommand,
  explain: explainCommand,
  test: testCommand,
  parse: parseCommand,
  rules: rulesCommand,
  init: initCommand,
  lsp: lspCommand,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
} as const satisfies Record<string, CommandModule<object, any>>;
