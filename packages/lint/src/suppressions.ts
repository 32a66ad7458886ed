import type { Comment, Diagnostic, Document } from '@lhconf/parser';

/** What a `# lhconf-…` comment does. */
export type SuppressionKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export interface SuppressionDirective {
  kind: SuppressionKind;
  /** Rule ids named in the comment; empty means every rule. */
  ruleIds: string[];
  /** Text after ` -- `, if any. */
  reason?: string;
  comment: Comment;
}

/** One rule id of one directive (or the whole directive when it names no rule), and whether it hid anything. */
export interface SuppressionUse {
  directive: SuppressionDirective;
  /** Undefined: every rule. */
  ruleId: string | undefined;
  used: boolean;
}

// `# lhconf-disable-next-line rule-a, rule-b -- why`. Comment text starts after the `#`.
const directivePattern = /^\s*lhconf-(disable-next-line|disable-file|disable|enable)(?=\s|$)(.*)$/s;

/** The suppression comments of a file, in source order. */
export function parseSuppressions(document: Document): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  for (const comment of document.comments) {
    const m = directivePattern.exec(comment.text);
    if (!m) continue;
    // A further `#` starts a comment inside the comment (fixtures end lines with `# error`).
    const [list = '', reason] = m[2]!.replace(/#.*$/s, '').split(/\s--(?:\s|$)/, 2);
    const ruleIds = list.split(/[\s,]+/).filter((id) => id.length > 0);
    out.push({ kind: m[1] as SuppressionKind, ruleIds, ...(reason?.trim() ? { reason: reason.trim() } : {}), comment });
  }
  return out;
}

/**
 * Drops the diagnostics of one file that its suppression comments cover, and records which directive
 * entries were used. Parser diagnostics (`syntax`) cannot be suppressed: the file is broken either way.
 */
export function applySuppressions(
  diagnostics: Diagnostic[],
  directives: SuppressionDirective[],
): { kept: Diagnostic[]; uses: SuppressionUse[] } {
  const uses: SuppressionUse[] = [];
  const useOf = new Map<SuppressionDirective, Map<string | undefined, SuppressionUse>>();
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const byRule = new Map<string | undefined, SuppressionUse>();
    for (const ruleId of directive.ruleIds.length > 0 ? directive.ruleIds : [undefined]) {
      const use: SuppressionUse = { directive, ruleId, used: false };
      byRule.set(ruleId, use);
      uses.push(use);
    }
    useOf.set(directive, byRule);
  }
  // Marks the entry of `directive` that covers `ruleId`; false when the directive does not cover it.
  const consume = (directive: SuppressionDirective | undefined, ruleId: string): boolean => {
    const byRule = directive && useOf.get(directive);
    const use = byRule?.get(ruleId) ?? byRule?.get(undefined);
    if (!use) return false;
    use.used = true;
    return true;
  };
  const ranged = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  const kept = diagnostics.filter((d) => {
    if (d.ruleId === 'syntax') return true;
    const line = d.range.start.line;
    for (const directive of directives) {
      if (directive.kind === 'disable-next-line' && directive.comment.range.end.line + 1 === line && consume(directive, d.ruleId))
        return false;
    }
    if (consume(rangeDirectiveAt(ranged, d.range.start.offset, d.ruleId), d.ruleId)) return false;
    for (const directive of directives) {
      if (directive.kind === 'disable-file' && consume(directive, d.ruleId)) return false;
    }
    return true;
  });
  return { kept, uses };
}

/** The `disable` directive in force for `ruleId` at `offset`, replaying disable/enable comments before it. */
function rangeDirectiveAt(ranged: SuppressionDirective[], offset: number, ruleId: string): SuppressionDirective | undefined {
  let all: SuppressionDirective | undefined;
  const perRule = new Map<string, SuppressionDirective | undefined>();
  for (const directive of ranged) {
    if (directive.comment.range.start.offset >= offset) break;
    const value = directive.kind === 'disable' ? directive : undefined;
    if (directive.ruleIds.length === 0) {
      all = value;
      perRule.clear();
    } else for (const id of directive.ruleIds) perRule.set(id, value);
  }
  return perRule.has(ruleId) ? perRule.get(ruleId) : all;
}
