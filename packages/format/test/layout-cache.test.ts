import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, reparse, type ParseResult } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { format, formatParsed, LayoutCache, type FormatCallOptions } from '../src/index.js';

const root = fileURLToPath(new URL('../../../fixtures/format/', import.meta.url));
const cases = existsSync(root) ? readdirSync(root).sort() : [];

/** Edits an editor session makes: a block added at the end, a string changed in the middle, a comment at the top. */
const edits: ((text: string) => string)[] = [
  (t) => `${t}\n$HTTP["url"] =~ "^/added" {\nurl.access-deny=( "" ) # added\n}\n`,
  (t) => {
    const at = t.indexOf('"', t.length >> 1);
    return at < 0 ? `${t}x = "y"\n` : `${t.slice(0, at + 1)}z${t.slice(at + 1)}`;
  },
  (t) => `# a comment on top\n${t}`,
  (t) => t.replace('# added', '# changed'),
];

describe('formatParsed with a LayoutCache over successive versions (reparse keeps unchanged statements)', () => {
  it.each(cases)('fixtures/format/%s: every version formats as format() does', (name) => {
    const dir = `${root}${name}/`;
    const options: FormatCallOptions = existsSync(`${dir}options.json`) ? JSON.parse(readFileSync(`${dir}options.json`, 'utf8')) : {};
    const input = readFileSync(`${dir}input.conf`, 'utf8');
    if (input.charCodeAt(0) === 0xfeff || parse(input).diagnostics.some((d) => d.severity === 'error')) return;
    const cache = new LayoutCache();
    let text = input;
    let parsed: ParseResult = parse(text, { file: 'x.conf' });
    for (const step of [(t: string) => t, ...edits, (t: string) => t]) {
      const next = step(text);
      parsed = reparse(parsed, next, { file: 'x.conf' });
      text = next;
      const expected = format(text, { ...options, file: 'x.conf' });
      const got = formatParsed(text, parsed, { ...options, file: 'x.conf' }, { layoutCache: cache });
      expect(got).toEqual(expected);
    }
  });

  it('reuses the layout of blocks an edit did not touch', () => {
    const blocks = Array.from({ length: 20 }, (_, i) => `$HTTP["host"] == "h${i}" {\n  a = ( "k" => "${i}",\n "l"=>2 )  # c${i}\n}\n`).join('');
    const cache = new LayoutCache();
    let text = `x = 1\n${blocks}`;
    let parsed = parse(text);
    formatParsed(text, parsed, {}, { layoutCache: cache });
    expect(cache.hits).toBe(0);
    text = text.replace('"h10"', '"h10x"');
    parsed = reparse(parsed, text);
    const got = formatParsed(text, parsed, {}, { layoutCache: cache });
    expect(got).toEqual(format(text));
    expect(cache.hits).toBeGreaterThanOrEqual(17);
  });
});
