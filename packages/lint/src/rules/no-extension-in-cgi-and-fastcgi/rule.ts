import type { ArrayElement, Assignment } from '@lhconf/parser';
import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { blockKeyOf, canonicalKey, isBlockWithin } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

interface Entry {
  directive: Assignment;
  element: ArrayElement;
  key: string;
  block: string;
}

/**
 * True when one request path can match both: cgi.assign keys are suffixes of the file's path (mod_cgi.c); a
 * backend key is a path prefix when it starts with "/", else a suffix (gw_backend.c gw_check_extension).
 */
function overlaps(cgiKey: string, backendKey: string): boolean {
  if (backendKey.startsWith('/')) return backendKey.endsWith(cgiKey);
  return cgiKey.endsWith(backendKey) || backendKey.endsWith(cgiKey);
}

export default defineRule({
  id: 'no-extension-in-cgi-and-fastcgi',
  description: 'Disallow a cgi.assign extension that a fastcgi, scgi or proxy entry also handles',
  severity: 'warning',
  messages: {
    both: '"{cgiKey}" in cgi.assign runs such files as CGI programs {interpreter}, while {directive} also handles "{backendKey}": one URL, two handlers. Which one answers depends on the URL and the order of server.modules, and the backend\'s script can be started as a CGI program. Keep each extension with one handler.',
  },
  create(ctx) {
    const cgi: (Entry & { interpreter: string })[] = [];
    const backends: Entry[] = [];
    return {
      Assignment(node) {
        if (node.value.type !== 'ArrayLiteral') return;
        const block = blockKeyOf(node, ctx.parentOf);
        const isCgi = canonicalKey(node.key.name) === 'cgi.assign';
        if (!isCgi && !getDirective(node.key.name, ctx.targetVersion)?.backend) return;
        for (const element of node.value.elements) {
          const key = elementKey(element);
          // The empty key matches everything on purpose (no-empty-cgi-interpreter judges it).
          if (!key) continue;
          if (!isCgi) backends.push({ directive: node, element, key, block });
          else if (element.value.type === 'StringLiteral') cgi.push({ directive: node, element, key, block, interpreter: element.value.value });
        }
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile) return;
        for (const entry of cgi) {
          // Both apply where one block is within the other (the same block, or nested).
          const backend = backends.find(
            (b) => (isBlockWithin(b.block, entry.block) || isBlockWithin(entry.block, b.block)) && overlaps(entry.key, b.key),
          );
          if (!backend) continue;
          ctx.report({
            node: entry.element.key!,
            messageId: 'both',
            data: {
              cgiKey: entry.key,
              interpreter: entry.interpreter === '' ? 'directly' : `with ${entry.interpreter}`,
              directive: backend.directive.key.name,
              backendKey: backend.key,
            },
            related: [{ node: backend.element.key!, message: `also handled by ${backend.directive.key.name}` }],
          });
        }
      },
    };
  },
});
