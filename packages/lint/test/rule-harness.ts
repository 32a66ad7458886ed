// Shared by rules.test.ts and completeness.test.ts: how a rule folder is read and checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type Diagnostic } from '@lhconf/parser';
import { applyFixes, lintText, loadConfig, renderDiagnostic, type LintConfig } from '../src/index.js';

export const rulesDir = fileURLToPath(new URL('../src/rules/', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The four files every rule folder has, plus its snapshot. */
export const ruleFiles = ['rule.ts', 'README.md', 'valid.conf', 'invalid.conf', '__snapshots__/invalid.conf.snap'] as const;

/** Every rule folder name, sorted. */
export function ruleFolders(): string[] {
  return readdirSync(rulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readRuleFile(id: string, name: string): string {
  return readFileSync(path.join(rulesDir, id, name), 'utf8');
}

/**
 * The config a rule's cases run with: every rule at its default, or the folder's own `lhconf.config.json`
 * (e.g. `{ "targetVersion": "1.4.69" }` for a rule about older releases). Nothing above the folder counts.
 */
export async function ruleConfig(id: string): Promise<LintConfig> {
  const folder = path.join(rulesDir, id);
  const { config } = await loadConfig(folder, (file) =>
    path.dirname(file) === folder && existsSync(file) ? readFileSync(file, 'utf8') : undefined,
  );
  return config;
}

/** Lints a case and keeps the diagnostics of one rule; syntax errors are returned apart (cases must parse). */
export function lintCase(id: string, text: string, file: string, config: LintConfig): { found: Diagnostic[]; syntax: Diagnostic[] } {
  const all = lintText(text, { file, config });
  return { found: all.filter((d) => d.ruleId === id), syntax: all.filter((d) => d.ruleId === 'syntax') };
}

/** Lines whose comment ends with `# error` (a comment that is only `# error`, or `… # error` inside one). */
export function markedLines(text: string, file: string): number[] {
  const { ast } = parse(text, { file });
  return ast.comments
    .filter((c) => /(?:^|#)\s*error\s*$/.test(c.text))
    .map((c) => c.range.start.line)
    .sort((a, b) => a - b);
}

/** The distinct start lines of diagnostics, ascending. */
export function reportedLines(diagnostics: Diagnostic[]): number[] {
  return [...new Set(diagnostics.map((d) => d.range.start.line))].sort((a, b) => a - b);
}

/**
 * The snapshot text: each diagnostic rendered, then the file after this rule's safe fixes, and when the rule
 * offered unsafe fixes, the file after all of them (so unsafe edits are reviewed too).
 */
export function renderCase(id: string, text: string, file: string, config: LintConfig, found: Diagnostic[]): string {
  const frames = found.map((d) => renderDiagnostic(d, text, { color: false }));
  const relint = (t: string) => lintCase(id, t, file, config).found;
  const safe = applyFixes(text, found, { file, relint });
  let out = `${frames.join('\n\n')}\n\n--- ${file} after safe fixes ---\n${safe.fixed > 0 ? safe.text : '(no safe fix)\n'}`;
  if (found.some((d) => d.fix && !d.fix.safe)) {
    const all = applyFixes(text, found, { file, relint, unsafe: true });
    out += `\n--- ${file} after all fixes (--fix-unsafe) ---\n${all.text}`;
  }
  return out;
}

export interface ReadmeExample {
  kind: 'valid' | 'invalid';
  text: string;
  /** 1-based line of the opening fence in README.md, for failure messages. */
  line: number;
}

/** The ```` ```conf valid ```` and ```` ```conf invalid ```` blocks of a rule README. */
export function readmeExamples(readme: string): ReadmeExample[] {
  const out: ReadmeExample[] = [];
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```conf\s+(valid|invalid)\s*$/.exec(lines[i]!);
    if (!m) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    out.push({ kind: m[1] as 'valid' | 'invalid', text: `${body.join('\n')}\n`, line: start + 1 });
  }
  return out;
}
