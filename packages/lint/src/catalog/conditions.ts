import { LATEST_VERSION, type Version } from '@lhconf/parser';
import { asOf } from './as-of.js';
import {
  conditionFieldTable,
  conditionFormTable,
  matchOperatorTable,
  type ConditionObject,
  type MatchOperator,
} from './data/conditions.generated.js';

export type { ConditionObject, MatchOperator };

/** An operator of `$OBJECT["field"] <op> "value"`. */
export interface MatchOperatorInfo {
  readonly operator: MatchOperator;
  /** lighttpd's CONFIG_COND_* name. */
  readonly internal: string;
  readonly since: Version;
  /** What the right-hand string is: `PCRE2 regex`, `literal`. */
  readonly valueFormat?: string;
  readonly meaning: string;
  readonly note?: string;
}

/** A condition field such as `$HTTP["url"]`. The field `<name>` stands for any name (`$REQUEST_HEADER["…"]`). */
export interface ConditionField {
  readonly object: ConditionObject;
  readonly field: string;
  /** lighttpd's COMP_* name. */
  readonly internal: string;
  readonly since: Version;
  readonly operators: readonly MatchOperator[];
  /** The field this one is another spelling of (`user-agent` → `useragent`). */
  readonly aliasOf?: string;
  readonly whereAllowed: string;
  readonly valueFormat: string;
  readonly comparedAgainst: string;
  readonly note?: string;
}

/** The other rows of conditions.tsv: `else`, `else if`, `if`, and forms lighttpd 1.4 rejects. */
export interface ConditionForm {
  readonly form: string;
  readonly internal?: string;
  /** Absent when no 1.4 release accepts the form (`supported` is false). */
  readonly since?: Version;
  readonly supported: boolean;
  readonly operators?: string;
  readonly whereAllowed?: string;
  readonly valueFormat?: string;
  readonly meaning?: string;
  readonly note?: string;
}

export const matchOperators: readonly MatchOperatorInfo[] = matchOperatorTable;
export const conditionFields: readonly ConditionField[] = conditionFieldTable;
export const conditionForms: readonly ConditionForm[] = conditionFormTable;

/** Written where a field row stands for every name. */
const ANY_FIELD = '<name>';

/**
 * The field of `$object["field"]` in release `targetVersion`, or `undefined` (lighttpd: `error comp_key`).
 * Object and field names are case-sensitive in lighttpd (`$HTTP["Host"]` is rejected).
 */
export function getConditionField(object: string, field: string, targetVersion: string = LATEST_VERSION): ConditionField | undefined {
  const found =
    conditionFields.find((f) => f.object === object && f.field === field) ??
    conditionFields.find((f) => f.object === object && f.field === ANY_FIELD);
  return found && asOf(found, targetVersion);
}

/** The operator as release `targetVersion` knows it (`=^` and `=$` arrived in 1.4.65), or `undefined`. */
export function getMatchOperator(operator: string, targetVersion: string = LATEST_VERSION): MatchOperatorInfo | undefined {
  const found = matchOperators.find((o) => o.operator === operator);
  return found && asOf(found, targetVersion);
}

/** True when release `targetVersion` accepts `operator` on `field`. */
export function isOperatorAllowed(field: ConditionField, operator: string, targetVersion: string = LATEST_VERSION): boolean {
  return field.operators.some((o) => o === operator) && getMatchOperator(operator, targetVersion) !== undefined;
}

