import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '@lhconf/parser';
import { astSnapshot, diagnosticLines, lighttpdAccepts, lighttpdBinary } from './helpers.js';

const root = new URL('../../../fixtures/parse/', import.meta.url).pathname;
const cases = (kind: 'valid' | 'invalid') => readdirSync(join(root, kind)).filter((f) => f.endsWith('.conf')).sort();

describe('valid fixtures', () => {
  for (const name of cases('valid')) {
    it(name, async () => {
      const { ast, diagnostics } = parseBytes(readFileSync(join(root, 'valid', name)), { file: name });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      await expect(astSnapshot(ast)).toMatchFileSnapshot(join(root, 'valid', '__snapshots__', `${name}.ast.json`));
    });
  }
});

describe('invalid fixtures', () => {
  for (const name of cases('invalid')) {
    it(name, async () => {
      const { diagnostics } = parseBytes(readFileSync(join(root, 'invalid', name)), { file: name, targetVersion: '1.4.69' });
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) {
        expect(d.message.length).toBeGreaterThan(10);
        expect(d.range.start.line).toBeGreaterThan(0);
        expect(d.messageId).not.toBe('internal-error');
      }
      await expect(diagnosticLines(diagnostics)).toMatchFileSnapshot(join(root, 'invalid', '__snapshots__', `${name}.txt`));
    });
  }
});

// Where lhconf says "lighttpd refuses this" (fatal), lighttpd 1.4.69 must refuse it, and the other way round.
const bin = lighttpdBinary();
describe.skipIf(!bin)('fatal verdicts agree with lighttpd 1.4.69 -t', () => {
  const all = [...cases('invalid').map((n) => ['invalid', n] as const), ...cases('valid').filter((n) => n !== 'if-elif.conf').map((n) => ['valid', n] as const)];
  for (const [kind, name] of all) {
    it(`${kind}/${name}`, () => {
      const dir = join(root, kind);
      const { diagnostics } = parseBytes(readFileSync(join(dir, name)), { file: name, targetVersion: '1.4.69' });
      const lhconfAccepts = !diagnostics.some((d) => d.fatal);
      const real = lighttpdAccepts(bin!, name, dir);
      expect({ lhconfAccepts, diagnostics: diagnosticLines(diagnostics) }).toEqual({ lhconfAccepts: real.ok, diagnostics: expect.any(String) as string });
    });
  }
});
