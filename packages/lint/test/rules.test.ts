// Runs every rule folder in src/rules: its valid.conf, invalid.conf (with `# error` markers and a snapshot)
// and the examples of its README. A new rule needs no edit here.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lintCase,
  markedLines,
  readmeExamples,
  readRuleFile,
  renderCase,
  reportedLines,
  ruleConfig,
  ruleFolders,
  rulesDir,
} from './rule-harness.js';

describe.each(ruleFolders())('%s', (id) => {
  it('reports nothing in valid.conf', async () => {
    const { found, syntax } = lintCase(id, readRuleFile(id, 'valid.conf'), 'valid.conf', await ruleConfig(id));
    expect(syntax, 'valid.conf must parse').toEqual([]);
    expect(found).toEqual([]);
  });

  it('reports exactly the lines marked "# error" in invalid.conf', async () => {
    const text = readRuleFile(id, 'invalid.conf');
    const { found, syntax } = lintCase(id, text, 'invalid.conf', await ruleConfig(id));
    expect(syntax, 'invalid.conf must parse').toEqual([]);
    const marked = markedLines(text, 'invalid.conf');
    expect(marked.length, 'invalid.conf needs at least one "# error" line').toBeGreaterThan(0);
    expect(reportedLines(found)).toEqual(marked);
  });

  it('renders invalid.conf and its safe fixes as in the snapshot', async () => {
    const config = await ruleConfig(id);
    const text = readRuleFile(id, 'invalid.conf');
    const { found } = lintCase(id, text, 'invalid.conf', config);
    // Write no snapshot of a rule that does not work yet: it would have to be overwritten with -u later.
    expect(reportedLines(found), 'reported lines must equal the "# error" lines first').toEqual(markedLines(text, 'invalid.conf'));
    await expect(renderCase(id, text, 'invalid.conf', config, found)).toMatchFileSnapshot(
      path.join(rulesDir, id, '__snapshots__', 'invalid.conf.snap'),
    );
  });

  it('keeps the README examples true', async () => {
    const config = await ruleConfig(id);
    const examples = readmeExamples(readRuleFile(id, 'README.md'));
    expect(examples.map((e) => e.kind)).toContain('valid');
    expect(examples.map((e) => e.kind)).toContain('invalid');
    for (const example of examples) {
      const where = `README.md block at line ${example.line} (${example.kind})`;
      const { found, syntax } = lintCase(id, example.text, 'example.conf', config);
      expect(syntax, `${where} must parse`).toEqual([]);
      if (example.kind === 'valid') expect(found, where).toEqual([]);
      else {
        expect(found.length, `${where} must be reported`).toBeGreaterThan(0);
        const marked = markedLines(example.text, 'example.conf');
        if (marked.length > 0) expect(reportedLines(found), where).toEqual(marked);
      }
    }
  });
});
