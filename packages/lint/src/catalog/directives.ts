import { isAtLeast, LATEST_VERSION, type Version } from '@lhconf/parser';
import { asOf, rememberedPerRelease } from './as-of.js';
import type { BackendName } from './backend-options.js';
import { backendNames } from './data/backend-options.generated.js';
import { directiveTable } from './data/directives.generated.js';
import { closestName } from './edit-distance.js';
import { featureFlagsAt } from './feature-flags.js';
import type { ModuleName } from './modules.js';

/**
 * The value a directive takes, as lighttpd checks it (grammar.md §5.1, T_CONFIG_*): `short` is 0..65535,
 * `array-kv-*` are `( "k" => v )` lists, `array-of-strings` is `( "a", "b" )`. `any` is var.*; `n/a` marks keys
 * lighttpd declared only to refuse them (T_CONFIG_DEPRECATED: any use was fatal).
 */
export type ValueType =
  | 'string'
  | 'short'
  | 'int'
  | 'boolean'
  | 'array'
  | 'array-kv-any'
  | 'array-kv-array'
  | 'array-kv-string'
  | 'array-of-strings'
  | 'any'
  | 'n/a';

/**
 * Where a directive may be set (grammar.md §5.2): `any` block; `server`: global scope only (ignored with a warning
 * in a condition); `socket`: global scope or `$SERVER["socket"] == …`. `n/a` for keys that were always refused.
 */
export type Scope = 'any' | 'server' | 'socket' | 'n/a';

/** `ignored`: accepted but without effect; `deprecated`: works, an older name or form; `removed`: gone. */
export type DirectiveStatus = 'current' | 'deprecated' | 'ignored' | 'removed';

/** A value as written in lighttpd.conf: `'enable'`, `'text/html'`, `8192`. */
export type DefaultValue = string | number;

export interface DirectiveInfo {
  /** As lighttpd spells it; lookups ignore case. `env.*` and `var.*` stand for every key with that prefix. */
  readonly key: string;
  readonly module: ModuleName;
  /** Every module that declares the key, when more than `module` does (the TLS modules). */
  readonly modules?: readonly ModuleName[];
  readonly type: ValueType;
  readonly scope: Scope;
  /** First release with the key; `1.4.1` means "1.4.1 or earlier". */
  readonly since: Version;
  readonly status: DirectiveStatus;
  readonly removedIn?: Version;
  /** The directive (or module, e.g. `mod_magnet (lua)`) to use instead. */
  readonly replacement?: string;
  /** The only values lighttpd accepts (for arrays: element values), when the reference lists them. */
  readonly allowedValues?: readonly string[];
  /** The keys allowed inside the array value, when the reference lists them. */
  readonly subKeys?: readonly string[];
  /** `server.feature-flags`: its sub-keys are the feature flags of the target release. */
  readonly subKeysFrom?: 'feature-flags';
  /** `<backend>.server`: its host blocks take the options of backend-options.ts. */
  readonly backend?: BackendName;
  readonly defaultValue?: DefaultValue;
  /** `env.*`, `var.*`. */
  readonly isPattern?: boolean;
  readonly description: string;
}

/** Every directive of directives.tsv, newest release's view, in table order. */
export const directives: readonly DirectiveInfo[] = directiveTable;

/**
 * Directives whose value type changed (grammar.md §7): before `until`, lighttpd checked them as `type`.
 * The directive rows carry the newest type.
 */
export const earlierTypes: Readonly<Record<string, { readonly type: ValueType; readonly until: Version }>> = {
  'server.max-fds': { type: 'short', until: '1.4.83' },
  'server.max-request-field-size': { type: 'int', until: '1.4.70' },
};

/**
 * From this release lighttpd range-checks integers given to `short` directives (0 … 65535, 65536 clamped) and says
 * "expected a short integer"; before it, it silently kept the low 16 bits (65536 → 0) (grammar.md §5.1, §7).
 */
export const SHORT_RANGE_CHECKED_SINCE: Version = '1.4.74';

/** The largest value a `short` directive holds (T_CONFIG_SHORT is an unsigned short). */
export const SHORT_MAX = 65535;

/**
 * What lighttpd does with a value outside a directive's `allowedValues` (diagnostics.md): refuse to start
 * (`fatal`), or log `lighttpdMessage` and fall back to the default. `{value}` stands for the value. Directives
 * with allowed values that are not listed here ignore unknown values without a word (deflate.allowed-encodings).
 * Values are compared case-sensitively.
 */
export const invalidValueHandling: Readonly<Record<string, { readonly fatal: boolean; readonly lighttpdMessage: string }>> = {
  'server.event-handler': { fatal: true, lighttpdMessage: 'the selected event-handler in unknown or not supported: {value}' },
  'server.network-backend': { fatal: true, lighttpdMessage: 'server.network-backend has an unknown value: {value}' },
  'server.stat-cache-engine': {
    fatal: true,
    lighttpdMessage: 'server.stat-cache-engine can be one of "disable", "simple", "inotify", "fam", but not: {value}',
  },
  'auth.backend': { fatal: true, lighttpdMessage: 'auth.backend not supported: {value}' },
  'vhostdb.backend': { fatal: true, lighttpdMessage: 'vhostdb.backend not supported: {value}' },
  'scgi.protocol': { fatal: true, lighttpdMessage: 'unexpected type for key: scgi.protocolexpected "scgi" or "uwsgi"' },
  ...Object.fromEntries(
    backendNames.map((backend) => [
      `${backend}.balance`,
      { fatal: false, lighttpdMessage: 'xxxxx.balance has to be one of: least-connection, round-robin, hash, sticky, but not: {value}' },
    ]),
  ),
};

/**
 * The `"method"` values of an auth.require entry (mod_auth.c:504, compared case-sensitively); `gssapi` needs
 * mod_authn_gssapi. Anything else: `unknown method %s (e.g. "basic", "digest" or "extern")`, fatal.
 */
export const authRequireMethods: readonly string[] = ['basic', 'digest', 'extern', 'gssapi'];

/**
 * What lighttpd does with a key of a directive's list that is not one of its `subKeys` (grammar.md §6): refuse to
 * start (`fatal`), log `lighttpdMessage` and ignore the entry (`logged`), or ignore it without a word (`silent`).
 * `{key}` stands for the key. `fatal` and `logged` lists are walked and compared case-sensitively; `silent` ones
 * are looked up by name, caselessly. Directives not listed here pass unknown keys on (`*.dbi` to libdbi) or
 * are checked elsewhere (`auth.require`, backend hosts).
 */
export const unknownSubKeyHandling: Readonly<Record<string, { readonly effect: 'fatal' | 'logged' | 'silent'; readonly lighttpdMessage?: string }>> = {
  'server.http-parseopts': { effect: 'fatal', lighttpdMessage: 'unrecognized key for server.http-parseopts: {key}' },
  'proxy.header': { effect: 'fatal', lighttpdMessage: 'unexpected key for proxy.header: {key}' },
  'proxy.forwarded': { effect: 'fatal', lighttpdMessage: 'proxy.forwarded keys must be one of: by, for, host, proto, remote_user, but not: {key}' },
  'extforward.params': { effect: 'fatal', lighttpdMessage: 'extforward.params keys must be one of: host, remote_user, but not: {key}' },
  'webdav.opts': { effect: 'fatal', lighttpdMessage: 'unrecognized webdav.opts: {key}' },
  'cgi.limits': { effect: 'logged', lighttpdMessage: 'unrecognized cgi.limits param: {key}' },
  'deflate.params': { effect: 'logged', lighttpdMessage: 'unrecognized param: {key}' },
  'server.feature-flags': { effect: 'silent' },
  'ssl.ech-opts': { effect: 'silent' },
  'auth.cache': { effect: 'silent' },
  'vhostdb.cache': { effect: 'silent' },
  'dir-listing.cache': { effect: 'silent' },
};

/**
 * Directives whose text lighttpd sends in HTTP headers as written: `Server:` (server.tag) and the headers of
 * mod_setenv (`keyed-values`: `( "Header-Name" => "value" )`). 1.4.69 only warns about CR/LF in mod_setenv
 * values ("setenv.*-header contains CR and/or NL (invalid)") and sends them, which splits the response.
 */
export const headerTextDirectives: Readonly<Record<string, 'value' | 'keyed-values'>> = {
  'server.tag': 'value',
  'setenv.add-request-header': 'keyed-values',
  'setenv.add-response-header': 'keyed-values',
  'setenv.set-request-header': 'keyed-values',
  'setenv.set-response-header': 'keyed-values',
};

/** The compression levels deflate.compression-level takes; others are fatal (mod_deflate.c:778). */
export const DEFLATE_COMPRESSION_LEVELS = { min: 1, max: 9 } as const;

/**
 * url.redirect-code: lighttpd uses any value from 100 to 999 as the response status and silently sends 301 for
 * others (mod_redirect.c); only these statuses make clients follow the Location header.
 */
export const REDIRECT_CODE_RANGE = { min: 100, max: 999, fallback: 301 } as const;
export const redirectStatusCodes: readonly number[] = [301, 302, 303, 307, 308];

/**
 * The values of extforward.forwarder entries, compared caselessly; any other is logged (`ERROR: expect "trust",
 * not "%s" => "%s"; treating as untrusted`) and the proxy is not trusted (mod_extforward.c:210).
 */
export const extforwardTrustValues: readonly string[] = ['trust', 'untrusted'];

// lighttpd compares keys ignoring ASCII case (array.c), but tests the env./var. prefixes with strncmp.
const byKey = new Map(directives.filter((d) => !d.isPattern).map((d) => [d.key.toLowerCase(), d]));
const patterns = directives.filter((d) => d.isPattern).map((d) => ({ prefix: d.key.slice(0, -1), directive: d }));

function lookup(key: string): DirectiveInfo | undefined {
  return byKey.get(key.toLowerCase()) ?? patterns.find((p) => key.startsWith(p.prefix) && key.length > p.prefix.length)?.directive;
}

function directiveAsOf(row: DirectiveInfo, target: string): DirectiveInfo | undefined {
  // A T_CONFIG_DEPRECATED key (type n/a) was fatal even before it was dropped: it stays `removed` at every release.
  const found = row.type === 'n/a' ? (isAtLeast(target, row.since) ? row : undefined) : asOf(row, target);
  if (!found) return undefined;
  const earlier = earlierTypes[found.key];
  const type = earlier && !isAtLeast(target, earlier.until) ? earlier.type : found.type;
  const subKeys = found.subKeysFrom === 'feature-flags' ? featureFlagsAt(target).map((f) => f.name) : found.subKeys;
  return type === found.type && subKeys === found.subKeys ? found : { ...found, type, subKeys };
}

/**
 * The directive `key` as release `targetVersion` has it: `undefined` when that release never had it (arrived
 * later, or a typo); status `removed` (with `replacement`) when it was dropped by then. Case-insensitive.
 */
export function getDirective(key: string, targetVersion: string = LATEST_VERSION): DirectiveInfo | undefined {
  return directiveAt(key, targetVersion);
}

const directiveAt = rememberedPerRelease((key, target) => {
  const found = lookup(key);
  return found && directiveAsOf(found, target);
});

/** True when release `targetVersion` declares `key` (it exists there and is not removed). */
export function isKnownDirective(key: string, targetVersion: string = LATEST_VERSION): boolean {
  const found = getDirective(key, targetVersion);
  return found !== undefined && found.status !== 'removed';
}

/** Every directive release `targetVersion` declares, removed ones left out, in table order. */
export function directivesAt(targetVersion: string = LATEST_VERSION): DirectiveInfo[] {
  return directives.flatMap((d) => {
    const found = directiveAsOf(d, targetVersion);
    return found && found.status !== 'removed' ? [found] : [];
  });
}

/** The directives `module` declares in release `targetVersion` (removed ones left out), in table order. */
export function directivesForModule(module: string, targetVersion: string = LATEST_VERSION): DirectiveInfo[] {
  return directivesAt(targetVersion).filter((d) => d.module === module || d.modules?.some((m) => m === module));
}

/**
 * "Did you mean": the directive of release `targetVersion` nearest to an unknown key, catching one or two typos,
 * swapped letters and `_` written for `-` (`server.document_root` → `server.document-root`). `undefined` when
 * nothing is close, or when `unknownKey` is itself a directive.
 */
export function suggestDirective(unknownKey: string, targetVersion: string = LATEST_VERSION): string | undefined {
  if (isKnownDirective(unknownKey, targetVersion)) return undefined;
  const candidates = directivesAt(targetVersion).filter((d) => !d.isPattern);
  return closestName(unknownKey, candidates.map((d) => d.key));
}
