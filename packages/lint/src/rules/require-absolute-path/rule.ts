import type { Expression } from '@lhconf/parser';
import { getDirective, pathDirectives } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'require-absolute-path',
  description: 'Require absolute paths for files and directories lighttpd opens (document root, logs, certificates, …)',
  severity: 'warning',
  locality: 'statement',
  messages: {
    relative: '"{path}" ({key}) is a relative path: lighttpd opens it from its working directory ("/" when it runs as a daemon or service), not from the config file\'s directory. Write the full path.',
    relativePipe: '"{path}" ({key}) is a relative path: lighttpd opens it from its working directory ("/" when it runs as a daemon or service), not from the config file\'s directory. Write the full path, or "|command" for a piped logger.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = getDirective(node.key.name, ctx.targetVersion)?.key;
        const spec = key === undefined ? undefined : pathDirectives[key];
        if (!key || !spec) return;
        let values: Expression[] = [node.value];
        if (spec.in) {
          if (node.value.type !== 'ArrayLiteral') return;
          values = node.value.elements.filter((e) => (spec.in === 'keyed-values') === (e.key !== null)).map((e) => e.value);
        }
        for (const value of values) {
          const path = constantValue(value);
          // Values built from variables (var.CWD + "/htdocs" says what it means) are the evaluator's; "" unsets.
          if (typeof path !== 'string' || path === '' || path.startsWith('/')) continue;
          if (spec.pipe && path.startsWith('|')) continue;
          ctx.report({ node: value, messageId: spec.pipe ? 'relativePipe' : 'relative', data: { path, key } });
        }
      },
    };
  },
});
