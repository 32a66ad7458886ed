import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { formatBytes, type FormatCallOptions } from '../src/index.js';
import { astShape } from '../src/ast-shape.js';
import { meaningOf } from './meaning.js';

// The shared corpus of real configs lives outside the repository; CI without it skips this file.
const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const files = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.conf')).sort() : [];

const percent = (n: number, total: number) => (total === 0 ? 'n/a' : `${((100 * n) / total).toFixed(1)}%`);

// The default style, and one that changes every option (narrow lines break far more arrays).
const styles: { name: string; options: FormatCallOptions }[] = [
  { name: 'default', options: {} },
  {
    name: 'tabs, width 40, nothing aligned, no trailing comma',
    options: { useTabs: true, lineWidth: 40, alignAssignments: false, alignArrows: false, trailingComma: false },
  },
];

describe.skipIf(files.length === 0)(`corpus formatting (${corpusDir})`, () => {
  it.each(styles)('formats every parseable corpus file stably, keeping comments and meaning: $name', ({ options }) => {
    let formatted = 0;
    let refused = 0;
    const failures: { idempotence: string[]; comments: string[]; meaning: string[]; tree: string[] } = {
      idempotence: [],
      comments: [],
      meaning: [],
      tree: [],
    };
    for (const name of files) {
      const file = path.join(corpusDir, name);
      const input = readFileSync(file);
      const first = formatBytes(input, { ...options, file });
      if (!first.ok) {
        refused++;
        continue;
      }
      formatted++;
      const second = formatBytes(first.output, { ...options, file });
      if (!second.ok || second.changed) failures.idempotence.push(name);
      const before = parseBytes(input, { file }).ast;
      const after = parseBytes(first.output, { file }).ast;
      const texts = (c: { text: string }[]) => c.map((x) => x.text.trimEnd()).join('\n');
      if (texts(before.comments) !== texts(after.comments)) failures.comments.push(name);
      if (JSON.stringify(astShape(before)) !== JSON.stringify(astShape(after))) failures.tree.push(name);
      if (meaningOf(before, corpusDir) !== meaningOf(after, corpusDir)) failures.meaning.push(name);
    }
    const ok = (list: string[]) => percent(formatted - list.length, formatted);
    console.log(
      `corpus (${JSON.stringify(options)}): ${files.length} files, ${formatted} formatted, ${refused} refused (syntax errors); ` +
        `idempotent ${ok(failures.idempotence)}, same comments ${ok(failures.comments)}, ` +
        `same printConfig ${ok(failures.meaning)}, same syntax tree ${ok(failures.tree)}`,
    );
    expect(failures).toEqual({ idempotence: [], comments: [], meaning: [], tree: [] });
  });
});

describe.skipIf(files.length > 0)('corpus formatting', () => {
  it.skip(`skipped: no corpus at ${corpusDir}`, () => {});
});
