import { describe, expect, it } from 'vitest';
import { classifyMessages } from './lint-recall.js';

const line = (message: string) => `2026-01-01 00:00:00: (configfile.c.1289) ${message}`;

describe('lint recall classification', () => {
  it('expects a removed key to be reported as removed, an unknown one as unknown or not loaded', () => {
    const [removed, unknown] = classifyMessages(
      [line('WARNING: unknown config-key: auth.debug (ignored)'), line('WARNING: unknown config-key: server.nope (ignored)')],
      '1.4.69',
    );
    expect(removed!.cls).toEqual({ kind: 'problem', rules: ['no-deprecated-directive'], subject: 'auth.debug' });
    expect(unknown!.cls).toEqual({ kind: 'problem', rules: ['no-unknown-directive', 'no-module-not-loaded'], subject: 'server.nope' });
  });

  it("counts the keys of a module this machine cannot load as the machine's, not the config's", () => {
    const messages = classifyMessages(
      [
        line('dlopen() failed for: /usr/lib/lighttpd/mod_deflate.so /usr/lib/lighttpd/mod_deflate.so: cannot open shared object file'),
        line('WARNING: unknown config-key: compress.cache-dir (ignored)'),
        line('WARNING: unknown config-key: deflate.mimetypes (ignored)'),
        line('WARNING: unknown config-key: auth.backend (ignored)'),
      ],
      '1.4.69',
    );
    expect(messages.map((m) => m.cls.kind)).toEqual(['environment', 'environment', 'environment', 'problem']);
    // Without the failed load, the same key is the config's problem.
    expect(classifyMessages([line('WARNING: unknown config-key: compress.cache-dir (ignored)')], '1.4.69')[0]!.cls.kind).toBe('problem');
  });
});
