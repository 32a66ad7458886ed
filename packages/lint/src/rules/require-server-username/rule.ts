import type { Node } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean, constantValue, isInCondition } from '../../util/ast.js';

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
    defaultPort:
      'No server.port is set, so lighttpd listens on its default port {port}{why}; that needs root to bind, and no server.username is set: lighttpd then keeps running as root, with every CGI and spawned backend too. Set server.username (and server.groupname) to an unprivileged account such as "www-data".',
  },
  create(ctx) {
    let privileged: { node: Node; port: number } | undefined;
    // Global values as lighttpd reads them; the last assignment wins.
    let sslEngine = false;
    let socketActivation = false;
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        if (key !== 'server.port' && key !== 'ssl.engine' && key !== 'server.systemd-socket-activation') return;
        if (isInCondition(node, ctx.parentOf)) return;
        if (key === 'ssl.engine') sslEngine = constantBoolean(node.value) ?? sslEngine;
        else if (key === 'server.systemd-socket-activation') socketActivation = constantBoolean(node.value) ?? socketActivation;
        else {
          const port = Number(constantValue(node.value));
          if (port < FIRST_UNPRIVILEGED_PORT) privileged ??= { node, port };
        }
      },
      Condition(node) {
        if (node.object.name !== 'SERVER' || node.operator.value !== '==' || node.value.type !== 'StringLiteral') return;
        const port = Number(socketPort(node.value.value));
        if (port < FIRST_UNPRIVILEGED_PORT) privileged ??= { node, port };
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile) return;
        // server.username is a server-scope key: only the global value counts (configfile.c).
        const global = ctx.settings?.root.settings;
        if (!global || global.has('server.username')) return;
        // Unless the file is known to be whole, only a configuration lighttpd would start is judged: without a
        // document root it is a snippet (or require-document-root's finding), whose includer may set the user.
        if (!ctx.standalone && !global.has('server.document-root')) return;
        if (privileged) return void ctx.report({ node: privileged.node, messageId: 'noUsername', data: { port: privileged.port } });
        if (global.has('server.port') || socketActivation) return;
        // Without server.port, lighttpd 1.4.69 listens on server.bind (or every address) at 443 when the global
        // ssl.engine is enabled and at 80 otherwise (configfile.c config_insert_srvconf); a Unix socket
        // (server.bind "/…") has no port. With socket activation the service manager opens the sockets.
        const bind = global.get('server.bind')?.value;
        if (bind?.kind === 'string' && (bind.value.startsWith('/') || bind.value.startsWith('\\'))) return;
        ctx.report({
          range: { file: node.file, start: node.range.start, end: node.range.start },
          messageId: 'defaultPort',
          data: sslEngine ? { port: 443, why: ' (ssl.engine is enabled globally; 80 otherwise)' } : { port: 80, why: '' },
        });
      },
    };
  },
});
