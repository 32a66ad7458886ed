import type { Node } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue, isInCondition } from '../../util/ast.js';

/** Ports below this need root to bind (Linux, without CAP_NET_BIND_SERVICE). */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** The port of a `$SERVER["socket"]` value (`":443"`, `"127.0.0.1:80"`, `"[::]:443"`), if it names one. */
const socketPort = (value: string) => /:(\d+)$/.exec(value)?.[1];

export default defineRule({
  id: 'no-root-user',
  description: 'Disallow running lighttpd as root: server.username "root", or no server.username with a privileged port',
  severity: 'error',
  needs: 'evaluated',
  docs: { lighttpdMessage: 'I will not set uid to 0.  Perhaps you should comment out server.username in lighttpd.conf' },
  messages: {
    root: '"{key}" = "root": started as root, lighttpd refuses to switch to {id} 0 and exits ("I will not set {id} to 0.  Perhaps you should comment out {canonical} in lighttpd.conf"). Name an unprivileged account such as "www-data".',
    noUsername:
      'Port {port} needs root to bind, and no server.username is set: lighttpd then keeps running as root, with every CGI and spawned backend too. Set server.username (and server.groupname) to an unprivileged account such as "www-data".',
  },
  create(ctx) {
    let privileged: { node: Node; port: number } | undefined;
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        if ((key === 'server.username' || key === 'server.groupname') && constantValue(node.value) === 'root') {
          ctx.report({ node: node.value, messageId: 'root', data: { key: node.key.name, canonical: key, id: key === 'server.username' ? 'uid' : 'gid' } });
        }
        const port = constantValue(node.value);
        if (key === 'server.port' && !isInCondition(node, ctx.parentOf) && Number(port) < FIRST_UNPRIVILEGED_PORT) privileged ??= { node, port: Number(port) };
      },
      Condition(node) {
        if (node.object.name !== 'SERVER' || node.operator.value !== '==' || node.value.type !== 'StringLiteral') return;
        const port = socketPort(node.value.value);
        if (port !== undefined && Number(port) < FIRST_UNPRIVILEGED_PORT) privileged ??= { node, port: Number(port) };
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile || !privileged) return;
        // server.username is a server-scope key: only the global value counts (configfile.c).
        const global = ctx.settings?.root.settings;
        if (!global || global.has('server.username')) return;
        // Only a configuration lighttpd would start: without a document root it is a snippet (or
        // require-document-root's finding), and its user may well be set by the file that includes it.
        if (!global.has('server.document-root')) return;
        ctx.report({ node: privileged.node, messageId: 'noUsername', data: { port: privileged.port } });
      },
    };
  },
});
