import type { SourceRange } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: SourceRange;
  text: string;
}

export interface Fix {
  title: string;
  /** Unsafe fixes change meaning and only run when the user asks for them (`--fix-unsafe`). */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  message: string;
  range: SourceRange;
}

/** One problem found in a config. Parser diagnostics use ruleId `syntax` (or `semantic` for lighttpd's own evaluation errors). */
export interface Diagnostic {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  range: SourceRange;
  related?: RelatedLocation[];
  fix?: Fix;
  /** Where the file holding `range` was included from, outermost first. */
  includeChain?: SourceRange[];
  /** Whether lighttpd itself refuses to start on this problem (at the target version). */
  fatal?: boolean;
}
