import { backendModes, backendsWithoutAuthorizer, closestName, getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue, stringLiteral } from '../../util/ast.js';
import { backendHosts, hostOptions } from '../../util/backends.js';

export default defineRule({
  id: 'no-invalid-backend-mode',
  description: 'Disallow backend "mode" values other than responder and authorizer, and authorizers where the backend has none',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'WARNING: unknown gw mode: %s (ignored, mode set to responder)' },
  messages: {
    unknown: '"{value}" is not a backend mode{didYouMean}: modes are responder and authorizer; lighttpd logs "WARNING: unknown gw mode: {value} (ignored, mode set to responder)" and runs the backend as a responder.',
    authorizer: '{key} cannot use authorizer backends; lighttpd refuses to start ("{key} must not define any hosts with attribute "mode" = "authorizer""). Use mod_fastcgi or mod_scgi for an authorizer.',
    useMode: 'Use "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          const option = hostOptions(host).get('mode');
          const value = option && constantValue(option.value);
          if (!option || typeof value !== 'string') continue;
          if (value === 'authorizer' && backendsWithoutAuthorizer.includes(host.backend)) {
            ctx.report({ node: option.value, messageId: 'authorizer', data: { key: getDirective(node.key.name, ctx.targetVersion)!.key } });
            continue;
          }
          // Compared as written (buffer_eq_slen): "Authorizer" is unknown.
          if (backendModes.includes(value)) continue;
          const suggestion = closestName(value, backendModes);
          ctx.report({
            node: option.value,
            messageId: 'unknown',
            data: { value, didYouMean: suggestion ? ` (did you mean "${suggestion}"?)` : '', suggestion: suggestion ?? '' },
            // Unsafe: the backend's role changes.
            ...(suggestion ? { fix: { messageId: 'useMode' as const, safe: false, edits: [ctx.replace(option.value, stringLiteral(suggestion))] } } : {}),
          });
        }
      },
    };
  },
});
