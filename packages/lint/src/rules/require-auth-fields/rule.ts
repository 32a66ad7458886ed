import type { ArrayElement, ArrayLiteral } from '@lhconf/parser';
import { authRequireMethods, closestName, getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue, stringLiteral } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

const where = 'auth.require = ( "..." => ( ..., "{field}" => "..." ) )';
/** The fields an auth.require entry must have, checked in this order. */
const requiredFields = ['method', 'realm', 'require'] as const;

export default defineRule({
  id: 'require-auth-fields',
  description: 'Require method, realm and require in each auth.require entry, and no other fields',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'the require field is missing or blank in: auth.require = ( "..." => ( ..., "require" => "..." ) )' },
  messages: {
    missing: '"{path}" has no "{field}"; lighttpd refuses to start ("the {field} field is missing{orBlank} in: {where}").',
    blank: '"{field}" of "{path}" is blank; lighttpd refuses to start ("the {field} field is missing or blank in: {where}").',
    unknownField: '"{field}" is not a field of auth.require{didYouMean}; lighttpd refuses to start ("the field is unknown in: auth.require = ( "..." => ( ..., -> "{field}" <- => "..." ) )"). Fields: {fields}.',
    notString: '"{field}" of "{path}" must be a string; lighttpd refuses to start ("unexpected value for auth.require; expected auth.require = ( "urlpath" => ( "option" => "value" ) )").',
    method: '"{value}" is not an auth method (one of: {methods}); lighttpd refuses to start ("unknown method {value} (e.g. "basic", "digest" or "extern") in auth.require = ( "..." => ( ..., "method" => "...") )").',
    rename: 'Rename to "{suggestion}"',
    useMethod: 'Use "{suggestion}"',
  },
  create(ctx) {
    // In create, not in the handler: a function declared there is made anew for every assignment.
    function checkEntry(fields: readonly string[], entry: ArrayElement, path: string, list: ArrayLiteral) {
      for (const option of list.elements) {
        const field = elementKey(option);
        if (field === undefined) continue;
        // Field names compare case-sensitively here (mod_auth.c:479): "Method" is unknown.
        if (!fields.includes(field)) {
          const suggestion = closestName(field, fields);
          ctx.report({
            node: option.key!,
            messageId: 'unknownField',
            data: { field, fields: fields.join(', '), didYouMean: suggestion ? ` (did you mean "${suggestion}"?)` : '', suggestion: suggestion ?? '' },
            ...(suggestion ? { fix: { messageId: 'rename' as const, safe: false, edits: [ctx.replace(option.key!, stringLiteral(suggestion))] } } : {}),
          });
          continue;
        }
        const value = constantValue(option.value);
        if (option.value.type === 'ArrayLiteral' || typeof value === 'number') {
          ctx.report({ node: option.value, messageId: 'notString', data: { field, path } });
        }
      }
      for (const field of requiredFields) {
        const option = lastWithKey(list, field);
        const orBlank = field === 'realm' ? '' : ' or blank';
        if (!option) {
          ctx.report({ node: entry.key!, messageId: 'missing', data: { path, field, orBlank, where: where.replace('{field}', field) } });
          continue;
        }
        const value = constantValue(option.value);
        if (typeof value !== 'string') continue;
        // lighttpd accepts a blank realm (mod_auth.c:512 only tests for presence).
        if (field !== 'realm' && value.trim() === '') {
          ctx.report({ node: option.value, messageId: 'blank', data: { path, field, where: where.replace('{field}', field) } });
        } else if (field === 'method' && !authRequireMethods.includes(value)) {
          const suggestion = closestName(value, authRequireMethods);
          ctx.report({
            node: option.value,
            messageId: 'method',
            data: { value, methods: authRequireMethods.join(', '), suggestion: suggestion ?? '' },
            ...(suggestion ? { fix: { messageId: 'useMethod' as const, safe: false, edits: [ctx.replace(option.value, stringLiteral(suggestion))] } } : {}),
          });
        }
      }
    }

    return {
      Assignment(node) {
        if (canonicalKey(node.key.name) !== 'auth.require' || node.value.type !== 'ArrayLiteral') return;
        const fields = getDirective('auth.require', ctx.targetVersion)?.subKeys ?? [];
        for (const entry of node.value.elements) {
          const path = elementKey(entry);
          // Entries without a path or a list are type errors (no-invalid-value-type).
          if (path === undefined || entry.value.type !== 'ArrayLiteral' || !entry.value.elements.every((e) => e.key)) continue;
          checkEntry(fields, entry, path, entry.value);
        }
      },
    };
  },
});

/** The last element of a list with this key (a repeated key is no-duplicate-array-key's error). */
function lastWithKey(list: ArrayLiteral, key: string): ArrayElement | undefined {
  for (let i = list.elements.length - 1; i >= 0; i--) if (elementKey(list.elements[i]!) === key) return list.elements[i];
  return undefined;
}
