import type { Diagnostic, RelatedLocation, Severity } from '../diagnostic.js';
import type { SourceRange } from '../source.js';

interface MessageSpec {
  /** `{name}` placeholders are filled from the report's data. */
  text: string;
  severity: Severity;
  /** Whether `lighttpd -t` exits 255 on it. */
  fatal: boolean;
}

/**
 * Every problem lighttpd itself finds while reading a configuration (ruleId `semantic`), keyed by
 * messageId. Each text says what is wrong and quotes what lighttpd prints.
 */
export const semanticMessages = {
  'duplicate-assignment': {
    text: '"{key}" is already set in this block ({first}); lighttpd: "Duplicate config variable in conditional {index} {block}: {key}". Use ":=" to replace or "+=" to append.',
    severity: 'error',
    fatal: true,
  },
  'duplicate-array-key': {
    text: 'The key "{key}" appears twice in this array (keys are compared case-insensitively); lighttpd: "Error: duplicate array-key: {key}. Please get rid of the duplicate entry."',
    severity: 'error',
    fatal: true,
  },
  'duplicate-array-key-merge': {
    text: 'Appending this array repeats the key "{key}" with a different value; lighttpd: "Duplicate array-key \'{key}\'" and refuses to start.',
    severity: 'error',
    fatal: true,
  },
  'duplicate-array-key-ignored': {
    text: 'Appending this array repeats the key "{key}" with the same value; lighttpd prints "Duplicate array-key \'{key}\'" and ignores the repetition.',
    severity: 'warning',
    fatal: false,
  },
  'type-mismatch': {
    text: 'Cannot combine {left} with {right} using "+"; lighttpd: "data type mismatch, cannot merge".',
    severity: 'error',
    fatal: true,
  },
  'undefined-variable': {
    text: '"{key}" is not set in this block or any enclosing block before this point; lighttpd: "Undefined config variable: {key}".',
    severity: 'error',
    fatal: true,
  },
  'undefined-env': {
    text: 'The environment variable {name} is not set; lighttpd: "Undefined env variable: {name}".',
    severity: 'error',
    fatal: true,
  },
  'env-assignment': {
    text: 'env.* keys are read-only; lighttpd: "{verb} env variable is not supported in conditional {index} {block}: {key}".',
    severity: 'error',
    fatal: true,
  },
  'unreachable-else': {
    text: 'This else branch can never be taken: a block with the same condition ({text}) already exists at this level; lighttpd: "unreachable else condition".',
    severity: 'error',
    fatal: true,
  },
  'else-after-catch-all': {
    text: 'Nothing can follow a catch-all "else { }"; lighttpd: "unreachable condition following else catch-all".',
    severity: 'error',
    fatal: true,
  },
  'conditional-in-global': {
    text: 'A block cannot be opened inside "global { }"; lighttpd: "Cannot use conditionals inside a global { ... } block" and exits.',
    severity: 'error',
    fatal: true,
  },
  'unknown-condition': {
    text: '${object}["{field}"] is not a condition lighttpd knows; lighttpd: "error comp_key {text}".',
    severity: 'error',
    fatal: true,
  },
  'invalid-ip': {
    text: '"{value}" is not a valid {what}; lighttpd: "invalid IP addr: {value}".',
    severity: 'error',
    fatal: true,
  },
  'invalid-regex': {
    text: 'The regular expression does not compile with PCRE2; lighttpd: "pcre2_compile: {error} at offset {offset}, regex: {regex}".',
    severity: 'error',
    fatal: true,
  },
  'too-many-captures': {
    text: 'The regular expression has {count} capturing groups, lighttpd allows 9; lighttpd: "Too many captures in regex, use (?:...) instead of (...): {regex}".',
    severity: 'error',
    fatal: true,
  },
  'rvalue-not-string': {
    text: 'A condition compares with a string, not {kind}; lighttpd: "rvalue must be string".',
    severity: 'error',
    fatal: true,
  },
  'operand-not-string': {
    text: 'Expected a string or an integer here, not an array; lighttpd: "operand must be string".',
    severity: 'error',
    fatal: true,
  },
  'number-overflow': {
    text: '{raw} does not fit in a long; lighttpd: "error parsing number: \'{raw}\'".',
    severity: 'error',
    fatal: true,
  },
  'core-value-type': {
    text: 'lighttpd checks the type of this core setting while reading the config and refuses this value; lighttpd: "{lighttpd}".',
    severity: 'error',
    fatal: true,
  },
  'include-not-found': {
    text: 'The included file {path} does not exist (a pattern with none of *?[]{} must match); lighttpd: "include file not found: {path}".',
    severity: 'error',
    fatal: true,
  },
  'include-read-failed': {
    text: 'Cannot read {path}; lighttpd: "opening configfile {path} failed".',
    severity: 'error',
    fatal: true,
  },
  'include-cycle': {
    text: '{path} includes itself ({chain}); lighttpd recurses until it crashes.',
    severity: 'error',
    fatal: true,
  },
  'include-depth': {
    text: 'Includes are nested more than {max} deep ({chain}); evaluation stops here.',
    severity: 'error',
    fatal: true,
  },
  'include-shell-not-allowed': {
    text: 'include_shell "{command}" was not run (running commands is off); its output is missing from the evaluated configuration.',
    severity: 'warning',
    fatal: false,
  },
  'include-shell-failed': {
    text: 'The command failed{output}; lighttpd: "command \\"{command}\\" exited non-zero: {status}".',
    severity: 'error',
    fatal: true,
  },
} as const satisfies Record<string, MessageSpec>;

export type SemanticMessageId = keyof typeof semanticMessages;

export interface ReportOptions {
  related?: RelatedLocation[];
  includeChain?: SourceRange[];
}

export function formatMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in data ? String(data[name]) : m));
}

export function semanticDiagnostic(
  messageId: SemanticMessageId,
  data: Record<string, string | number>,
  range: SourceRange,
  options: ReportOptions = {},
): Diagnostic {
  const spec: MessageSpec = semanticMessages[messageId];
  const d: Diagnostic = {
    ruleId: 'semantic',
    messageId,
    message: formatMessage(spec.text, data),
    severity: spec.severity,
    range,
    fatal: spec.fatal,
  };
  if (options.related && options.related.length > 0) d.related = options.related;
  if (options.includeChain && options.includeChain.length > 0) d.includeChain = options.includeChain;
  return d;
}
