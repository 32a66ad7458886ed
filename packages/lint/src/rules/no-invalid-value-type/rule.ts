import type { ArrayElement, Expression } from '@lhconf/parser';
import { isAtLeast } from '@lhconf/parser';
import { getBackendOption, getDirective, SHORT_RANGE_CHECKED_SINCE, type ValueType } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantBoolean, constantValue, stringLiteral } from '../../util/ast.js';
import { backendHosts } from '../../util/backends.js';
import { describeKind, elementKey, valueKind, type ValueKind } from '../../util/value.js';

type ArrayType = 'array' | 'array-kv-any' | 'array-kv-array' | 'array-kv-string' | 'array-of-strings';
type ValueMessage = 'string' | 'numberString' | 'numberArray' | 'boolean' | 'booleanArray' | 'list';

/** What each list type wants of every element, and lighttpd's message when one does not (configfile-glue.c:131-170). */
const elementRules: Record<ArrayType, { keyed?: boolean; kind?: ValueKind; wants: string; lighttpd: string }> = {
  array: { wants: 'anything', lighttpd: '' },
  'array-kv-any': { keyed: true, wants: '"key" => value', lighttpd: 'should have been a list of key => values like {key} = ( "..." => "...", "..." => "..." )' },
  'array-kv-array': { keyed: true, kind: 'array', wants: '"key" => ( … )', lighttpd: 'should have been a list of key => list like {key} = ( "..." => ( "..." => "..." ) )' },
  'array-kv-string': { keyed: true, kind: 'string', wants: '"key" => "string"', lighttpd: 'should have been a list of key => string values like {key} = ( "..." => "...", "..." => "..." )' },
  'array-of-strings': { keyed: false, kind: 'string', wants: 'a string without key', lighttpd: 'should have been a list of string values like {key} = ( "...", "..." )' },
};

const isArrayType = (type: ValueType): type is ArrayType => type in elementRules;

/** `strtol(v, &end, 10)` consuming the whole string, as lighttpd reads a number given as a string (configfile-glue.c:205). */
function decimalOf(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Why an element of a list does not fit, or undefined. */
function elementProblem(element: ArrayElement, type: ArrayType): string | undefined {
  const rule = elementRules[type];
  if (rule.keyed === true && !element.key) return 'has no key';
  if (rule.keyed === false && element.key) return 'has a key';
  const kind = valueKind(element.value);
  if (rule.kind && kind !== undefined && kind !== rule.kind) return `is ${describeKind(kind)}`;
  return undefined;
}

export default defineRule({
  id: 'no-invalid-value-type',
  description: 'Disallow values of the wrong type for a directive: a number for a string, a word for a number, a string for a list',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  supersedes: ['core-value-type'],
  docs: { lighttpdMessage: '%s should have been a string like ... = "..."' },
  messages: {
    string: '"{key}" takes a string, not {actual}; lighttpd refuses to start: "{key} should have been a string like ... = "..."".',
    numberString: '"{key}" takes a number{range}, not "{value}"; lighttpd refuses to start: "{lighttpd}".',
    numberArray: '"{key}" takes a number{range}, not a list; lighttpd refuses to start: "{lighttpd}".',
    boolean: '"{key}" takes "enable" or "disable"; lighttpd refuses to start on "{value}": "ERROR: unexpected type for key: {key} (string) "(enable|disable)"".',
    booleanArray: '"{key}" takes "enable" or "disable", not a list; lighttpd refuses to start: "ERROR: unexpected type for key: {key} (string) "(enable|disable)"".',
    list: '"{key}" takes a list, not {actual}; lighttpd refuses to start: "{key} should have been a list like {key} = ( "..." )".',
    element: 'Each entry of "{key}" must be {wants}; this one {problem}. lighttpd refuses to start: "{key} {lighttpd}".',
    quote: 'Quote the value: {quoted}',
    wrap: 'Make it a list: ( {text} )',
  },
  create(ctx) {
    // A function of the rule, not a closure per check: check runs for every assignment.
    function reportValue(value: Expression, key: string, kind: ValueKind, messageId: ValueMessage, data: Record<string, string | number>, fix?: { messageId: 'quote' | 'wrap'; text: string }) {
      ctx.report({
        node: value,
        messageId,
        data: { key, actual: describeKind(kind), ...data },
        // Unsafe: lighttpd did not start with the old value; what was meant is a guess.
        ...(fix ? { fix: { messageId: fix.messageId, safe: false, edits: [ctx.replace(value, fix.messageId === 'wrap' ? `( ${fix.text} )` : fix.text)] } } : {}),
      });
    }

    /** Checks `value` against `type`; `key` is the name lighttpd prints (a directive, or a backend option). */
    function check(key: string, type: ValueType, value: Expression, isOption: boolean) {
      const kind = valueKind(value);
      // A reference is only known to the evaluator (which checks the core keys: core-value-type).
      if (kind === undefined) return;

      if (type === 'string') {
        // Only a bare number is quoted: `80 + 80` is 160 to lighttpd, which the writer hardly meant.
        if (value.type === 'IntegerLiteral') reportValue(value, key, kind, 'string', { quoted: `"${value.raw}"` }, { messageId: 'quote', text: `"${value.raw}"` });
        else if (kind !== 'string') reportValue(value, key, kind, 'string', {});
        return;
      }
      if (type === 'short' || type === 'int') {
        const range = type === 'short' ? ' from 0 to 65535' : ' (0 or more)';
        if (kind === 'array') {
          const typeName = type === 'short' ? 'a short integer, range 0 ... 65535' : 'an integer, range 0 ... 4294967295';
          reportValue(value, key, kind, 'numberArray', { range, lighttpd: `unexpected type for key: ${key} 1 expected ${typeName}` });
          return;
        }
        const text = constantValue(value);
        if (typeof text !== 'string') return;
        // Decimal strings lighttpd reads as numbers are no-port-as-string's; out-of-range ones too.
        const number = decimalOf(text);
        if (number !== undefined && number >= 0) return;
        const checked = isAtLeast(ctx.targetVersion, SHORT_RANGE_CHECKED_SINCE);
        const shortName = type === 'short' ? (checked ? 'a short integer' : 'a short') : 'an integer';
        reportValue(value, key, kind, 'numberString', { range, value: text, lighttpd: `got a string but expected ${shortName}: ${key} ${text}` });
        return;
      }
      if (type === 'boolean') {
        if (kind === 'array') reportValue(value, key, kind, 'booleanArray', {});
        // Directives' words are no-invalid-boolean's; backend options have no other rule for them.
        else if (isOption && kind === 'string' && constantBoolean(value) === undefined) reportValue(value, key, kind, 'boolean', { value: String(constantValue(value)) });
        return;
      }
      if (!isArrayType(type)) return;
      if (kind !== 'array') {
        const constant = constantValue(value);
        const canWrap = type === 'array-of-strings' && kind === 'string' && value.type === 'StringLiteral';
        const text = canWrap && typeof constant === 'string' ? stringLiteral(constant) : undefined;
        reportValue(value, key, kind, 'list', { text: text ?? '' }, text ? { messageId: 'wrap', text } : undefined);
        return;
      }
      if (value.type !== 'ArrayLiteral') return;
      for (const element of value.elements) {
        const problem = elementProblem(element, type);
        if (!problem) continue;
        const rule = elementRules[type];
        ctx.report({
          node: element,
          messageId: 'element',
          data: { key, wants: rule.wants, problem, lighttpd: rule.lighttpd.replace('{key}', key) },
        });
      }
    }

    return {
      Assignment(node) {
        const directive = getDirective(node.key.name, ctx.targetVersion);
        if (!directive || directive.status === 'removed') return;
        // `+=` merges into an earlier value; only its array elements can be judged here.
        if (node.operator.value !== '+=' || valueKind(node.value) === 'array') check(node.key.name, directive.type, node.value, false);
        // Backend host options go through the same checks, under their own names (gw_backend.c).
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          for (const option of host.options.elements) {
            const name = elementKey(option);
            const known = name === undefined ? undefined : getBackendOption(name, ctx.targetVersion);
            if (name !== undefined && known && known.status !== 'removed') check(name, known.type, option.value, true);
          }
        }
      },
    };
  },
});
