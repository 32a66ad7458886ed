import { getBackendOption } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { stringLiteral } from '../../util/ast.js';
import { backendHosts } from '../../util/backends.js';
import { elementKey } from '../../util/value.js';

export default defineRule({
  id: 'no-underscore-in-option',
  description: 'Disallow backend host options written with "_" instead of "-", such as "max_procs"',
  severity: 'error',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: "incorrect directive contains underscore ('_') instead of dash ('-'): %s" },
  messages: {
    underscore: '"{name}" is not an option: lighttpd logs "incorrect directive contains underscore (\'_\') instead of dash (\'-\'): {name}" and ignores it. Write "{dashed}".',
    underscoreUnknown: '"{name}" is not an option: lighttpd logs "incorrect directive contains underscore (\'_\') instead of dash (\'-\'): {name}" and ignores it.',
    rename: 'Rename to "{dashed}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          for (const option of host.options.elements) {
            const name = elementKey(option);
            // gw_backend.c:1544 checks every option name for "_" (the options themselves are all dashed).
            if (name === undefined || !name.includes('_') || !option.key) continue;
            const dashed = name.replaceAll('_', '-');
            const known = getBackendOption(dashed, ctx.targetVersion);
            const fixable = known !== undefined && known.status !== 'removed' && option.key.type === 'StringLiteral';
            ctx.report({
              node: option.key,
              messageId: fixable ? 'underscore' : 'underscoreUnknown',
              data: { name, dashed },
              // Unsafe: the option starts to take effect.
              ...(fixable ? { fix: { messageId: 'rename' as const, safe: false, edits: [ctx.replace(option.key, stringLiteral(dashed))] } } : {}),
            });
          }
        }
      },
    };
  },
});
