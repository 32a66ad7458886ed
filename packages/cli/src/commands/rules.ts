import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { ConfigError, rules, validateConfig, type Rule } from '@lhconf/lint';
import { nodeIo, type Io } from '../io.js';

export interface RulesArgs {
  /** A rule id: print its documentation. */
  id?: string;
}

/**
 * `lhconf rules`: every rule with its default severity, fix kind and description; `lhconf rules <id>`: that
 * rule's section of docs/rules.md (why it matters, examples). Exit 2 for an unknown id.
 */
export async function runRules(args: RulesArgs, io: Io): Promise<number> {
  const all: Readonly<Record<string, Rule>> = rules;
  if (args.id === undefined) {
    const list = Object.values(all).sort((a, b) => (a.id < b.id ? -1 : 1));
    const header = { id: 'rule', severity: 'default', fix: 'fix', description: 'description' };
    const rows = [header, ...list.map((r) => ({ id: r.id, severity: r.severity, fix: r.fixable ?? '-', description: r.description }))];
    const width = (key: 'id' | 'severity' | 'fix') => Math.max(...rows.map((r) => r[key].length));
    for (const r of rows) io.stdout(`${r.id.padEnd(width('id'))}  ${r.severity.padEnd(width('severity'))}  ${r.fix.padEnd(width('fix'))}  ${r.description}\n`);
    io.stdout(`\n${list.length} rules. "lhconf rules <id>" explains one; set them in .lhconfrc.json "rules" or with --rule id=off|warn|error.\n`);
    return 0;
  }
  if (!(args.id in all)) {
    // validateConfig words the "did you mean" exactly as a config file with this id would get it.
    try {
      validateConfig({ rules: { [args.id]: 'off' } }, 'lhconf rules');
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.stderr(`lhconf rules: ${err.problems.join('; ').replace(/^rules\[[^\]]*\]: /, `"${args.id}": `)}\n`);
    }
    return 2;
  }
  const { default: markdown } = await import('../rules-doc.generated.js');
  io.stdout(`${ruleSection(markdown, args.id) ?? `# ${args.id}\n\n${all[args.id]!.description}.`}\n`);
  return 0;
}

/** The `## <id>` section of docs/rules.md, its headings raised one level so that it reads as a page of its own. */
export function ruleSection(markdown: string, id: string): string | undefined {
  const start = markdown.indexOf(`\n## ${id}\n`);
  if (start === -1) return undefined;
  const next = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start + 1, next === -1 ? undefined : next).trimEnd();
  let inCode = false;
  return section
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) inCode = !inCode;
      return !inCode && /^##+ /.test(line) ? line.slice(1) : line;
    })
    .join('\n');
}

export const rulesCommand: CommandModule<object, RulesArgs> = {
  command: 'rules [id]',
  describe: 'List the lint rules, or explain one',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('id', { type: 'string', describe: 'a rule id, e.g. no-duplicate-assignment' })
      .example('$0 rules no-duplicate-assignment', 'why the rule exists, with examples') as unknown as Argv<RulesArgs>,
  handler: async (argv: ArgumentsCamelCase<RulesArgs>) => {
    process.exitCode = await runRules(argv, nodeIo);
  },
};
