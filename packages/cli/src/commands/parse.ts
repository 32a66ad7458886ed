import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { AST_VERSION, parseBytes, walk, type Node, type NodeOfType, type NodeType } from '@lhconf/parser';
import { diagnosticLine } from '../diagnostic-line.js';
import { nodeIo, type Io } from '../io.js';
import { readCommandInput, STDIN } from '../args.js';

export interface ParseArgs {
  /** A config file; `-`: stdin. */
  file: string;
  /** Print `{ astVersion, file, ast, diagnostics }` (packages/cli/schema/ast.md) instead of an outline. */
  json?: boolean;
  targetVersion?: string;
}

/**
 * `lhconf parse FILE`: the syntax tree of one file (no includes followed), as JSON with `--json` or as an
 * indented outline. Exit 0: no syntax errors; 1: syntax errors (the tree is still printed, recovered);
 * 2: unreadable file or bad usage.
 */
export async function runParse(args: ParseArgs, io: Io): Promise<number> {
  const bytes = await readCommandInput('parse', args, io);
  if (!bytes) return 2;
  const file = args.file === STDIN ? '<stdin>' : args.file;
  const { ast, diagnostics } = parseBytes(bytes, { file, targetVersion: args.targetVersion });
  if (args.json) {
    // `parent` is not enumerable, so the tree serialises as a tree.
    io.stdout(`${JSON.stringify({ astVersion: AST_VERSION, file, ast, diagnostics }, null, 2)}\n`);
  } else {
    io.stdout(outline(ast));
    for (const d of diagnostics) io.stderr(`${diagnosticLine(d)}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** One line per node, indented by depth: `Assignment 1:1-1:17`, with the name or value of leaves. */
function outline(root: Node): string {
  const lines: string[] = [];
  let depth = 0;
  walk(
    root,
    (node) => {
      const { start, end } = node.range;
      lines.push(`${'  '.repeat(depth)}${node.type} ${start.line}:${start.column}-${end.line}:${end.column}${detailOf(node)}`);
      depth++;
    },
    () => void depth--,
  );
  return `${lines.join('\n')}\n`;
}

/** What an outline line shows after a node's range; node types not listed show nothing more. */
const details: { [T in NodeType]?: (node: NodeOfType<T>) => string } = {
  Document: (n) => n.file,
  Identifier: (n) => n.name,
  Reference: (n) => n.name,
  StringLiteral: (n) => n.raw,
  IntegerLiteral: (n) => n.raw,
  Operator: (n) => n.value,
  Keyword: (n) => n.value,
};

function detailOf(node: Node): string {
  const detail = (details[node.type] as ((n: Node) => string) | undefined)?.(node);
  return detail === undefined ? '' : ` ${detail}`;
}

export const parseCommand: CommandModule<object, ParseArgs> = {
  command: 'parse <file>',
  describe: 'Print the syntax tree of one file (no includes followed)',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'config file; "-": stdin' })
      .option('json', { type: 'boolean', describe: 'print JSON { astVersion, file, ast, diagnostics } (see schema/ast.md)' })
      .option('target-version', { type: 'string', requiresArg: true, describe: 'lighttpd release whose syntax applies, e.g. 1.4.69' })
      .example('$0 parse --json lighttpd.conf | jq .ast.body[0]', 'the first statement as JSON') as unknown as Argv<ParseArgs>,
  handler: async (argv: ArgumentsCamelCase<ParseArgs>) => {
    process.exitCode = await runParse(argv, nodeIo);
  },
};
