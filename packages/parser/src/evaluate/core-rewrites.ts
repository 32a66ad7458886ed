import type { ConfigContext, Setting, Value } from './types.js';
import { foldKey } from './values.js';

/**
 * Values lighttpd rewrites in place while loading core settings (configfile.c config_insert), before
 * `-p` prints them. Keyed by the folded setting name; each returns the new value, or undefined to keep it.
 * Values may be shared with the settings they were copied from, so rewrites build new objects.
 */
const coreRewrites: Record<string, (value: Value) => Value | undefined> = {
  // A multi-line server.tag gets header continuation (a space after each newline not followed by
  // blank or tab); a whitespace-only tag becomes empty.
  'server.tag': (value) => {
    if (value.kind !== 'string' || value.value === '') return undefined;
    let s = value.value.replace(/\n(?![ \t])/g, '\n ');
    if (/^[ \t\r\n]*$/.test(s)) s = '';
    return s === value.value ? undefined : { kind: 'string', value: s };
  },
  // mimetype.assign: ".js" => "application/javascript" is served as "text/javascript".
  'mimetype.assign': (value) => {
    if (value.kind !== 'array') return undefined;
    // only a valid key => string list gets this far (anything else is a fatal type error)
    if (!value.elements.every((e) => e.key !== null && e.value.kind === 'string')) return undefined;
    const i = value.elements.findIndex((e) => e.key !== null && foldKey(e.key) === '.js');
    const js = value.elements[i];
    if (!js || js.value.kind !== 'string' || js.value.value !== 'application/javascript') return undefined;
    const elements = value.elements.slice();
    elements[i] = { key: js.key, value: { kind: 'string', value: 'text/javascript' } };
    return { kind: 'array', elements };
  },
};

export function applyCoreRewrites(contexts: readonly ConfigContext[]): void {
  for (const ctx of contexts) {
    for (const [name, rewrite] of Object.entries(coreRewrites)) {
      const setting = ctx.settings.get(name);
      if (!setting) continue;
      const value = rewrite(setting.value);
      if (value === undefined) continue;
      const updated: Setting = { ...setting, value };
      ctx.settings.set(name, updated);
    }
  }
}
