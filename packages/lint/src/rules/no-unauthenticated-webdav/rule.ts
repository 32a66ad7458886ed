import type { Assignment } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { blockKeyOf, canonicalKey, constantBoolean, enclosingBranches, isBlockWithin } from '../../util/ast.js';

export default defineRule({
  id: 'no-unauthenticated-webdav',
  description: 'Disallow WebDAV with write access and no auth.require or remote-ip condition in front of it',
  severity: 'error',
  messages: {
    open: '"{key}" lets every client write: WebDAV is enabled without webdav.is-readonly, and no auth.require or $HTTP["remote-ip"] condition covers it, so anyone can PUT, DELETE and MOVE files (and upload scripts a CGI or FastCGI handler may then run). Require a login with auth.require for this path, or set webdav.is-readonly = "enable".',
  },
  create(ctx) {
    const dav: { node: Assignment; block: string }[] = [];
    const readOnly: string[] = [];
    const auth: string[] = [];
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        const block = blockKeyOf(node, ctx.parentOf);
        if (key === 'webdav.activate' && constantBoolean(node.value) === true) dav.push({ node, block });
        else if (key === 'webdav.is-readonly' && constantBoolean(node.value) === true) readOnly.push(block);
        else if (key === 'auth.require' && node.value.type === 'ArrayLiteral' && node.value.elements.length > 0) auth.push(block);
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile) return;
        for (const d of dav) {
          // Read-only set where WebDAV is on (the same block, an enclosing one, or a nested one that narrows it).
          if (readOnly.some((b) => isBlockWithin(d.block, b))) continue;
          if (auth.some((b) => isBlockWithin(d.block, b) || isBlockWithin(b, d.block))) continue;
          const limited = enclosingBranches(d.node, ctx.parentOf).some(
            (b) => b.condition?.object.name === 'HTTP' && b.condition.field.type === 'StringLiteral' && ['remote-ip', 'remoteip'].includes(b.condition.field.value) && (b.condition.operator.value === '==' || b.condition.operator.value === '=~'),
          );
          if (limited) continue;
          ctx.report({ node: d.node, messageId: 'open', data: { key: d.node.key.name } });
        }
      },
    };
  },
});
