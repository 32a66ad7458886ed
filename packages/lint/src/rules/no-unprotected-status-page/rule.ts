import type { Assignment, Branch } from '@lhconf/parser';
import { directivesForModule } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { blockKeyOf, canonicalKey, constantValue, enclosingBranches, isBlockWithin, isInCondition } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

/** An address only this machine can connect to: `server.bind` or a `$SERVER["socket"]` on loopback. */
const isLoopback = (address: string) => /^(?:127\.|localhost(?::|$)|\[::1\]|::1$|\/)/.test(address);

/** True when the branch admits only some client addresses or only a loopback socket. */
function restrictsClients(branch: Branch): boolean {
  const c = branch.condition;
  if (!c || c.field.type !== 'StringLiteral' || c.value.type !== 'StringLiteral') return false;
  const field = c.field.value;
  if (c.object.name === 'HTTP' && (field === 'remote-ip' || field === 'remoteip')) return c.operator.value === '==' || c.operator.value === '=~';
  return c.object.name === 'SERVER' && field === 'socket' && c.operator.value === '==' && isLoopback(c.value.value);
}

export default defineRule({
  id: 'no-unprotected-status-page',
  description: 'Disallow mod_status pages that every client can read: no remote-ip condition, loopback socket or auth.require',
  severity: 'warning',
  messages: {
    open: '"{key}" publishes a mod_status page at "{url}" to every client: it shows {what}. Put it inside $HTTP["remote-ip"] == "127.0.0.1" { … } (or your admin network), or protect "{url}" with auth.require.',
  },
  create(ctx) {
    // The page keys of mod_status: status.status-url, status.config-url, status.statistics-url.
    const pageKeys = new Set(directivesForModule('mod_status', ctx.targetVersion).filter((d) => d.key.endsWith('-url')).map((d) => d.key));
    const pages: { node: Assignment; url: string; block: string }[] = [];
    const auth: { prefix: string; block: string }[] = [];
    let boundToLoopback = false;
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        const block = blockKeyOf(node, ctx.parentOf);
        if (key === 'server.bind' && !isInCondition(node, ctx.parentOf)) {
          const address = constantValue(node.value);
          boundToLoopback = typeof address === 'string' && isLoopback(address);
        } else if (key === 'auth.require' && node.value.type === 'ArrayLiteral') {
          for (const element of node.value.elements) {
            const prefix = elementKey(element);
            if (prefix !== undefined) auth.push({ prefix, block });
          }
        } else if (pageKeys.has(key)) {
          const url = constantValue(node.value);
          // An empty URL switches the page off.
          if (typeof url === 'string' && url !== '') pages.push({ node, url, block });
        }
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile || boundToLoopback) return;
        for (const page of pages) {
          if (enclosingBranches(page.node, ctx.parentOf).some(restrictsClients)) continue;
          // auth.require set where the page is served (the same or an enclosing block), with a prefix of its URL.
          if (auth.some((a) => isBlockWithin(page.block, a.block) && page.url.startsWith(a.prefix))) continue;
          const key = canonicalKey(page.node.key.name);
          const what =
            key === 'status.config-url'
              ? 'the loaded modules and how the server is set up'
              : key === 'status.statistics-url'
                ? 'request counters of every module'
                : 'every open connection with the client\'s address and the URL it requested';
          ctx.report({ node: page.node, messageId: 'open', data: { key: page.node.key.name, url: page.url, what } });
        }
      },
    };
  },
});
