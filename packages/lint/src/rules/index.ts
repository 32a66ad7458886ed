import type { Rule } from '../define-rule.js';
import noDuplicateAssignment from './no-duplicate-assignment/rule.js';
import noUnusedDisable from './no-unused-disable/rule.js';

/** Every rule, keyed by id: sorted, one line per rule (`pnpm new-rule <id>` inserts the line). */
export const rules = {
  'no-duplicate-assignment': noDuplicateAssignment,
  'no-unused-disable': noUnusedDisable,
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;
