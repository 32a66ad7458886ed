/**
 * Lint recall: which of lighttpd's own startup messages (`lighttpd -tt`) are configuration problems,
 * and which lhconf rules must report each of them. One table: a message lighttpd prints that is not
 * here is listed as "unclassified", so a new message is noticed rather than silently ignored.
 */
import { getDirective } from '../../packages/lint/src/catalog/index.js';

/** What one `-tt` stderr line means for lint recall. */
export type MessageClass =
  /** A problem of this machine, not of the config: missing files, users, helper binaries, certificates. */
  | { kind: 'environment' }
  /** lighttpd's summary after an earlier message ("Going down"); it adds nothing. */
  | { kind: 'follow-up' }
  /** A configuration problem: some lhconf diagnostic of one of `rules` must mention `subject` (when given). */
  | { kind: 'problem'; rules: readonly string[]; subject?: string }
  | { kind: 'unclassified' };

interface Entry {
  pattern: RegExp;
  /** `targetVersion`: the lighttpd release that printed the message, for what the catalogue says of it. */
  classify: (m: RegExpExecArray, targetVersion: string) => MessageClass;
}

const environment = (): MessageClass => ({ kind: 'environment' });
const followUp = (): MessageClass => ({ kind: 'follow-up' });
const problem = (rules: readonly string[], subject?: string): MessageClass =>
  subject === undefined ? { kind: 'problem', rules } : { kind: 'problem', rules, subject };

/**
 * Modules that exist for lighttpd 1.4.69 but in a Debian package this machine may lack. mod_deflate
 * (lighttpd-mod-deflate) and mod_openssl are only Recommends of `lighttpd`, which scripts/lighttpd/install.sh
 * skips (--no-install-recommends); with compat-module-load lighttpd starts without mod_deflate (plugin.c).
 */
const separatelyPackagedModules = new Set(['mod_deflate', 'mod_openssl', 'mod_webdav', 'mod_authn_gssapi', 'mod_authn_ldap', 'mod_authn_dbi', 'mod_authn_pam', 'mod_authn_sasl', 'mod_vhostdb_ldap', 'mod_vhostdb_dbi', 'mod_vhostdb_mysql', 'mod_vhostdb_pgsql', 'mod_magnet', 'mod_maxminddb', 'mod_gnutls', 'mod_mbedtls', 'mod_nss', 'mod_wolfssl']);

const dlopenFailed = /dlopen\(\) failed for: \S*\/(mod_\w+)\.so/;
const unknownKey = /unknown config-key: (\S+) \(ignored\)/;

const table: readonly Entry[] = [
  { pattern: /setting default values failed|Initialization of plugins failed|Configuration of plugins failed|loading plugins finally failed/, classify: followUp },
  { pattern: /can't find (?:group|user)name|invalid "bin-path"|doesn't exist|can't stat|fdevent_load_file|^SSL:|getaddrinfo failed|No such file or directory|Permission denied/, classify: environment },
  { pattern: /server\.document-root is not set/, classify: () => problem(['require-document-root']) },
  {
    pattern: dlopenFailed,
    classify: (m) => (separatelyPackagedModules.has(m[1]!) ? environment() : problem(['no-unknown-module', 'no-removed-module'], m[1])),
  },
  { pattern: /Warning: "(mod_\w+)" is DEPRECATED and has been replaced with/, classify: (m) => problem(['no-removed-module', 'no-deprecated-module'], m[1]) },
  { pattern: /DEPRECATED: (\S+) replaced with/, classify: (m) => problem(['no-deprecated-directive'], m[1]) },
  { pattern: /please add "(mod_\w+)" to server\.modules/, classify: (m) => problem(['no-module-not-loaded', 'require-module'], m[1]) },
  {
    pattern: unknownKey,
    // A key the release no longer has at all (auth.debug, gone in 1.4.42) is no-deprecated-directive's "was removed".
    classify: (m, targetVersion) =>
      getDirective(m[1]!, targetVersion)?.status === 'removed'
        ? problem(['no-deprecated-directive'], m[1])
        : problem(['no-unknown-directive', 'no-module-not-loaded'], m[1]),
  },
  { pattern: /mod_auth should be listed in server\.modules before dynamic backends|should be listed in server\.modules (?:prior to|before)/, classify: () => problem(['require-module-order']) },
  { pattern: /please use server\.use-ipv6 only for hostnames/, classify: () => problem(['no-use-ipv6-without-bind']) },
  { pattern: /I will not set uid to 0/, classify: () => problem(['no-root-user']) },
  { pattern: /DEPRECATED: do not set server options in conditionals, variable: (\S+)/, classify: (m) => problem(['no-invalid-directive-scope'], m[1]) },
  // kqueue, devpoll, … are real values on other systems: whether this build has them is the machine's business.
  { pattern: /event-handler in unknown or not supported: (\S+)/, classify: environment },
  { pattern: /(\S+) can be one of .* but not: (\S+)/, classify: (m) => problem(['no-invalid-enum-value'], m[2]) },
];

/** The message part of a lighttpd log line: without the timestamp and the `(file.c.123)` source. */
export function messageOf(line: string): string {
  return line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /, '').replace(/^\([\w.-]+\.\d+\) /, '').trim();
}

export function classifyMessage(line: string, targetVersion: string): MessageClass {
  const message = messageOf(line);
  for (const entry of table) {
    const m = entry.pattern.exec(message);
    if (m) return entry.classify(m, targetVersion);
  }
  return { kind: 'unclassified' };
}

/**
 * Classifies the messages of one `-tt` run. One depends on another: the keys of a module this machine could
 * not load (its package is missing; lighttpd goes on without mod_deflate) are then "unknown config-key",
 * which is the machine's doing too; on a machine with the package they are accepted (with DEPRECATED
 * warnings for compress.*). The keys' modules come from lhconf's catalogue as of `targetVersion`.
 */
export function classifyMessages(lines: readonly string[], targetVersion: string): { line: string; cls: MessageClass }[] {
  const classified = lines.map((line) => ({ line: messageOf(line), cls: classifyMessage(line, targetVersion) }));
  const missing = new Set(
    classified.flatMap(({ line, cls }) => (cls.kind === 'environment' ? (dlopenFailed.exec(line)?.slice(1, 2) ?? []) : [])),
  );
  if (missing.size === 0) return classified;
  return classified.map((m) => {
    const key = m.cls.kind === 'problem' ? unknownKey.exec(m.line)?.[1] : undefined;
    const directive = key === undefined ? undefined : getDirective(key, targetVersion);
    const modules = directive ? (directive.modules ?? [directive.module]) : [];
    return modules.some((module) => missing.has(module)) ? { line: m.line, cls: environment() } : m;
  });
}

/** A reported lhconf diagnostic, as much as recall needs. */
export interface LintFinding {
  ruleId: string;
  /** The rule's (or the parser's) stable message key: listed exceptions name it. */
  messageId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  where: string;
}

/** Whether lhconf reported the problem: a diagnostic of one of its rules that names its subject. */
export function isRecalled(cls: Extract<MessageClass, { kind: 'problem' }>, findings: readonly LintFinding[]): boolean {
  return findings.some(
    (f) => cls.rules.includes(f.ruleId) && (cls.subject === undefined || f.message.toLowerCase().includes(cls.subject.toLowerCase())),
  );
}
