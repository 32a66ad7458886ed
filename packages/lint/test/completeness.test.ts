// The catalogue of rules stays whole: every folder has its files, is listed once in rules/index.ts under its
// own id, and docs/rules.md is what scripts/gen-docs.ts writes. `pnpm new-rule <id>` satisfies all of it.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRulesDoc, rulesDocPath } from '../../../scripts/gen-docs.js';
import { addToIndex, scaffold } from '../../../scripts/new-rule.js';
import { rules } from '../src/index.js';
import { readRuleFile, ruleFiles, ruleFolders, rulesDir } from './rule-harness.js';

describe('rule catalogue', () => {
  it('lists every rule folder in rules/index.ts, sorted, and nothing else', () => {
    expect(Object.keys(rules)).toEqual(ruleFolders());
  });

  it('keeps rules/index.ts one import and one entry per rule', () => {
    const source = readFileSync(path.join(rulesDir, 'index.ts'), 'utf8');
    const entries = [...source.matchAll(/^ {2}'([a-z0-9-]+)': (\w+),$/gm)].map((m) => m[1]);
    expect(entries).toEqual(ruleFolders());
  });

  it('lets new-rule insert a rule into rules/index.ts in order, with the files the tests ask for', () => {
    const source = readFileSync(path.join(rulesDir, 'index.ts'), 'utf8');
    const updated = addToIndex(source, 'no-middle-rule');
    const entries = [...updated.matchAll(/^ {2}'([a-z0-9-]+)': (\w+),$/gm)].map((m) => m[1]!);
    const imports = [...updated.matchAll(/^import (\w+) from '\.\/([a-z0-9-]+)\/rule\.js';$/gm)].map((m) => m[2]!);
    expect(entries).toEqual([...ruleFolders(), 'no-middle-rule'].sort());
    expect(imports).toEqual(entries);
    expect(updated).toContain("  'no-middle-rule': noMiddleRule,");
    expect(Object.keys(scaffold('no-middle-rule')).sort()).toEqual(ruleFiles.filter((f) => !f.includes('/')).sort());
  });

  it('writes docs/rules.md from the rules (run `pnpm gen:docs` when this fails)', () => {
    expect(readFileSync(rulesDocPath, 'utf8')).toBe(generateRulesDoc());
  });
});

describe.each(ruleFolders())('%s', (id) => {
  it('has rule.ts, README.md, valid.conf, invalid.conf and its snapshot', () => {
    for (const name of ruleFiles) expect(existsSync(path.join(rulesDir, id, name)), name).toBe(true);
  });

  it('is exported by rule.ts under its folder name', async () => {
    const mod = (await import(path.join(rulesDir, id, 'rule.ts'))) as { default: { id: string } };
    expect(mod.default.id).toBe(id);
    expect(rules[id as keyof typeof rules]).toBe(mod.default);
  });

  it('has meta a user can read', () => {
    const rule = rules[id as keyof typeof rules];
    expect(rule.description).toMatch(/^(Disallow|Require|Enforce|Prefer|Report) /);
    expect(rule.description).not.toMatch(/\.$/);
    for (const [messageId, text] of Object.entries(rule.messages)) expect(text.trim(), messageId).not.toBe('');
  });

  it('documents why, with examples', () => {
    const readme = readRuleFile(id, 'README.md');
    expect(readme).toMatch(/^## Why$/m);
    expect(readme).toMatch(/^## Examples$/m);
  });
});
