import type { Branch, Document, Include, IncludeShell, MatchOperator } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { SourceRange } from '../source.js';

/** How {@link evaluateFile} reads files, expands include globs and runs `include_shell`. */
export interface EvaluateOptions {
  /** lighttpd release whose behaviour applies. Default LATEST_VERSION; conformance uses '1.4.69'. */
  targetVersion?: string;
  /** The directory lighttpd is started from: `var.CWD`, and the base of `./` and `../` includes. Default `process.cwd()`. */
  cwd?: string;
  /** `var.PID`. Default `process.pid`. */
  pid?: number;
  /** The environment `env.*` reads. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Default false: `include_shell` is never executed; it is reported and skipped. */
  allowIncludeShell?: boolean;
  /** Synchronous file access. Default: node `fs`, relative paths resolved against `cwd`. */
  fs?: EvaluateFs;
  /** Runs an `include_shell` command in `cwd`. Default: `$SHELL -c` (or `/bin/sh -c`), as lighttpd does. */
  runShell?: (command: string, cwd: string) => { status: number; stdout: Uint8Array; stderr?: Uint8Array };
  /** Guard against runaway include nesting (lighttpd has none and crashes). Default 64. */
  maxIncludeDepth?: number;
}

export interface EvaluateFs {
  /** The file's bytes, or undefined when it cannot be read. */
  readFile(path: string): Uint8Array | undefined;
  /**
   * glob(3) with GLOB_BRACE: every match, sorted per brace alternative; [] when nothing matches.
   * The pattern is what lighttpd globs: absolute, or relative to `cwd` (`./x`, or any path when the
   * main config was named without a directory); matches are returned in the same form.
   */
  glob(pattern: string): string[];
}

export type Value =
  | { kind: 'string'; value: string }
  | { kind: 'integer'; value: number }
  | { kind: 'array'; elements: ArrayEntry[] };

export interface ArrayEntry {
  /** null for an unkeyed element; integer keys are stored as their decimal text. */
  key: string | null;
  value: Value;
}

export interface Setting {
  /** The key as last written by `=`, `:=` or `+=` (bare names get `var.`). */
  key: string;
  value: Value;
  /** Every assignment that contributed to the value, in order (a `+=` copying from an enclosing block brings that block's origins). */
  origins: SourceRange[];
}

/** A condition after lighttpd's parse-time processing. */
export interface EvaluatedCondition {
  /** `HTTP`, `REQUEST_HEADER`, `SERVER`, or an unknown name. */
  object: string;
  /** The text between the brackets (integers become decimal text). */
  field: string;
  /** The operator after the `=~` simplification (since 1.4.65): `=~ "^/a"` becomes `=^ "/a"`. */
  operator: MatchOperator;
  /** The compared value after that simplification. */
  value: string;
  /** The operator as written. */
  writtenOperator: MatchOperator;
}

/** One lighttpd configuration block (`data_config`): the global scope or one condition. */
export interface ConfigContext {
  /** lighttpd's block index, as `-p` prints in `# block N` (0 = global). */
  index: number;
  /** The condition as `-p` prints it (`$HTTP["host"] == "x"`), `else` for a catch-all, `global` for the root. */
  text: string;
  condition: EvaluatedCondition | null;
  parent: ConfigContext | null;
  /** Blocks created inside this one, in creation order (else branches included). */
  children: ConfigContext[];
  /** Effective settings by lower-cased key, in the order lighttpd keeps (and `-p` prints) them. */
  settings: Map<string, Setting>;
  /** The previous branch of an else chain (this block runs only when it did not match). */
  prev: ConfigContext | null;
  /** The next branch of an else chain. */
  next: ConfigContext | null;
  /** True for a catch-all `else { }`. */
  isElse: boolean;
  /** Every branch in the sources that opened this block (identical conditions at one level share a block). */
  branches: Branch[];
}

/** One `include` or `include_shell` statement that was evaluated. */
export interface IncludeRecord {
  node: Include | IncludeShell;
  /** The statement's range (the file it is written in). */
  from: SourceRange;
  /** The evaluated argument (path pattern or command); null when it could not be evaluated. */
  argument: string | null;
  /** The path pattern after resolution against the main config's directory (include only). */
  pattern: string | null;
  /** Files read, in order (include); for include_shell, the command as the pseudo-file name when it ran. */
  paths: string[];
  /** The include statements that led to the file holding this one, outermost first. */
  chain: SourceRange[];
}

export interface EvaluateResult {
  /** The global context. */
  root: ConfigContext;
  /** Every context by lighttpd block index (0 = global). */
  contexts: ConfigContext[];
  /** Syntax diagnostics of every file and lighttpd's semantic errors (`fatal: true` where `lighttpd -t` exits 255). */
  diagnostics: Diagnostic[];
  /** Every parsed file (main, included, include_shell output) by path. */
  files: Map<string, Document>;
  includes: IncludeRecord[];
  /** The main config's path as given. */
  file: string;
  /** The options the evaluation used (resolved defaults), for the printer. */
  targetVersion: string;
  /** True when lighttpd would reject the configuration (some diagnostic is fatal). */
  fatal: boolean;
}
