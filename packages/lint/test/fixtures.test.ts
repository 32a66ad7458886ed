// Whole configurations in fixtures/lint/<case>/: lighttpd.conf with its includes and, optionally, an
// .lhconfrc.json. Each is evaluated, linted with its own config and rendered; the output is a snapshot.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { evaluateFile } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { lintEvaluation, loadConfig, renderDiagnostic } from '../src/index.js';
import { repoRoot } from './rule-harness.js';

const fixturesDir = path.join(repoRoot, 'fixtures', 'lint');
const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe.each(cases)('%s', (name) => {
  it('lints as in the snapshot', async () => {
    const dir = path.join(fixturesDir, name);
    // The case's own config only: a config higher up (the repository's) must not leak in.
    const { config } = await loadConfig(dir, (f) => (path.dirname(f) === dir && existsSync(f) ? readFileSync(f, 'utf8') : undefined));
    const result = evaluateFile(path.join(dir, 'lighttpd.conf'), { cwd: dir, targetVersion: config.targetVersion, env: {}, pid: 4242 });
    const found = lintEvaluation(result, config);
    const text = found
      .map((d) => renderDiagnostic(d, result.files.get(d.range.file)?.text, { color: false }))
      .join('\n\n')
      .replaceAll(`${dir}${path.sep}`, '');
    await expect(`${text}\n`).toMatchFileSnapshot(path.join(dir, '__snapshots__', 'lint.txt'));
  });
});
