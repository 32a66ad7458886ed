import { describe, expect, it } from 'vitest';
import { defaultFormatOptions } from '../src/options.js';
import { resolveFormatOptions } from '../src/resolve-format-options.js';

const files = (map: Record<string, string>) => async (file: string) => map[file];

describe('resolveFormatOptions', () => {
  it('gives the defaults when nothing is configured', async () => {
    expect(await resolveFormatOptions('/srv/etc/lighttpd.conf', files({}))).toEqual(defaultFormatOptions);
  });
  it('reads .editorconfig sections by glob, nearer files winning, stopping at root = true', async () => {
    const read = files({
      '/.editorconfig': '[*]\nindent_size = 8\nmax_line_length = 60\n',
      '/srv/.editorconfig': 'root = true\n[*]\nindent_style = space\nindent_size = 2\n[*.conf]\nindent_style = tab\ntab_width = 3\nindent_size = tab\n',
      '/srv/etc/.editorconfig': '[lighttpd.conf]\nmax_line_length = 120\n[other.conf]\nmax_line_length = 10\n',
    });
    expect(await resolveFormatOptions('/srv/etc/lighttpd.conf', read)).toEqual({
      ...defaultFormatOptions,
      useTabs: true,
      indentWidth: 3,
      lineWidth: 120,
    });
  });
  it('lets the nearest .lhconfrc.json format section override .editorconfig', async () => {
    const read = files({
      '/srv/.editorconfig': '[*]\nindent_size = 2\n',
      '/srv/.lhconfrc.json': '{"format": {"indentWidth": 6, "alignArrows": false}}',
      '/.lhconfrc.json': '{"format": {"lineWidth": 10}}',
    });
    expect(await resolveFormatOptions('/srv/a/b.conf', read)).toEqual({ ...defaultFormatOptions, indentWidth: 6, alignArrows: false });
  });
  it('also reads lhconf.config.json, .lhconfrc.json first in each directory', async () => {
    const read = files({ '/srv/lhconf.config.json': '{"format": {"useTabs": true}}', '/.lhconfrc.json': '{"format": {"lineWidth": 10}}' });
    expect(await resolveFormatOptions('/srv/a.conf', read)).toEqual({ ...defaultFormatOptions, useTabs: true });
    // In one directory .lhconfrc.json wins, even without a format section.
    const both = files({ '/srv/lhconf.config.json': '{"format": {"useTabs": true}}', '/srv/.lhconfrc.json': '{"rules": {}}' });
    expect(await resolveFormatOptions('/srv/a.conf', both)).toEqual(defaultFormatOptions);
  });
  it('names the file and the option when .lhconfrc.json is wrong', async () => {
    await expect(resolveFormatOptions('/x/a.conf', files({ '/x/.lhconfrc.json': '{"format": {"indent": 2}}' }))).rejects.toThrow(
      /\/x\/\.lhconfrc\.json: unknown format option "indent"/,
    );
    await expect(resolveFormatOptions('/x/a.conf', files({ '/x/.lhconfrc.json': '{"format": {"useTabs": "yes"}}' }))).rejects.toThrow(
      /"useTabs" must be a boolean/,
    );
  });
});
