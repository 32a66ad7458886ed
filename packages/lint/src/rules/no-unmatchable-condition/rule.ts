import type { Condition } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { constantValue, stringLiteral } from '../../util/ast.js';

type Problem = { messageId: 'hostCase' | 'hostShape' | 'urlSlash' | 'urlQuery' | 'scheme' | 'methodCase'; fixed?: string };

/**
 * Why `value` can never equal what lighttpd compares it with (diagnostics.md §6.3 item 17): the request
 * authority is lower-cased before matching, the URL path has no query and starts with `/`, the scheme is
 * `http` or `https`, methods are upper case.
 */
function findProblem(field: string, operator: string, value: string): Problem | undefined {
  switch (field) {
    case 'host':
      if (/[/\s]/.test(value)) return { messageId: 'hostShape' };
      if (value !== value.toLowerCase()) return { messageId: 'hostCase', fixed: value.toLowerCase() };
      return undefined;
    case 'url':
      if (value.includes('?')) return { messageId: 'urlQuery' };
      // `*` is the path of `OPTIONS *`.
      if (operator !== '=$' && value !== '' && value !== '*' && !value.startsWith('/')) return { messageId: 'urlSlash' };
      return undefined;
    case 'scheme':
      return operator === '==' || operator === '!=' ? (['http', 'https'].includes(value) ? undefined : { messageId: 'scheme' }) : undefined;
    case 'request-method':
      return value !== value.toUpperCase() ? { messageId: 'methodCase', fixed: value.toUpperCase() } : undefined;
    default:
      return undefined;
  }
}

export default defineRule({
  id: 'no-unmatchable-condition',
  description: 'Disallow condition values that no request can have',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    hostCase: 'lighttpd lower-cases the Host before comparing, so "{value}" never equals it: this condition is {outcome}.',
    hostShape: 'A Host has no scheme, path or spaces, so "{value}" never equals it: this condition is {outcome}.',
    urlSlash: '$HTTP["url"] is a path starting with "/", so "{value}" never matches: this condition is {outcome}.',
    urlQuery: '$HTTP["url"] is the path without the query string, so "{value}" never matches: this condition is {outcome}. Use $HTTP["querystring"] for the query.',
    scheme: '$HTTP["scheme"] is "http" or "https", never "{value}": this condition is {outcome}.',
    methodCase: 'Request methods are upper case, so "{value}" never matches: this condition is {outcome}.',
    useFixed: 'Use "{fixed}"',
  },
  create(ctx) {
    return {
      Condition(node: Condition) {
        // Regexes are left alone: `=~` may match case-insensitively, `(?i)`.
        const operator = node.operator.value;
        if (node.object.name !== 'HTTP' || !['==', '!=', '=^', '=$'].includes(operator)) return;
        const field = constantValue(node.field);
        const value = constantValue(node.value);
        if (typeof field !== 'string' || typeof value !== 'string') return;
        const problem = findProblem(field, operator, value);
        if (!problem) return;
        const { fixed } = problem;
        ctx.report({
          node: node.value,
          messageId: problem.messageId,
          data: { value, outcome: operator === '!=' ? 'always true' : 'never true', fixed: fixed ?? '' },
          // Unsafe: the block starts applying to requests it never saw before.
          ...(fixed !== undefined && node.value.type === 'StringLiteral'
            ? { fix: { messageId: 'useFixed' as const, safe: false, edits: [ctx.replace(node.value, stringLiteral(fixed))] } }
            : {}),
        });
      },
    };
  },
});
