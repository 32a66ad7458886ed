import { isAtLeast } from '../version.js';
import type { ConfigContext, Setting, Value } from './types.js';

/** lighttpd's T_CONFIG_* value kinds that `config_plugin_values_init_block` checks (configfile-glue.c). */
type CoreType = 'string' | 'short' | 'int' | 'bool' | 'array-vlist' | 'array-kvstring' | 'array-kvany';

/**
 * The core keys `lighttpd -t` type-checks while reading the config: config_insert_srvconf and
 * config_insert in configfile.c (module keys are only checked by `-tt`, by the linter's catalog).
 * A value of the wrong kind makes `-t` fail, in any block. `[since, type]` pairs list type changes.
 */
const CORE_KEYS: Record<string, CoreType | [string, CoreType][]> = {
  'server.modules': 'array-vlist',
  'server.compat-module-load': 'bool',
  'server.systemd-socket-activation': 'bool',
  'server.port': 'short',
  'server.bind': 'string',
  'server.network-backend': 'string',
  'server.chroot': 'string',
  'server.username': 'string',
  'server.groupname': 'string',
  'server.errorlog-use-syslog': 'bool',
  'server.syslog-facility': 'string',
  'server.core-files': 'bool',
  'server.event-handler': 'string',
  'server.pid-file': 'string',
  'server.max-worker': 'short',
  'server.max-fds': [['1.4.1', 'short'], ['1.4.83', 'int']],
  'server.max-connections': 'short',
  'server.max-request-field-size': [['1.4.1', 'int'], ['1.4.70', 'short']],
  'server.chunkqueue-chunk-sz': 'int',
  'server.upload-temp-file-size': 'int',
  'server.upload-dirs': 'array-vlist',
  'server.http-parseopts': 'array-kvstring',
  'server.http-parseopt-header-strict': 'bool',
  'server.http-parseopt-host-strict': 'bool',
  'server.http-parseopt-host-normalize': 'bool',
  'server.reject-expect-100-with-417': 'bool',
  'server.stat-cache-engine': 'string',
  'mimetype.xattr-name': 'string',
  'ssl.engine': 'bool',
  'debug.log-request-header-on-error': 'bool',
  'server.feature-flags': 'array-kvany',
  'server.document-root': 'string',
  'server.name': 'string',
  'server.tag': 'string',
  'server.max-request-size': 'int',
  'server.max-keep-alive-requests': 'short',
  'server.max-keep-alive-idle': 'short',
  'server.max-read-idle': 'short',
  'server.max-write-idle': 'short',
  'server.errorfile-prefix': 'string',
  'server.error-handler': 'string',
  'server.error-handler-404': 'string',
  'server.error-intercept': 'bool',
  'server.force-lowercase-filenames': 'bool',
  'server.follow-symlink': 'bool',
  'server.protocol-http11': 'bool',
  'server.range-requests': 'bool',
  'server.stream-request-body': 'short',
  'server.stream-response-body': 'short',
  'server.kbytes-per-second': 'short',
  'connection.kbytes-per-second': 'short',
  'mimetype.assign': 'array-kvstring',
  'mimetype.use-xattr': 'bool',
  'etag.use-inode': 'bool',
  'etag.use-mtime': 'bool',
  'etag.use-size': 'bool',
  'debug.log-condition-handling': 'bool',
  'debug.log-file-not-found': 'bool',
  'debug.log-request-handling': 'bool',
  'debug.log-request-header': 'bool',
  'debug.log-response-header': 'bool',
  'debug.log-timeouts': 'bool',
  'debug.log-state-handling': 'bool',
  'server.errorlog': 'string',
  'server.breakagelog': 'string',
};

/** lighttpd's internal type numbers, as its messages print them (array.h). */
const TYPE_NUMBER: Record<Value['kind'], number> = { string: 0, array: 1, integer: 2 };

/** A decimal `strtol(v, &e, 10)` that must consume the whole string; undefined otherwise. */
function strtol10(v: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

const BOOL_WORDS = new Set(['enable', 'enabled', 'true', '1', 'disable', 'disabled', 'false', '0']);

/** lighttpd's message for a value of the wrong kind, or undefined when the value passes. */
function checkValue(key: string, type: CoreType, value: Value, target: string): string | undefined {
  const t = TYPE_NUMBER[value.kind];
  const rangeChecked = isAtLeast(target, '1.4.74');
  switch (type) {
    case 'string':
      return value.kind === 'string' ? undefined : `${key} should have been a string like ... = "..."`;
    case 'short': {
      const max = rangeChecked ? 65536 : 65535;
      if (value.kind === 'string') {
        const n = value.value === '' ? undefined : strtol10(value.value);
        if (n !== undefined && n >= 0 && n <= max) return undefined;
        return `got a string but expected a short${rangeChecked ? ' integer' : ''}: ${key} ${value.value}`;
      }
      // 1.4.69 truncates any integer to 16 bits; 1.4.74 accepts 0 … 65536 only
      if (value.kind === 'integer' && (!rangeChecked || (value.value >= 0 && value.value <= 65536))) return undefined;
      return `unexpected type for key: ${key} ${t} expected a short integer, range 0 ... 65535`;
    }
    case 'int':
      if (value.kind === 'integer') return undefined;
      if (value.kind === 'string') {
        const n = value.value === '' ? undefined : strtol10(value.value);
        return n !== undefined && n >= 0 ? undefined : `got a string but expected an integer: ${key} ${value.value}`;
      }
      return `unexpected type for key: ${key} ${t} expected an integer, range 0 ... 4294967295`;
    case 'bool':
      if (value.kind === 'integer' || (value.kind === 'string' && BOOL_WORDS.has(value.value.toLowerCase()))) return undefined;
      return `ERROR: unexpected type for key: ${key} (string) "(enable|disable)"`;
    default: {
      if (value.kind !== 'array') return `${key} should have been a list like ${key} = ( "..." )`;
      const els = value.elements;
      if (type === 'array-vlist' && !els.every((e) => e.key === null && e.value.kind === 'string')) {
        return `${key} should have been a list of string values like ${key} = ( "...", "..." )`;
      }
      if (type === 'array-kvstring' && !els.every((e) => e.key !== null && e.value.kind === 'string')) {
        return `${key} should have been a list of key => string values like ${key} = ( "..." => "...", "..." => "..." )`;
      }
      if (type === 'array-kvany' && !els.every((e) => e.key !== null)) {
        return `${key} should have been a list of key => values like ${key} = ( "..." => "...", "..." => "..." )`;
      }
      return undefined;
    }
  }
}

function typeAt(entry: CoreType | [string, CoreType][], target: string): CoreType {
  if (typeof entry === 'string') return entry;
  let type = entry[0]![1];
  for (const [since, t] of entry) if (isAtLeast(target, since)) type = t;
  return type;
}

/** The options config_http_parseopts knows (names compared case-sensitively). */
const HTTP_PARSEOPTS = new Set([
  'url-normalize', 'url-normalize-unreserved', 'url-normalize-required', 'url-ctrls-reject', 'url-path-backslash-trans',
  'url-path-2f-decode', 'url-path-2f-reject', 'url-path-dotseg-remove', 'url-path-dotseg-reject', 'url-query-20-plus',
  'url-invalid-utf8-reject', 'header-strict', 'host-strict', 'host-normalize', 'method-get-body',
]);

const CONFLICTING_PARSEOPTS: [string, string][] = [
  ['url-path-2f-decode', 'url-path-2f-reject'],
  ['url-path-dotseg-remove', 'url-path-dotseg-reject'],
];

/** config_http_parseopts (global server.http-parseopts only): unknown options and non-boolean values are fatal. */
function checkHttpParseopts(value: Value, target: string): string[] {
  if (value.kind !== 'array') return [];
  const out: string[] = [];
  const enabled = new Set<string>();
  for (const e of value.elements) {
    if (e.key === null || e.value.kind !== 'string') continue; // already a type error
    const v = e.value.value.toLowerCase();
    const val = ['enable', 'enabled', 'true', '1'].includes(v) ? 1 : ['disable', 'disabled', 'false', '0'].includes(v) ? 0 : 2;
    if (val === 2) out.push(`unrecognized value for server.http-parseopts: ${e.key} => ${e.value.value} (expect "[enable|disable]")`);
    if (!HTTP_PARSEOPTS.has(e.key)) {
      out.push(`unrecognized key for server.http-parseopts: ${e.key}`);
      continue;
    }
    // before 1.4.73, turning url-normalize off ends the loop: later options are not looked at
    if (e.key === 'url-normalize' && val === 0 && !isAtLeast(target, '1.4.73')) return out;
    if (val) enabled.add(e.key);
    else enabled.delete(e.key);
  }
  // with url-normalize off, no URL option is in effect and nothing can conflict
  if (value.elements.some((e) => e.key === 'url-normalize' && e.value.kind === 'string' && /^(disabled?|false|0)$/i.test(e.value.value))) return out;
  for (const [a, b] of CONFLICTING_PARSEOPTS) {
    if (enabled.has(a) && enabled.has(b)) out.push(`conflicting options in server.http-parseopts:${a}, ${b}`);
  }
  return out;
}

/** Every core setting whose value `lighttpd -t` refuses, with lighttpd's message. */
export function findCoreValueErrors(contexts: readonly ConfigContext[], target: string): { setting: Setting; message: string }[] {
  const out: { setting: Setting; message: string }[] = [];
  for (const ctx of contexts) {
    for (const [folded, setting] of ctx.settings) {
      const entry = CORE_KEYS[folded];
      if (!entry) continue;
      const message = checkValue(folded, typeAt(entry, target), setting.value, target);
      if (message !== undefined) out.push({ setting, message });
      else if (folded === 'server.http-parseopts' && ctx.index === 0) {
        for (const m of checkHttpParseopts(setting.value, target)) out.push({ setting, message: m });
      }
    }
  }
  return out;
}
