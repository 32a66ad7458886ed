import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '@lhconf/parser';
import { rules, validateConfig } from '@lhconf/lint';
import { commands } from '../src/commands/index.js';
import { runInit } from '../src/commands/init.js';
import { runParse } from '../src/commands/parse.js';
import { runPrint } from '../src/commands/print.js';
import { ruleSection, runRules } from '../src/commands/rules.js';
import rulesDoc from '../src/rules-doc.generated.js';
import { VERSION } from '../src/version.js';
import { memoryIo } from './memory-io.js';

const repoFile = (p: string) => new URL(`../../../${p}`, import.meta.url);

describe('commands', () => {
  it('each record key is the command name', () => {
    for (const [name, command] of Object.entries(commands)) expect(String(command.command).split(' ')[0]).toBe(name);
  });

  it('VERSION is package.json version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});

describe('lhconf parse', () => {
  it('prints { astVersion, file, ast, diagnostics } with --json; exit 1 on syntax errors', async () => {
    const mem = memoryIo({ '/w/a.conf': 'server.port = 80\n', '/w/bad.conf': 'server.port = \n' });
    expect(await runParse({ file: 'a.conf', json: true }, mem.io)).toBe(0);
    const out = JSON.parse(mem.out.stdout);
    expect(out).toMatchObject({ astVersion: 1, file: 'a.conf', diagnostics: [], ast: { type: 'Document', body: [{ type: 'Assignment', key: { name: 'server.port' } }] } });
    expect(await runParse({ file: 'bad.conf', json: true }, mem.io)).toBe(1);
  });

  it('prints an outline by default, syntax errors on stderr; exit 2 for a missing file', async () => {
    const mem = memoryIo({ '/w/a.conf': 'server.port = 80\n' });
    expect(await runParse({ file: 'a.conf' }, mem.io)).toBe(0);
    expect(mem.out.stdout).toBe(
      'Document 1:1-2:1 a.conf\n  Assignment 1:1-1:17\n    Identifier 1:1-1:12 server.port\n    Operator 1:13-1:14 =\n    IntegerLiteral 1:15-1:17 80\n',
    );
    expect(await runParse({ file: 'missing.conf' }, mem.io)).toBe(2);
    expect(mem.out.stderr).toBe('missing.conf: error: cannot read: ENOENT\n');
  });
});

describe('lhconf print', () => {
  it('prints the effective config like lighttpd -p', async () => {
    const mem = memoryIo({ '/w/a.conf': 'var.x = "/srv"\nserver.document-root = var.x + "/www"\n' });
    expect(await runPrint({ file: 'a.conf' }, mem.io)).toBe(0);
    expect(mem.out.stdout).toContain('server.document-root = "/srv/www"');
  });

  it('prints file:line:col: error: message and exits 1 when lighttpd would refuse the config', async () => {
    const mem = memoryIo({ '/w/a.conf': 'server.port = 80\nserver.port = 81\n' });
    expect(await runPrint({ file: 'a.conf' }, mem.io)).toBe(1);
    expect(mem.out.stdout).toBe('');
    expect(mem.out.stderr).toMatch(/^a\.conf:2:1: error: /);
    expect(await runPrint({ file: 'nope.conf' }, mem.io)).toBe(2);
  });
});

describe('lhconf rules', () => {
  it('lists every rule with severity, fix kind and description', async () => {
    const mem = memoryIo({});
    expect(await runRules({}, mem.io)).toBe(0);
    for (const rule of Object.values(rules)) expect(mem.out.stdout).toMatch(new RegExp(`^${rule.id} +${rule.severity} +${rule.fixable ?? '-'} +`, 'm'));
  });

  it('prints a rule documentation; an unknown id gets a suggestion and exit 2', async () => {
    const mem = memoryIo({});
    expect(await runRules({ id: 'no-port-as-string' }, mem.io)).toBe(0);
    expect(mem.out.stdout).toMatch(/^# no-port-as-string\n/);
    expect(mem.out.stdout).toContain('## Why');
    expect(await runRules({ id: 'no-port-as-strin' }, mem.io)).toBe(2);
    expect(mem.out.stderr).toContain('did you mean "no-port-as-string"');
  });

  it('the bundled docs are docs/rules.md (regenerate with vitest -u after pnpm gen:docs)', async () => {
    const markdown = readFileSync(repoFile('docs/rules.md'), 'utf8');
    const module = `// Generated from docs/rules.md by packages/cli/test/commands.test.ts (\`npx vitest run packages/cli -u\`); never edited.
// The bundle carries the docs so that \`lhconf rules <id>\` works wherever lhconf is installed.
export default ${JSON.stringify(markdown)};
`;
    try {
      await expect(module).toMatchFileSnapshot('../src/rules-doc.generated.ts');
    } catch {
      // The full diff of two 60 kB strings helps nobody; say what to do.
      throw new Error('src/rules-doc.generated.ts differs from docs/rules.md: run `npx vitest run packages/cli -u`');
    }
    for (const id of Object.keys(rules)) expect(ruleSection(rulesDoc, id), id).toBeDefined();
  });
});

describe('lhconf init', () => {
  it('writes a valid starter .lhconfrc.json and refuses to overwrite', async () => {
    const mem = memoryIo({});
    expect(await runInit({}, mem.io)).toBe(0);
    const config = JSON.parse(mem.read('/w/.lhconfrc.json'));
    expect(config.targetVersion).toBe(LATEST_VERSION);
    expect(() => validateConfig(config)).not.toThrow();
    expect(await runInit({}, mem.io)).toBe(2);
    expect(mem.out.stderr).toContain('.lhconfrc.json already exists');
    expect(mem.out.writes).toHaveLength(1);
  });
});
