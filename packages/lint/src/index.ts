export { defineRule, formatMessage, type ReportDescriptor, type Rule, type RuleContext, type RuleDefinition, type Target, type Visitor } from './define-rule.js';
export { severityRank, sortDiagnostics, type Diagnostic, type Fix, type RelatedLocation, type Severity, type TextEdit } from './diagnostic.js';
export { includedFromOf, type EvaluatedConfig } from './evaluated.js';
export { LintCache } from './lint-cache.js';
export { lint, lintEvaluation, lintText, UNUSED_DISABLE_RULE_ID, type LintInput, type LintOptions, type LintTextOptions } from './linter.js';
export {
  CONFIG_FILE_NAMES,
  ConfigError,
  loadConfig,
  resolveFileConfig,
  validateConfig,
  type ConfigOverride,
  type FileConfig,
  type LintConfig,
  type ReadTextFile,
  type RuleEntries,
  type RuleEntry,
  type SeverityName,
} from './config.js';
export { parseSuppressions, applySuppressions, type SuppressionDirective, type SuppressionKind, type SuppressionUse } from './suppressions.js';
export { applyEdits, applyFixes, type ApplyFixesOptions, type ApplyFixesResult } from './fix.js';
export { renderDiagnostic, type RenderOptions } from './render.js';
export { globMatcher, matchesAny } from './util/glob.js';
export { rules, type RuleId } from './rules/index.js';
