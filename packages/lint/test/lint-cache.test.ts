// The lint cache (statement-local rules' reports replayed for statements `reparse` kept) must change nothing:
// on chains of edits to every rule's cases and the fixture configs, a lint with the cache equals a lint without.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDocument, parse, reparse, type ParseResult } from '@lhconf/parser';
import { defineRule, LintCache, lintEvaluation, rules, type LintConfig, type Rule } from '@lhconf/lint';
import { readRuleFile, ruleFolders } from './rule-harness.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const FILE = '/nonexistent/lhconf-lint-cache/lighttpd.conf';

function confFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? confFiles(full) : name.endsWith('.conf') ? [full] : [];
  });
}

/** Texts that exercise every rule: each rule's cases, then the whole configs of fixtures/. */
const texts = [
  ...ruleFolders().flatMap((id) => [readRuleFile(id, 'invalid.conf'), readRuleFile(id, 'valid.conf')]),
  ...confFiles(path.join(REPO, 'fixtures/configs')).map((file) => readFileSync(file, 'utf8')),
  ...confFiles(path.join(REPO, 'fixtures/lint')).map((file) => readFileSync(file, 'utf8')),
];
/** Lines to insert: from all of them, so that a statement of one rule's case lands among another's. */
const linePool = [...new Set(texts.flatMap((t) => t.split('\n')))].filter((l) => l.trim() !== '');

type Edit =
  | { kind: 'insert' | 'replace'; at: number; line: number }
  | { kind: 'delete'; at: number }
  | { kind: 'char'; at: number; char: string };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('insert' as const, 'replace' as const), at: fc.nat(), line: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom('x', '1', ' ', '"', '.', '\n') }),
);

function applyEdit(text: string, e: Edit): string {
  if (e.kind === 'char') {
    // One character typed: mostly inside a string or a name, which keeps the statement whole.
    const i = e.at % Math.max(1, text.length);
    return text.slice(0, i) + e.char + text.slice(i);
  }
  const lines = text.split('\n');
  const at = e.at % Math.max(1, lines.length);
  if (e.kind === 'delete') lines.splice(at, 1);
  else lines.splice(at, e.kind === 'replace' ? 1 : 0, linePool[e.line % linePool.length]!);
  return lines.join('\n');
}

const configs: LintConfig[] = [{}, { targetVersion: '1.4.69' }, { targetVersion: '1.4.55', rules: { 'no-debug-enabled': 'error' } }];

function lintBoth(parsed: ParseResult, config: LintConfig, cache: LintCache) {
  const evaluated = evaluateDocument(parsed.ast, { targetVersion: config.targetVersion, cwd: path.dirname(FILE), allowIncludeShell: false });
  const evaluation = { ...evaluated, diagnostics: [...parsed.diagnostics, ...evaluated.diagnostics] };
  return { cached: lintEvaluation(evaluation, config, { cache }), plain: lintEvaluation(evaluation, config) };
}

describe('LintCache', () => {
  it('gives what a lint without it gives, edit after edit', () => {
    let replayed = 0;
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.constantFrom(...configs), fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 6 }), (index, config, edits) => {
        const options = { file: FILE, targetVersion: config.targetVersion };
        const cache = new LintCache();
        let text = texts[index]!;
        let parsed = parse(text, options);
        const first = lintBoth(parsed, config, cache);
        expect(first.cached).toEqual(first.plain);
        for (const [e, afresh] of edits) {
          text = applyEdit(text, e);
          // Entries are found by statement text: a version parsed afresh (new objects) is replayed as well.
          parsed = afresh ? parse(text, options) : reparse(parsed, text, options);
          const { cached, plain } = lintBoth(parsed, config, cache);
          expect(cached).toEqual(plain);
          replayed += cache.replayed;
        }
      }),
      { numRuns: 300, seed: 20261207 },
    );
    // The property means nothing if nothing was ever replayed.
    expect(replayed).toBeGreaterThan(1000);
  });

  it('replays every statement of an unchanged document and runs the other rules as usual', () => {
    const text = readRuleFile('no-debug-enabled', 'invalid.conf');
    const parsed = parse(text, { file: FILE });
    const cache = new LintCache();
    const config: LintConfig = {};
    const once = lintBoth(parsed, config, cache);
    expect(cache.replayed).toBe(0);
    const twice = lintBoth(parsed, config, cache);
    expect(cache.replayed).toBe(parsed.ast.body.length);
    expect(cache.linted).toBe(0);
    expect(twice.cached).toEqual(once.plain);
    expect(twice.cached.some((d) => d.ruleId === 'no-debug-enabled')).toBe(true);
  });

  it('replays statements of a version parsed afresh, and moves reports with a statement that changed column', () => {
    const cache = new LintCache();
    const config: LintConfig = {};
    const before = 'debug.log-request-header = "enable"\nserver.tag = "lighttpd/1.4.69"\n';
    lintBoth(parse(before, { file: FILE }), config, cache);
    // A syntax error at the end (no reparse: a full parse, new objects) and both statements on one line.
    const after = 'debug.log-request-header = "enable"  server.tag = "lighttpd/1.4.69"\nserver.port = \n';
    const { cached, plain } = lintBoth(parse(after, { file: FILE }), config, cache);
    expect(cache.replayed).toBe(2);
    expect(cached).toEqual(plain);
    const tag = cached.find((d) => d.ruleId === 'no-server-tag-version')!;
    expect(tag.range.start).toMatchObject({ line: 1, column: 51 });
  });

  it('forgets statements a lint did not meet', () => {
    const cache = new LintCache();
    const config: LintConfig = {};
    const a = 'server.tag = "lighttpd/1.4.69"\n';
    lintBoth(parse(a, { file: FILE }), config, cache);
    lintBoth(parse('server.port = 80\n', { file: FILE }), config, cache);
    lintBoth(parse(a, { file: FILE }), config, cache);
    expect(cache.replayed).toBe(0);
  });

  it('starts afresh for another config object', () => {
    const parsed = parse('debug.log-request-handling = "enable"\nserver.port = 80\nserver.tag = "x"\n', { file: FILE });
    const cache = new LintCache();
    lintBoth(parsed, {}, cache);
    const off: LintConfig = { rules: { 'no-debug-enabled': 'off' } };
    const { cached, plain } = lintBoth(parsed, off, cache);
    expect(cache.replayed).toBe(0);
    expect(cached).toEqual(plain);
    expect(cached.some((d) => d.ruleId === 'no-debug-enabled')).toBe(false);
  });

  it('refuses a statement-local rule that reports outside any statement', () => {
    const wrong: Rule = defineRule({
      id: 'wrong-locality',
      description: 'Reports the document',
      severity: 'warning',
      locality: 'statement',
      messages: { doc: 'document' },
      create: (ctx) => ({ 'Document:exit': (node) => ctx.report({ node, messageId: 'doc' }) }),
    });
    const parsed = parse('server.port = 80\n', { file: FILE });
    const evaluation = { ...evaluateDocument(parsed.ast, { cwd: '/', allowIncludeShell: false }) };
    const options = { rules: { 'wrong-locality': wrong } };
    expect(lintEvaluation(evaluation, {}, options)).toHaveLength(1);
    expect(() => lintEvaluation(evaluation, {}, { ...options, cache: new LintCache() })).toThrow(/declares locality "statement"/);
  });

  it('lints a statement again when a report of it reaches another statement', () => {
    // A (wrongly declared) local rule whose related range points at the first statement: never replayed.
    const pointsBack: Rule = defineRule({
      id: 'points-back',
      description: 'Relates each assignment to the first statement',
      severity: 'warning',
      locality: 'statement',
      messages: { back: 'see the first statement' },
      create: (ctx) => ({
        Assignment: (node) => {
          const first = ctx.document.body[0]!;
          if (first !== node) ctx.report({ node, messageId: 'back', related: [{ node: first, message: 'first' }] });
        },
      }),
    });
    const parsed = parse('server.port = 80\nserver.tag = "a"\nserver.name = "b"\n', { file: FILE });
    const evaluation = evaluateDocument(parsed.ast, { cwd: '/', allowIncludeShell: false });
    const cache = new LintCache();
    const options = { rules: { 'points-back': pointsBack }, cache };
    const config: LintConfig = {};
    lintEvaluation(evaluation, config, options);
    const again = lintEvaluation(evaluation, config, options);
    expect(again).toHaveLength(2);
    // The first statement reported nothing and is replayed; the two that point at it are linted again.
    expect(cache.replayed).toBe(1);
    expect(cache.linted).toBe(2);
  });
});

it('rules that compare statements with each other are not statement-local', () => {
  // A rule that becomes statement-local is reviewed against the contract in define-rule.ts and added here.
  const local = Object.values(rules as Record<string, Rule>)
    .filter((r) => r.locality === 'statement')
    .map((r) => r.id);
  expect(local.length).toBeGreaterThan(40);
  expect(local).not.toContain('no-duplicate-assignment');
  expect(local).not.toContain('no-duplicate-array-key');
  expect(local).not.toContain('no-unreachable-else');
});
