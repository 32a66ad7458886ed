// `pnpm new-rule <id>`: scaffolds packages/lint/src/rules/<id>/ (rule.ts, README.md, valid.conf, invalid.conf),
// lists the rule in rules/index.ts and regenerates docs/rules.md. Then: write the cases, the rule, and run
// `npx vitest run packages/lint/test/rules.test.ts -t <id>` (the first run writes __snapshots__/invalid.conf.snap).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const rulesDir = path.join(repoRoot, 'packages', 'lint', 'src', 'rules');

/** STYLE.md naming: kebab-case, named after the pattern reported. */
const idPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const prefixes = ['no-duplicate-', 'no-unknown-', 'no-deprecated-', 'no-unused-', 'no-useless-', 'no-invalid-', 'no-', 'require-', 'consistent-'];

export function camelCase(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The files of a new rule folder, by name. */
export function scaffold(id: string): Record<string, string> {
  return {
    'rule.ts': `import { defineRule } from '../../define-rule.js';

export default defineRule({
  id: '${id}',
  description: 'Disallow …',
  severity: 'warning',
  messages: {
    // One entry per message and per fix title; {placeholders} are filled from report({ data }).
    found: 'What is wrong and why, as a sentence.',
  },
  create(ctx) {
    return {
      // One handler per AST node type (packages/parser/src/ast.ts); 'Assignment:exit' runs after the children.
      Assignment(node) {
        // Decide on the AST, return early, then: ctx.report({ node, messageId: 'found', data: { … } });
        void ctx;
        void node;
      },
    };
  },
});
`,
    'README.md': `## Why

What goes wrong in lighttpd when this pattern is written, citing its message or behaviour.

## Examples

\`\`\`conf invalid
server.tag = "example"  # error
\`\`\`

\`\`\`conf valid
server.tag = "example"
\`\`\`
`,
    'valid.conf': `# Cases ${id} must accept, one idea per paragraph.\n`,
    'invalid.conf': `# Cases ${id} must report: end each line where a diagnostic starts with "# error".\n`,
  };
}

/** rules/index.ts with the rule's import and entry inserted, both kept sorted. */
export function addToIndex(indexSource: string, id: string): string {
  const lines = indexSource.split('\n');
  const importLine = `import ${camelCase(id)} from './${id}/rule.js';`;
  const entryLine = `  '${id}': ${camelCase(id)},`;
  const isImport = (l: string) => /^import \w+ from '\.\/[a-z0-9-]+\/rule\.js';$/.test(l);
  const isEntry = (l: string) => /^ {2}'[a-z0-9-]+': \w+,$/.test(l);
  const insertSorted = (isOfKind: (l: string) => boolean, line: string, fallbackAfter: (l: string) => boolean) => {
    const idx = lines.findIndex((l) => isOfKind(l) && l > line);
    if (idx !== -1) return void lines.splice(idx, 0, line);
    const last = lines.findLastIndex(isOfKind);
    lines.splice(last !== -1 ? last + 1 : lines.findIndex(fallbackAfter) + 1, 0, line);
  };
  insertSorted(isImport, importLine, (l) => l.startsWith('import type'));
  insertSorted(isEntry, entryLine, (l) => l.startsWith('export const rules'));
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const id = argv[0];
  if (!id || argv.length !== 1) {
    console.error('usage: pnpm new-rule <rule-id>   (e.g. no-duplicate-condition)');
    return 2;
  }
  if (!idPattern.test(id)) {
    console.error(`"${id}" is not a kebab-case rule id like no-duplicate-condition`);
    return 2;
  }
  if (!prefixes.some((p) => id.startsWith(p)))
    console.warn(`note: rule ids usually start with ${prefixes.join(', ')} (STYLE.md "A lint rule")`);
  const folder = path.join(rulesDir, id);
  if (existsSync(folder)) {
    console.error(`${path.relative(repoRoot, folder)} already exists`);
    return 1;
  }
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(scaffold(id))) writeFileSync(path.join(folder, name), text);
  const indexPath = path.join(rulesDir, 'index.ts');
  writeFileSync(indexPath, addToIndex(readFileSync(indexPath, 'utf8'), id));
  // Imported late: the index must already list the new rule when the docs are generated.
  const { generateRulesDoc, rulesDocPath } = await import('./gen-docs.js');
  writeFileSync(rulesDocPath, generateRulesDoc());
  console.log(`created ${path.relative(repoRoot, folder)}/ {rule.ts, README.md, valid.conf, invalid.conf}`);
  console.log('listed it in packages/lint/src/rules/index.ts and regenerated docs/rules.md');
  console.log(`next: write the cases and the rule, then npx vitest run packages/lint -t ${id}`);
  console.log('      (the first run writes __snapshots__/invalid.conf.snap: read it before committing; rerun pnpm gen:docs after README edits)');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
