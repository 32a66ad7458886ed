import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  decodeBytes,
  evaluateFile,
  evaluateText,
  type Document,
  type EvaluateFs,
  type EvaluateResult,
  type SourceRange,
} from '@lhconf/parser';
import {
  applyFixes,
  ConfigError,
  lintEvaluation,
  loadConfig,
  resolveFileConfig,
  rules,
  validateConfig,
  type Diagnostic,
  type LintConfig,
  type RuleEntries,
} from '@lhconf/lint';
import { targetVersionProblem } from '../args.js';
import { colorEnabled } from '../color.js';
import { expandPaths, type Input } from '../inputs.js';
import { nodeIo, type Io } from '../io.js';
import { createProgress } from '../progress.js';
import { reporterNames, reporters, type ReporterName } from '../reporters/index.js';
import { countDiagnostics, type FileResult } from '../reporters/types.js';
import { VERSION } from '../version.js';

export interface LintArgs {
  /** Files, directories (every `*.conf` below) and globs; none: the working directory. */
  paths?: string[];
  /** Lint `paths` as parts of this main config (their includes' context), reporting only them. */
  root?: string;
  stdin?: boolean;
  stdinFilepath?: string;
  fix?: boolean;
  fixUnsafe?: boolean;
  /** `id=off|info|warn|error`, repeatable (one flag: a string); wins over the config file. */
  rule?: string | string[];
  targetVersion?: string;
  maxWarnings?: number;
  quiet?: boolean;
  /** `--no-inline-suppress` sets it false: `# lhconf-disable…` comments are ignored. */
  inlineSuppress?: boolean;
  /** Each main file is a complete configuration (config `standalone`); `--no-standalone` sets it false. */
  standalone?: boolean;
  config?: string;
  allowIncludeShell?: boolean;
  format?: string;
}

/** Exit codes: what `lhconf lint` promises scripts (also in `lhconf --help`). */
export const EXIT = { ok: 0, problems: 1, error: 2 } as const;

/** At most this many rounds of fixing: a fix can make room for another (ESLint does the same). */
const MAX_FIX_PASSES = 10;

/**
 * `lhconf lint`: evaluates each main config with its includes (as lighttpd reads it), lints every file
 * reached, applies fixes when asked, and reports. Returns the exit code: 0 clean (or warnings within
 * `--max-warnings`), 1 problems, 2 usage error, unreadable file or bad config.
 */
export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const usage = checkUsage(args);
  if (usage) {
    io.stderr(`lhconf lint: ${usage}\n`);
    return EXIT.error;
  }
  let cliRules: RuleEntries;
  try {
    cliRules = parseRuleFlags([args.rule ?? []].flat());
  } catch (err) {
    io.stderr(`lhconf lint: ${err instanceof ConfigError ? err.problems.join('\n  ') : (err as Error).message}\n`);
    return EXIT.error;
  }
  const configs = configSource(args, cliRules, io);
  let exit: number = EXIT.ok;
  let units: Unit[];
  try {
    const planned = await planUnits(args, io, configs);
    units = planned.units;
    if (planned.failed) exit = EXIT.error;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${err.message}\n`);
    return EXIT.error;
  }

  const unsafe = args.fixUnsafe ?? false;
  const fixing = Boolean(args.fix || unsafe);
  const files = new Map<string, FileResult>();
  for (const unit of units) {
    const diagnostics = lintEvaluation(unit.first, unit.config);
    const outcome = fixing ? fix(unit, diagnostics, unsafe, io) : { result: unit.first, diagnostics, texts: new Map(), fixed: new Map() };
    if (unit.stdin && fixing) {
      // The fixed text goes to stdout (editors replace the buffer with it); the report goes to stderr.
      const main = unit.first.file;
      io.stdout(outcome.texts.get(main) ?? unit.first.files.get(main)?.text ?? '');
    } else if (!(await writeFixed(outcome.texts, unit, io))) exit = EXIT.error;
    collect(files, unit, outcome, args.quiet ?? false, io.cwd);
  }

  const results = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const format = (args.format ?? 'stylish') as ReporterName;
  const toStderr = Boolean(args.stdin && fixing);
  const text = reporters[format](
    { results, rules, cwd: io.cwd, toolVersion: VERSION },
    { color: colorEnabled(io, toStderr ? 'stderr' : 'stdout') },
  );
  if (text) (toStderr ? io.stderr : io.stdout)(text);

  const counts = countDiagnostics(results.flatMap((r) => r.diagnostics));
  if (exit !== EXIT.ok) return exit;
  if (counts.errors > 0) return EXIT.problems;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && counts.warnings > args.maxWarnings) {
    io.stderr(`lhconf lint: ${counts.warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

function checkUsage(args: LintArgs): string | undefined {
  const paths = args.paths ?? [];
  if (args.stdin && paths.length > 0) return '--stdin lints standard input: give no paths with it';
  if (args.stdinFilepath !== undefined && !args.stdin) return '--stdin-filepath needs --stdin';
  if (args.stdin && args.root) return '--root cannot be combined with --stdin';
  const versionProblem = targetVersionProblem(args.targetVersion);
  if (versionProblem) return versionProblem;
  if (args.format !== undefined && !(reporterNames as string[]).includes(args.format))
    return `--format: unknown format "${args.format}"; one of ${reporterNames.join(', ')}`;
  if (args.maxWarnings !== undefined && !Number.isInteger(args.maxWarnings)) return '--max-warnings: expected a whole number';
  return undefined;
}

const RULE_FLAG = /^([^=\s]+)=(off|info|warn|warning|error)$/;

/** `--rule id=severity` flags as config `rules`; checked like a config file (unknown ids get a "did you mean"). */
function parseRuleFlags(flags: string[]): RuleEntries {
  const entries: RuleEntries = {};
  for (const flag of flags) {
    const m = RULE_FLAG.exec(flag);
    if (!m) throw new Error(`--rule ${flag}: expected id=off|info|warn|error, e.g. --rule no-debug-enabled=off`);
    entries[m[1]!] = m[2] as RuleEntries[string];
  }
  validateConfig({ rules: entries }, '--rule');
  return entries;
}

/** The config that applies to a file (nearest `.lhconfrc.json` upward, or `--config`), with the flags laid over it. */
type ConfigSource = (file: string) => Promise<LintConfig>;

function configSource(args: LintArgs, cliRules: RuleEntries, io: Io): ConfigSource {
  const readText = async (file: string) => ((await io.stat(file))?.isFile ? Buffer.from(await io.readFile(file)).toString('utf8') : undefined);
  const byDir = new Map<string, Promise<LintConfig>>();
  const withFlags = (config: LintConfig): LintConfig => {
    const out: LintConfig = { ...config };
    if (args.inlineSuppress === false) out.noInlineSuppress = true;
    // A last override beats the file's `rules`, `targetVersion`, `standalone` and every earlier override.
    if (Object.keys(cliRules).length > 0 || args.targetVersion || args.standalone !== undefined)
      out.overrides = [
        ...(config.overrides ?? []),
        {
          files: ['**'],
          rules: cliRules,
          ...(args.targetVersion && { targetVersion: args.targetVersion }),
          ...(args.standalone !== undefined && { standalone: args.standalone }),
        },
      ];
    if (args.targetVersion) out.targetVersion = args.targetVersion;
    if (args.standalone !== undefined) out.standalone = args.standalone;
    return out;
  };
  if (args.config) {
    const file = path.resolve(io.cwd, args.config);
    const explicit = (async () => {
      let text: string | undefined;
      try {
        text = await readText(file);
      } catch (err) {
        throw new ConfigError(args.config!, [`cannot read: ${(err as Error).message}`]);
      }
      if (text === undefined) throw new ConfigError(args.config!, ['no such file']);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        throw new ConfigError(args.config!, [`not valid JSON: ${(err as Error).message}`]);
      }
      return withFlags({ ...validateConfig(raw, args.config), root: path.dirname(file) });
    })();
    return () => explicit;
  }
  return (file) => {
    const dir = path.dirname(file);
    let config = byDir.get(dir);
    if (!config) byDir.set(dir, (config = loadConfig(dir, readText).then((found) => withFlags(found.config))));
    return config;
  };
}

/** One evaluation to lint: a main config with everything it includes. */
interface Unit {
  config: LintConfig;
  /** The first evaluation. */
  first: EvaluateResult;
  /** Evaluates again with other file contents (a fix pass); `texts` by file key, `fs` serving the rest. */
  rerun(texts: ReadonlyMap<string, string>, fs: EvaluateFs): EvaluateResult;
  /** Whether a file (key as in `first.files`) is reported; the others give context only. */
  reports(key: string): boolean;
  stdin: boolean;
}

async function planUnits(args: LintArgs, io: Io, configFor: ConfigSource): Promise<{ units: Unit[]; failed: boolean }> {
  let failed = false;
  const absolute = (key: string) => path.resolve(io.cwd, key);
  const evaluateOptions = (config: LintConfig, key: string) => ({
    targetVersion: resolveFileConfig(config, key).targetVersion,
    cwd: io.cwd,
    env: io.env,
    allowIncludeShell: args.allowIncludeShell ?? false,
  });
  const notIgnored = (config: LintConfig) => (key: string) => !resolveFileConfig(config, absolute(key)).ignored;

  if (args.stdin) {
    const key = args.stdinFilepath ? absolute(args.stdinFilepath) : '<stdin>';
    const config = await configFor(args.stdinFilepath ? key : path.join(io.cwd, 'stdin.conf'));
    const text = decodeBytes(await io.readStdin()).text;
    const run = (texts: ReadonlyMap<string, string>, fs: EvaluateFs | undefined) =>
      evaluateText(texts.get(key) ?? text, { ...evaluateOptions(config, key), file: key, ...(fs && { fs }) });
    return { units: [{ config, first: run(new Map(), io.evaluateFs), rerun: run, reports: notIgnored(config), stdin: true }], failed };
  }

  const isIgnored = async (file: string) => resolveFileConfig(await configFor(file), file).ignored;
  const given = args.paths && args.paths.length > 0 ? args.paths : undefined;
  // Without paths: every *.conf below the working directory, or with --root everything the root reaches.
  const { inputs, missing } = await expandPaths(given ?? (args.root ? [] : ['.']), io, { isIgnored });
  for (const name of missing) {
    io.stderr(`${name}: error: no such file or directory\n`);
    failed = true;
  }
  const readable: Input[] = [];
  for (const input of inputs) {
    try {
      await io.readFile(input.file);
      readable.push(input);
    } catch (err) {
      io.stderr(`${input.name}: error: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      failed = true;
    }
  }
  const unitFor = async (main: string, reports: (key: string) => boolean): Promise<Unit> => {
    const config = await configFor(main);
    const run = (_texts: ReadonlyMap<string, string>, fs: EvaluateFs | undefined) =>
      evaluateFile(main, { ...evaluateOptions(config, main), ...(fs && { fs }) });
    const ignored = notIgnored(config);
    return { config, first: run(new Map(), io.evaluateFs), rerun: run, reports: (key) => ignored(key) && reports(key), stdin: false };
  };

  const progress = createProgress(io, readable.length);
  try {
    if (args.root) {
      const root = path.resolve(io.cwd, args.root);
      if (!(await io.stat(root))?.isFile) {
        io.stderr(`${args.root}: error: --root: no such file\n`);
        return { units: [], failed: true };
      }
      const selected = new Set(readable.map((i) => i.file));
      const everything = given === undefined;
      const unit = await unitFor(root, (key) => everything || selected.has(absolute(key)));
      const reached = new Set([...unit.first.files.keys()].map(absolute));
      const units = [unit];
      for (const input of readable) {
        if (reached.has(input.file)) continue;
        io.stderr(`${input.name}: warning: not included by ${args.root}; linted on its own\n`);
        units.push(await unitFor(input.file, () => true));
      }
      return { units, failed };
    }

    // Each file is a main config unless another one given includes it: conf.d/*.conf are linted as parts of
    // lighttpd.conf (with its variables and scopes), once.
    const candidates: Unit[] = [];
    for (const input of readable) {
      progress.next(input.name);
      candidates.push(await unitFor(input.file, () => true));
    }
    const includedByOther = new Set<string>();
    candidates.forEach((unit, i) => {
      for (const key of unit.first.files.keys()) if (absolute(key) !== readable[i]!.file) includedByOther.add(absolute(key));
    });
    const covered = new Set<string>();
    const units: Unit[] = [];
    const take = (unit: Unit) => {
      units.push(unit);
      for (const key of unit.first.files.keys()) covered.add(absolute(key));
    };
    candidates.forEach((unit, i) => !includedByOther.has(readable[i]!.file) && take(unit));
    // Files that include each other in a cycle: the first one given is the main config.
    candidates.forEach((unit, i) => !covered.has(readable[i]!.file) && take(unit));
    return { units, failed };
  } finally {
    progress.done();
  }
}

/** Writes each fixed file atomically; false when one could not be written. */
async function writeFixed(texts: ReadonlyMap<string, string>, unit: Unit, io: Io): Promise<boolean> {
  let ok = true;
  for (const [key, text] of texts) {
    try {
      await io.writeFileAtomic(path.resolve(io.cwd, key), encode(text, unit.first.files.get(key)!));
    } catch (err) {
      io.stderr(`${displayName(key, io.cwd)}: error: cannot write: ${(err as Error).message}\n`);
      ok = false;
    }
  }
  return ok;
}

interface Outcome {
  result: EvaluateResult;
  diagnostics: Diagnostic[];
  /** Fixed texts of the files that changed, by file key. */
  texts: Map<string, string>;
  fixed: Map<string, number>;
}

/**
 * Applies fixes in rounds: each round takes every non-overlapping fix in every reported file, then evaluates
 * and lints again (a fix may uncover or enable another). Files with syntax errors are never fixed, and a
 * round that would break a file's syntax is undone for that file.
 */
function fix(unit: Unit, diagnostics: Diagnostic[], unsafe: boolean, io: Io): Outcome {
  let result = unit.first;
  const hasSyntaxError = (ds: Diagnostic[], key: string) => ds.some((d) => d.ruleId === 'syntax' && d.severity === 'error' && d.range.file === key);
  const frozen = new Set([...result.files.keys()].filter((key) => !unit.reports(key) || hasSyntaxError(diagnostics, key)));
  const texts = new Map<string, string>();
  const fixed = new Map<string, number>();
  const fs = replayFs(unit.first, texts, io.evaluateFs);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const [textsBefore, fixedBefore] = [new Map(texts), new Map(fixed)];
    const changed: string[] = [];
    for (const [key, doc] of result.files) {
      if (frozen.has(key)) continue;
      const applied = applyFixes(doc.text, diagnostics, { unsafe, file: key });
      if (applied.fixed === 0) continue;
      texts.set(key, applied.text);
      fixed.set(key, (fixed.get(key) ?? 0) + applied.fixed);
      changed.push(key);
    }
    if (changed.length === 0) break;
    let next = unit.rerun(texts, fs);
    let nextDiagnostics = lintEvaluation(next, unit.config);
    const broken = changed.filter((key) => hasSyntaxError(nextDiagnostics, key));
    if (broken.length > 0) {
      for (const key of broken) {
        io.stderr(`${displayName(key, io.cwd)}: warning: a fix would break the syntax; left unfixed (please report this lhconf bug)\n`);
        restore(texts, textsBefore, key);
        restore(fixed, fixedBefore, key);
        frozen.add(key);
      }
      next = unit.rerun(texts, fs);
      nextDiagnostics = lintEvaluation(next, unit.config);
    }
    result = next;
    diagnostics = nextDiagnostics;
  }
  return { result, diagnostics, texts, fixed };
}

/** Puts back `key` in `map` as it was in `saved` (deleting it when it was not there). */
function restore<V>(map: Map<string, V>, saved: ReadonlyMap<string, V>, key: string): void {
  const value = saved.get(key);
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

/**
 * File access for fix rounds: fixed texts where there are some, otherwise the bytes and glob results of the
 * first evaluation (fixes never add or remove files, so the same include patterns find the same files).
 * Anything new (a fix that rewrote an include) goes to the Io's own evaluator access when it has one.
 */
function replayFs(first: EvaluateResult, texts: ReadonlyMap<string, string>, fallback: EvaluateFs | undefined): EvaluateFs {
  const globs = new Map<string, string[]>();
  for (const record of first.includes) if (record.pattern !== null) globs.set(record.pattern, record.paths);
  return {
    readFile(p) {
      const doc = first.files.get(p);
      const text = texts.get(p) ?? doc?.text;
      return text !== undefined && doc ? encode(text, doc) : fallback?.readFile(p);
    },
    glob: (pattern) => globs.get(pattern) ?? fallback?.glob(pattern) ?? [],
  };
}

/** Bytes for a file's new text, in its own encoding (latin1 stays latin1) and with its BOM if it had one. */
function encode(text: string, doc: Pick<Document, 'encoding' | 'bom'>): Uint8Array {
  const body = Buffer.from(text, doc.encoding === 'latin1' ? 'latin1' : 'utf8');
  return doc.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Adds a unit's reported files and diagnostics to `files` (by shown name), dropping duplicates from shared includes. */
function collect(files: Map<string, FileResult>, unit: Unit, outcome: Outcome, quiet: boolean, cwd: string): void {
  const name = (key: string) => displayName(key, cwd);
  const resultFor = (key: string) => {
    let r = files.get(name(key));
    if (!r) files.set(name(key), (r = { file: name(key), source: outcome.result.files.get(key)?.text, diagnostics: [], fixed: 0 }));
    return r;
  };
  for (const key of outcome.result.files.keys()) {
    if (!unit.reports(key)) continue;
    resultFor(key).fixed += outcome.fixed.get(key) ?? 0;
  }
  for (const d of outcome.diagnostics) {
    if (!unit.reports(d.range.file) || (quiet && d.severity !== 'error')) continue;
    const r = resultFor(d.range.file);
    const shown = renameDiagnostic(d, name);
    const same = (o: Diagnostic) =>
      o.ruleId === shown.ruleId && o.message === shown.message && o.range.start.offset === shown.range.start.offset && o.range.end.offset === shown.range.end.offset;
    if (!r.diagnostics.some(same)) r.diagnostics.push(shown);
  }
}

/** Relative to the working directory when inside it, absolute otherwise; `<stdin>` and shell commands as they are. */
export function displayName(key: string, cwd: string): string {
  if (key.startsWith('<')) return key;
  const abs = path.resolve(cwd, key);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}

function renameDiagnostic(d: Diagnostic, name: (file: string) => string): Diagnostic {
  const range = (r: SourceRange): SourceRange => ({ ...r, file: name(r.file) });
  return {
    ...d,
    range: range(d.range),
    ...(d.related && { related: d.related.map((r) => ({ ...r, range: range(r.range) })) }),
    ...(d.fix && { fix: { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, range: range(e.range) })) } }),
    ...(d.includeChain && { includeChain: d.includeChain.map(range) }),
  };
}

export const lintCommand: CommandModule<object, LintArgs> = {
  command: 'lint [paths..]',
  describe: 'Find problems in lighttpd configs, following their includes',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('paths', { type: 'string', array: true, describe: 'files, directories (every *.conf below) or globs; default: .' })
      .option('format', { alias: 'f', type: 'string', choices: reporterNames, default: 'stylish', describe: 'how to report' })
      .option('fix', { type: 'boolean', describe: 'apply safe fixes (they keep what lighttpd does)' })
      .option('fix-unsafe', { type: 'boolean', describe: 'also apply fixes that change meaning: review the result' })
      // Not `array: true`: that would swallow the paths after `--rule x=off`; repeated flags still collect.
      .option('rule', { type: 'string', requiresArg: true, describe: 'set a rule: id=off|info|warn|error (repeatable)' })
      .option('target-version', { type: 'string', requiresArg: true, describe: 'lighttpd release to check against, e.g. 1.4.69' })
      .option('max-warnings', { type: 'number', requiresArg: true, describe: 'exit 1 when there are more warnings than this' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'report errors only' })
      .option('inline-suppress', { type: 'boolean', default: true, describe: 'honour # lhconf-disable… comments (--no-inline-suppress: ignore them)' })
      .option('config', { alias: 'c', type: 'string', requiresArg: true, describe: 'use this config file instead of the nearest .lhconfrc.json' })
      .option('root', { type: 'string', requiresArg: true, describe: 'main config: lint the given files as included by it, in its context' })
      .option('standalone', {
        type: 'boolean',
        describe:
          'each main file is a whole config, as `lighttpd -f FILE` reads it: judge what only main configs need (server.document-root, server.username) even if it looks like a conf.d snippet',
      })
      .option('stdin', { type: 'boolean', describe: 'lint standard input' })
      .option('stdin-filepath', { type: 'string', requiresArg: true, describe: 'path that stdin stands for (config, includes, messages)' })
      .option('allow-include-shell', { type: 'boolean', describe: 'run include_shell commands (never run otherwise)' })
      .example('$0 lint /etc/lighttpd/lighttpd.conf', 'lint a config and everything it includes')
      .example('$0 lint --root lighttpd.conf conf.d/10-ssl.conf', 'lint one snippet as lighttpd.conf includes it')
      .example('$0 lint --standalone tests/*.conf', 'each file is a whole config lighttpd is started with, none a snippet')
      .example('$0 lint -f sarif . > lhconf.sarif', 'every *.conf below . as SARIF for code scanning')
      .example('cat x.conf | $0 lint --stdin --stdin-filepath x.conf', 'lint an editor buffer') as unknown as Argv<LintArgs>,
  handler: async (argv: ArgumentsCamelCase<LintArgs>) => {
    process.exitCode = await runLint(argv, nodeIo);
  },
};
