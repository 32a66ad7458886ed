import * as path from 'node:path';
import { isVersion, LATEST_VERSION, type Severity } from '@lhconf/parser';
import type { Rule } from './define-rule.js';
import { rules as builtinRules } from './rules/index.js';
import { matchesAny } from './util/glob.js';
import { closestName } from './catalog/index.js';

/** How a rule is switched in a config: a severity, or `[severity, options]`. */
export type SeverityName = 'off' | 'info' | 'warn' | 'warning' | 'error';
export type RuleEntry = SeverityName | [SeverityName] | [SeverityName, Record<string, unknown>];
export type RuleEntries = Record<string, RuleEntry>;

export interface ConfigOverride {
  /** Globs relative to the config file's directory; a glob without `/` matches a base name at any depth. */
  files: string[];
  rules?: RuleEntries;
  targetVersion?: string;
  /** As the top-level `standalone`, for the main files these globs match. */
  standalone?: boolean;
}

/** The contents of `.lhconfrc.json` / `lhconf.config.json`. */
export interface LintConfig {
  $schema?: string;
  /** The lighttpd release to check against, e.g. `1.4.69`. Default: the newest release lhconf knows. */
  targetVersion?: string;
  rules?: RuleEntries;
  /** Files not linted at all. */
  ignore?: string[];
  /** Later overrides win over earlier ones and over `rules`. */
  overrides?: ConfigOverride[];
  /** Ignore `# lhconf-disable…` comments (and do not report unused ones). */
  noInlineSuppress?: boolean;
  /**
   * Each linted main file is a complete configuration, as `lighttpd -f FILE` reads it, never a snippet
   * meant to be included: rules that judge only main configurations (a global server.document-root,
   * server.username) judge it even when it looks like a `conf.d/*.conf` part. Default false.
   */
  standalone?: boolean;
  /** Formatter options; owned and checked by @lhconf/format. */
  format?: Record<string, unknown>;
  /** The directory the config was found in; globs are relative to it. Set by `loadConfig`, never written. */
  root?: string;
}

/** The names `loadConfig` looks for, in order, in each directory from the linted file upwards. */
export const CONFIG_FILE_NAMES = ['.lhconfrc.json', 'lhconf.config.json'] as const;

/** A config that cannot be used; `problems` holds one line per mistake. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid lhconf config\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Rule ids lhconf no longer has, each with the rules that now report what it did. A config or a
 * `# lhconf-disable…` comment naming one is told where its findings went, not just "unknown rule id".
 */
export const removedRules: Readonly<Record<string, readonly string[]>> = {
  // Merged: both rules report every entry it reported, across `+=` blocks too, with lighttpd's words.
  'no-shadowed-url-prefix': ['no-shadowed-alias', 'no-shadowed-auth-require'],
};

/** The rules that replaced a removed rule id, quoted and joined (`"a" and "b"`); undefined for any other id. */
export function replacementsOf(id: string): string | undefined {
  if (!Object.hasOwn(removedRules, id)) return undefined;
  const quoted = removedRules[id]!.map((r) => `"${r}"`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** What applies to one file after `rules` and the matching `overrides` are merged. */
export interface FileConfig {
  ignored: boolean;
  targetVersion: string;
  noInlineSuppress: boolean;
  /** Whether the file, when it is the main file of a lint run, is a complete configuration (`standalone`). */
  standalone: boolean;
  /** Enabled rules only. */
  rules: Map<string, { severity: Severity; options: unknown }>;
}

export type ReadTextFile = (file: string) => string | undefined | Promise<string | undefined>;

/**
 * Finds `.lhconfrc.json` or `lhconf.config.json` in `startDir` or the nearest directory above it, and
 * validates it. `readFile` returns undefined for a missing file. Without a config file the result is `{}`:
 * every rule at its default severity.
 */
export async function loadConfig(
  startDir: string,
  readFile: ReadTextFile,
  rules: Readonly<Record<string, Rule>> = builtinRules,
): Promise<{ config: LintConfig; file?: string }> {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      const text = await readFile(file);
      if (text === undefined) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
      }
      return { config: { ...validateConfig(raw, file, rules), root: dir }, file };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { config: {} };
    dir = parent;
  }
}

const severityNames = { off: null, info: 'info', warn: 'warning', warning: 'warning', error: 'error' } as const satisfies Record<
  SeverityName,
  Severity | null
>;

const topLevelKeys = ['$schema', 'targetVersion', 'rules', 'ignore', 'overrides', 'noInlineSuppress', 'standalone', 'format'] as const;
const overrideKeys = ['files', 'rules', 'targetVersion', 'standalone'] as const;

/** Checks a parsed config; throws a {@link ConfigError} listing every problem. */
export function validateConfig(
  raw: unknown,
  file = '<config>',
  rules: Readonly<Record<string, Rule>> = builtinRules,
): LintConfig {
  const problems: string[] = [];
  if (!isObject(raw)) throw new ConfigError(file, ['the config must be a JSON object']);
  for (const key of Object.keys(raw)) {
    if ((topLevelKeys as readonly string[]).includes(key)) continue;
    problems.push(`unknown setting "${key}"${didYouMean(key, topLevelKeys)}`);
  }
  checkVersion(raw.targetVersion, 'targetVersion', problems);
  checkRules(raw.rules, 'rules', rules, problems);
  checkStrings(raw.ignore, 'ignore', problems);
  checkBoolean(raw.noInlineSuppress, 'noInlineSuppress', problems);
  checkBoolean(raw.standalone, 'standalone', problems);
  if (raw.format !== undefined && !isObject(raw.format)) problems.push('format: expected an object');
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) problems.push('overrides: expected an array of { "files": [...], "rules": {...} }');
    else
      raw.overrides.forEach((o: unknown, i) => {
        const where = `overrides[${i}]`;
        if (!isObject(o)) return void problems.push(`${where}: expected an object`);
        for (const key of Object.keys(o))
          if (!(overrideKeys as readonly string[]).includes(key)) problems.push(`${where}: unknown setting "${key}"${didYouMean(key, overrideKeys)}`);
        if (!Array.isArray(o.files) || o.files.length === 0) problems.push(`${where}.files: expected a non-empty array of globs`);
        else checkStrings(o.files, `${where}.files`, problems);
        checkRules(o.rules, `${where}.rules`, rules, problems);
        checkVersion(o.targetVersion, `${where}.targetVersion`, problems);
        checkBoolean(o.standalone, `${where}.standalone`, problems);
      });
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return raw as LintConfig;
}

/**
 * The rules, target version and suppression setting for one file. `file` is absolute or relative to the
 * config's root; rules the config does not mention run at their default severity.
 */
export function resolveFileConfig(
  config: LintConfig,
  file: string,
  rules: Readonly<Record<string, Rule>> = builtinRules,
): FileConfig {
  const relative = toPosix(config.root && path.isAbsolute(file) ? path.relative(config.root, file) : file);
  const entries: RuleEntries = { ...config.rules };
  let targetVersion = config.targetVersion ?? LATEST_VERSION;
  let standalone = config.standalone ?? false;
  for (const override of config.overrides ?? []) {
    if (!matchesAny(relative, override.files)) continue;
    Object.assign(entries, override.rules);
    targetVersion = override.targetVersion ?? targetVersion;
    standalone = override.standalone ?? standalone;
  }
  const resolved = new Map<string, { severity: Severity; options: unknown }>();
  for (const [id, rule] of Object.entries(rules)) {
    const entry = entries[id];
    const [name, options] = entry === undefined ? [undefined, undefined] : Array.isArray(entry) ? entry : [entry, undefined];
    const severity = name === undefined ? rule.severity : severityNames[name];
    if (severity === null) continue;
    const merged = rule.defaultOptions === undefined ? undefined : { ...rule.defaultOptions, ...options };
    resolved.set(id, { severity, options: merged });
  }
  return {
    ignored: matchesAny(relative, config.ignore ?? []),
    targetVersion,
    noInlineSuppress: config.noInlineSuppress ?? false,
    standalone,
    rules: resolved,
  };
}

function checkRules(value: unknown, where: string, rules: Readonly<Record<string, Rule>>, problems: string[]): void {
  if (value === undefined) return;
  if (!isObject(value)) return void problems.push(`${where}: expected an object of { "rule-id": "off" | "warn" | "error" }`);
  for (const [id, entry] of Object.entries(value)) {
    const at = `${where}["${id}"]`;
    const rule = rules[id];
    if (!rule) {
      const replacements = replacementsOf(id);
      // Still an error: loadConfig has no way to warn, and a silently ignored entry would hide why the
      // replacements now report at their own severity.
      if (replacements) problems.push(`${at}: rule "${id}" was removed in favour of ${replacements}; configure those instead`);
      else problems.push(`${at}: unknown rule id${didYouMean(id, Object.keys(rules))}`);
      continue;
    }
    const [name, options, ...extra] = Array.isArray(entry) ? entry : [entry];
    if (typeof name !== 'string' || !(name in severityNames)) {
      problems.push(`${at}: bad severity ${JSON.stringify(name)}; expected "off", "info", "warn" or "error"`);
      continue;
    }
    if (extra.length > 0) problems.push(`${at}: expected [severity, options], got ${extra.length + 2} items`);
    if (options !== undefined) checkOptions(options, rule, at, problems);
  }
}

/** Options must be keys of the rule's `defaultOptions`, with values of the same JSON type. */
function checkOptions(options: unknown, rule: Rule, at: string, problems: string[]): void {
  const defaults = rule.defaultOptions as Record<string, unknown> | undefined;
  if (!defaults) return void problems.push(`${at}: rule "${rule.id}" takes no options`);
  if (!isObject(options)) return void problems.push(`${at}: options must be an object`);
  for (const [key, value] of Object.entries(options)) {
    if (!(key in defaults)) {
      problems.push(`${at}: unknown option "${key}"${didYouMean(key, Object.keys(defaults))}`);
      continue;
    }
    if (jsonType(value) !== jsonType(defaults[key]))
      problems.push(`${at}: option "${key}" must be ${jsonType(defaults[key])}, got ${jsonType(value)}`);
  }
}

function checkVersion(value: unknown, where: string, problems: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !isVersion(value))
    problems.push(`${where}: expected a lighttpd 1.4 release such as "1.4.69", got ${JSON.stringify(value)}`);
}

function checkBoolean(value: unknown, where: string, problems: string[]): void {
  if (value !== undefined && typeof value !== 'boolean') problems.push(`${where}: expected true or false`);
}

function checkStrings(value: unknown, where: string, problems: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) problems.push(`${where}: expected an array of strings`);
}

function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closestName(word, candidates);
  return best ? ` (did you mean "${best}"?)` : '';
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
