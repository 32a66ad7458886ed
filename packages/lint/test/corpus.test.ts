// Every rule over the shared corpus of real configs: no rule throws, every range lies in its file, and
// applying all fixes (unsafe too) never breaks the syntax. CI without /work/shared skips this file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { applyFixes, lintText } from '../src/index.js';

const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

function confFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? confFiles(path.join(dir, e.name)) : e.name.endsWith('.conf') ? [path.join(dir, e.name)] : [],
  );
}

describe.skipIf(!existsSync(corpusDir))('lint over the corpus', () => {
  const files = existsSync(corpusDir) ? confFiles(corpusDir).sort() : [];

  it('lints every config with ranges inside the file', () => {
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const d of lintText(text, { file })) {
        expect(d.range.file, file).toBe(file);
        expect(d.range.end.offset, `${file} ${d.ruleId}`).toBeLessThanOrEqual(text.length);
        expect(d.range.start.offset, `${file} ${d.ruleId}`).toBeLessThanOrEqual(d.range.end.offset);
      }
    }
  });

  it('keeps the syntax intact when every fix is applied', () => {
    const syntaxErrors = (t: string, file: string) => parse(t, { file }).diagnostics.filter((d) => d.severity === 'error').length;
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      const found = lintText(text, { file });
      if (!found.some((d) => d.fix)) continue;
      const { text: fixed } = applyFixes(text, found, { file, unsafe: true, relint: (t) => lintText(t, { file }) });
      expect(syntaxErrors(fixed, file), file).toBeLessThanOrEqual(syntaxErrors(text, file));
      // Stable: nothing fixable is left that a further pass would change.
      expect(applyFixes(fixed, lintText(fixed, { file }), { file, unsafe: true }).fixed, file).toBe(0);
    }
  });
});
