import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import draft04 from 'ajv-draft-04';

// A CommonJS module whose exports are the class, with `.default` pointing at it again.
const AjvDraft04 = draft04.default;
import { describe, expect, it } from 'vitest';
import { runLint, type LintArgs } from '../src/commands/lint.js';
import { reporters } from '../src/reporters/index.js';
import { memoryIo } from './memory-io.js';

const readJson = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
// The official SARIF 2.1.0 schema (draft-04), vendored from the npm package @microsoft/jest-sarif (lib/schemas).
const sarifSchema = readJson('./schemas/sarif-2.1.0-rtm.5.json');
const resultSchema = readJson('../schema/lint-result.schema.json');

/** A config with every kind of thing a reporter shows: related places, safe and unsafe fixes, an include chain, a syntax error. */
const files = {
  '/w/etc/lighttpd.conf': 'server.port = "80"\nserver.port = 81\ninclude "conf.d/*.conf"\nserver.tag = "a, b: 100%"\n',
  '/w/etc/conf.d/x.conf': 'server.tag = "lighttpd/1.4.69"\n',
  '/w/etc/broken.conf': 'x = \n',
};

const lint = async (format: string, more: LintArgs = {}, input: Record<string, string> = files) => {
  const mem = memoryIo(input);
  const code = await runLint({ paths: ['etc'], format, ...more }, mem.io);
  return { code, ...mem.out };
};

describe('reporters', () => {
  it('json validates against schema/lint-result.schema.json and carries fixes and include chains', async () => {
    const { stdout } = await lint('json');
    const out = JSON.parse(stdout);
    const validate = new Ajv({ allErrors: true, strict: true }).compile(resultSchema);
    expect(validate(out), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(out.version).toBe(1);
    expect(out.results.map((r: { file: string }) => r.file)).toEqual(['etc/broken.conf', 'etc/conf.d/x.conf', 'etc/lighttpd.conf']);
    const all = out.results.flatMap((r: { diagnostics: unknown[] }) => r.diagnostics);
    expect(all.some((d: { fix?: { safe: boolean } }) => d.fix?.safe)).toBe(true);
    expect(all.some((d: { related?: unknown[] }) => d.related)).toBe(true);
    expect(all.some((d: { includeChain?: unknown[] }) => d.includeChain)).toBe(true);
    expect(all.some((d: { ruleId: string }) => d.ruleId === 'syntax')).toBe(true);
  });

  it('sarif validates against the official SARIF 2.1.0 schema', async () => {
    const { stdout } = await lint('sarif');
    const log = JSON.parse(stdout);
    // The schema's language-tag pattern is not valid with the `u` flag; "uri" is checked, the rest is free text here.
    const formats = { uri: (s: string) => URL.canParse(s), 'uri-reference': true as const, 'date-time': true as const };
    const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false, formats }).compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(result.partialFingerprints['lhconf/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === 'no-port-as-string').helpUri).toMatch(/docs\/rules\.md#no-port-as-string$/);
    expect(run.results.some((r: { relatedLocations?: { message?: { text: string } }[] }) => r.relatedLocations?.some((l) => l.message?.text === 'included from here'))).toBe(true);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///w/');
  });

  it('sarif fingerprints do not change when lines move', async () => {
    const fingerprints = async (input: Record<string, string>) =>
      JSON.parse((await lint('sarif', {}, input)).stdout).runs[0].results.map((r: { ruleId: string; partialFingerprints: Record<string, string> }) => `${r.ruleId} ${r.partialFingerprints['lhconf/v1']}`);
    const before = await fingerprints({ '/w/etc/a.conf': 'server.port = "80"\nserver.tag = "lighttpd/1.4.69"\n' });
    const after = await fingerprints({ '/w/etc/a.conf': '# a comment\n\nserver.port = "80"\nserver.tag = "lighttpd/1.4.69"\n' });
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });

  it('github escapes properties and data', async () => {
    const { stdout } = await lint('github', {}, { '/w/etc/a,b.conf': 'server.port = "80"\n' });
    expect(stdout).toMatch(/^::warning file=etc\/a%2Cb\.conf,line=1,col=15,endLine=1,endColumn=19,title=no-port-as-string::.+\n$/);
  });

  it('checkstyle and junit escape XML', async () => {
    const input = { '/w/etc/a&b.conf': 'server.port = "80"\n' };
    expect((await lint('checkstyle', {}, input)).stdout).toContain('<file name="etc/a&amp;b.conf">');
    const junit = (await lint('junit', {}, input)).stdout;
    expect(junit).toContain('<testsuite name="etc/a&amp;b.conf" tests="1" failures="1"');
    expect(junit).toContain('&quot;');
  });

  it('every reporter prints a clean run without crashing', async () => {
    for (const [name, reporter] of Object.entries(reporters)) {
      const text = reporter({ results: [{ file: 'a.conf', source: '', diagnostics: [], fixed: 0 }], rules: {}, cwd: '/w', toolVersion: '0' }, { color: false });
      expect(typeof text, name).toBe('string');
    }
  });
});
