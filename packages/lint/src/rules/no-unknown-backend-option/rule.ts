import type { ArrayLiteral, Expression, StringLiteral } from '@lhconf/parser';
import { backendOptionsFor, closestName, getBackendOption, getDirective, type BackendName } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue, stringLiteral } from '../../util/ast.js';

const arrayOf = (node: Expression | null | undefined): ArrayLiteral | undefined => (node?.type === 'ArrayLiteral' ? node : undefined);

/** The option keys of every host block: `<backend>.server = ( "ext" => ( "label" => ( "<option>" => … ) ) )`. */
function optionKeys(value: Expression): StringLiteral[] {
  const out: StringLiteral[] = [];
  for (const ext of arrayOf(value)?.elements ?? [])
    for (const host of arrayOf(ext.value)?.elements ?? [])
      for (const option of arrayOf(host.value)?.elements ?? []) if (option.key?.type === 'StringLiteral') out.push(option.key);
  return out;
}

export default defineRule({
  id: 'no-unknown-backend-option',
  description: 'Disallow unknown options in `fastcgi.server`, `proxy.server` and other backend host blocks',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    unknown: '"{option}" is not a {backend}.server option; lighttpd ignores it without a word.',
    unknownDidYouMean: '"{option}" is not a {backend}.server option; lighttpd ignores it without a word. Did you mean "{suggestion}"?',
    otherBackend: '"{option}" has no effect in {backend}.server; it applies to {backends}.',
    removed: '"{option}" was removed in lighttpd {removedIn}; lighttpd {target} ignores it.',
    rename: 'Rename to "{suggestion}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const backend = getDirective(node.key.name, ctx.targetVersion)?.backend;
        if (!backend) return;
        for (const key of optionKeys(node.value)) report(key, key.value, backend);
      },
    };

    function report(key: StringLiteral, option: string, backend: BackendName): void {
      const known = getBackendOption(option, ctx.targetVersion);
      const data = { option, backend, target: ctx.targetVersion };
      if (known?.status === 'removed') {
        ctx.report({ node: key, messageId: 'removed', data: { ...data, removedIn: known.removedIn ?? '?' } });
        return;
      }
      if (known && !known.backends.includes(backend)) {
        ctx.report({ node: key, messageId: 'otherBackend', data: { ...data, backends: known.backends.map((b) => `${b}.server`).join(', ') } });
        return;
      }
      // A name with "_" is the one lighttpd does report (gw_backend.c:1544, then ignores it): that is
      // no-underscore-in-option's finding, with lighttpd's words and the dashed name; reported once, there.
      if (known || option.includes('_')) return;
      const suggestion = closestName(option, backendOptionsFor(backend, ctx.targetVersion).map((o) => o.name));
      const messageId = suggestion ? 'unknownDidYouMean' : 'unknown';
      ctx.report({
        node: key,
        messageId,
        data: { ...data, suggestion: suggestion ?? '' },
        // Unsafe: the option starts to take effect.
        ...(suggestion ? { fix: { messageId: 'rename' as const, safe: false, edits: [ctx.replace(key, stringLiteral(suggestion))] } } : {}),
      });
    }
  },
});
