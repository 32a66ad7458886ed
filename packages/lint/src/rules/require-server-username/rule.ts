import type { Node } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue, isInCondition } from '../../util/ast.js';

/** Ports below this need root to bind (Linux, without CAP_NET_BIND_SERVICE). */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** The port of a `$SERVER["socket"]` value (`":443"`, `"127.0.0.1:80"`, `"[::]:443"`), if it names one. */
const socketPort = (value: string) => /:(\d+)$/.exec(value)?.[1];

export default defineRule({
  id: 'require-server-username',
  description: 'Require server.username when lighttpd binds a privileged port, so that it does not keep running as root',
  severity: 'warning',
  needs: 'evaluated',
  messages: {
    noUsername:
      'Port {port} needs root to bind, and no server.username is set: lighttpd then keeps running as root, with every CGI and spawned backend too. Set server.username (and server.groupname) to an unprivileged account such as "www-data".',
  },
  create(ctx) {
    let privileged: { node: Node; port: number } | undefined;
    return {
      Assignment(node) {
        if (canonicalKey(node.key.name) !== 'server.port' || isInCondition(node, ctx.parentOf)) return;
        const port = Number(constantValue(node.value));
        if (port < FIRST_UNPRIVILEGED_PORT) privileged ??= { node, port };
      },
      Condition(node) {
        if (node.object.name !== 'SERVER' || node.operator.value !== '==' || node.value.type !== 'StringLiteral') return;
        const port = Number(socketPort(node.value.value));
        if (port < FIRST_UNPRIVILEGED_PORT) privileged ??= { node, port };
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile || !privileged) return;
        // server.username is a server-scope key: only the global value counts (configfile.c).
        const global = ctx.settings?.root.settings;
        if (!global || global.has('server.username')) return;
        // Unless the file is known to be whole, only a configuration lighttpd would start is judged: without a
        // document root it is a snippet (or require-document-root's finding), whose includer may set the user.
        if (!ctx.standalone && !global.has('server.document-root')) return;
        ctx.report({ node: privileged.node, messageId: 'noUsername', data: { port: privileged.port } });
      },
    };
  },
});
