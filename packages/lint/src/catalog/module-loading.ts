import type { Version } from '@lhconf/parser';
import type { ModuleName, ModuleRole } from './modules.js';

/**
 * What makes lighttpd add a module to server.modules by itself while `server.compat-module-load` is enabled
 * (the default; configfile.c config_compat_module_load, modules.tsv auto_load):
 * `always`; `keySet`: one of `keys` has a non-empty value in some block; `keyEnabled`: one of `keys` is enabled in
 * some block; `keyPrefix`: some key starts with `prefix` and no module of role `unlessRole` is listed;
 * `backend`: `withModule` is listed and `key` is one of `values` somewhere; `moduleListed`: a listed module's
 * name starts with `prefix`; `moduleReplaced`: the removed module `from` is listed and either some key starts
 * with `keyPrefix` or the release is `alwaysSince` or later (this one applies whatever compat-module-load says).
 */
export type CompatTrigger =
  | { readonly kind: 'always' }
  | { readonly kind: 'keySet'; readonly keys: readonly string[] }
  | { readonly kind: 'keyEnabled'; readonly keys: readonly string[] }
  | { readonly kind: 'keyPrefix'; readonly prefix: string; readonly unlessRole: ModuleRole }
  | { readonly kind: 'backend'; readonly withModule: ModuleName; readonly key: string; readonly values: readonly string[] }
  | { readonly kind: 'moduleListed'; readonly prefix: string }
  | { readonly kind: 'moduleReplaced'; readonly from: string; readonly keyPrefix: string; readonly alwaysSince: Version };

export interface CompatModuleLoad {
  readonly module: ModuleName;
  readonly trigger: CompatTrigger;
  /** lighttpd logs "Warning: please add "<module>" to server.modules list" when it adds the module. */
  readonly warns: boolean;
}

/** The release that made the automatic loading switchable; before it lighttpd always did it. */
export const COMPAT_MODULE_LOAD_SINCE: Version = '1.4.52';

/** Every module lighttpd adds by itself, in the order it checks them (modules.tsv auto_load). */
export const compatModuleLoads: readonly CompatModuleLoad[] = [
  { module: 'mod_indexfile', trigger: { kind: 'keySet', keys: ['index-file.names', 'server.indexfiles'] }, warns: false },
  { module: 'mod_dirlisting', trigger: { kind: 'keyEnabled', keys: ['dir-listing.activate', 'server.dir-listing'] }, warns: false },
  { module: 'mod_staticfile', trigger: { kind: 'always' }, warns: false },
  { module: 'mod_openssl', trigger: { kind: 'keyPrefix', prefix: 'ssl.', unlessRole: 'tls' }, warns: true },
  { module: 'mod_authn_file', trigger: { kind: 'backend', withModule: 'mod_auth', key: 'auth.backend', values: ['htdigest', 'htpasswd', 'plain'] }, warns: true },
  { module: 'mod_auth', trigger: { kind: 'moduleListed', prefix: 'mod_authn_' }, warns: false },
  { module: 'mod_vhostdb', trigger: { kind: 'moduleListed', prefix: 'mod_vhostdb_' }, warns: false },
  // "mod_compress" (removed in 1.4.56) in server.modules (configfile.c config_deprecate_module_compress): through
  // 1.4.70 it becomes "mod_deflate", with a DEPRECATED warning, only when some compress.* key is set, and is dropped
  // otherwise; since 1.4.71 (commit 28edc8d3) it always becomes "mod_deflate", silently. Checked with 1.4.69 -tt/-p.
  { module: 'mod_deflate', trigger: { kind: 'moduleReplaced', from: 'mod_compress', keyPrefix: 'compress.', alwaysSince: '1.4.71' }, warns: false },
];

/**
 * Keys lighttpd never reports as unknown even when no loaded module declares them (configfile.c:1383-1402,
 * grammar.md §5.4): `var.*` (case-sensitive prefix) and `dir-listing.*` other than `dir-listing.activate`,
 * because mod_dirlisting may have been dropped from server.modules on purpose.
 */
export function isExemptFromUnknownKeyWarning(key: string): boolean {
  if (key.startsWith('var.')) return true;
  const lower = key.toLowerCase();
  return lower.startsWith('dir-listing.') && lower !== 'dir-listing.activate';
}

/**
 * A place a module must have in server.modules, and what lighttpd says otherwise (modules.tsv ordering):
 * every module of `before` (a name or a role) should come before every module of `after`.
 */
export interface ModuleOrdering {
  readonly before: ModuleName | ModuleRole;
  readonly after: ModuleName | ModuleRole | readonly ModuleName[];
  /** First release that checks it. */
  readonly since: Version;
  /** Only when this boolean directive is enabled somewhere. */
  readonly whenEnabled?: string;
  /** lighttpd's message with `{before}` / `{after}` for the module names. */
  readonly lighttpdMessage: string;
  /** What happens when the order is wrong. */
  readonly effect: string;
}

export const moduleOrderings: readonly ModuleOrdering[] = [
  {
    before: 'mod_auth',
    after: 'dynamic-backend',
    since: '1.4.62',
    lighttpdMessage: 'Warning: mod_auth should be listed in server.modules before dynamic backends such as {after}',
    effect: 'a backend mapped to a path prefix can take requests before mod_auth has checked them',
  },
  {
    before: 'dynamic-backend',
    after: 'mod_staticfile',
    since: '1.4.72',
    lighttpdMessage: 'Warning: {before} should be listed in server.modules before mod_staticfile',
    effect: 'mod_staticfile may answer requests meant for the backend',
  },
  {
    before: 'mod_indexfile',
    after: ['mod_cgi', 'mod_dirlisting', 'mod_fastcgi', 'mod_scgi', 'mod_ssi'],
    since: '1.4.49',
    lighttpdMessage: 'Warning: mod_indexfile should be listed in server.modules prior to {after}',
    effect: 'a request for a directory reaches that module before the index file is looked up',
  },
  {
    before: 'tls',
    after: 'mod_extforward',
    since: '1.4.46',
    whenEnabled: 'extforward.hap-PROXY',
    lighttpdMessage: 'mod_extforward must be loaded after {before} in server.modules when extforward.hap-PROXY = "enable"',
    effect: 'the TLS module reads the connection before mod_extforward can take the PROXY header off it',
  },
];

/** The removed module lighttpd replaces by another (mod_compress → mod_deflate) and when: one entry above. */
export const moduleReplacement = (() => {
  for (const load of compatModuleLoads) if (load.trigger.kind === 'moduleReplaced') return { module: load.module, ...load.trigger };
  throw new Error('module-loading.ts: no moduleReplaced entry');
})();
