// Which `.editorconfig` sections apply to a file: the globs of editorconfig.org, relative to the file's folder.
import { describe, expect, it } from 'vitest';
import { sectionMatches } from '../src/editorconfig.js';

describe('sectionMatches', () => {
  const at = (glob: string, file: string) => sectionMatches(glob, '/srv', file);
  it('matches a glob without "/" against the file name in any folder below', () => {
    expect(at('*', '/srv/a/b/lighttpd.conf')).toBe(true);
    expect(at('*.conf', '/srv/conf.d/.hidden.conf')).toBe(true);
    expect(at('lighttpd.conf', '/srv/etc/lighttpd.conf')).toBe(true);
    expect(at('*.{conf,inc}', '/srv/x.inc')).toBe(true);
    expect(at('[!l]*.conf', '/srv/lighttpd.conf')).toBe(false);
    expect(at('[!l]*.conf', '/srv/mime.conf')).toBe(true);
  });
  it('matches a glob with "/" against the path from the folder', () => {
    expect(at('conf.d/*.conf', '/srv/conf.d/a.conf')).toBe(true);
    expect(at('conf.d/*.conf', '/srv/x/conf.d/a.conf')).toBe(false);
    expect(at('/conf.d/*.conf', '/srv/conf.d/a.conf')).toBe(true);
    expect(at('etc/**/*.conf', '/srv/etc/a/b/c.conf')).toBe(true);
  });
  it('never matches a file outside the folder', () => {
    expect(at('*', '/elsewhere/lighttpd.conf')).toBe(false);
  });
});
