import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';
import { backendHosts, hostOptions, spawnsItself } from '../../util/backends.js';

export default defineRule({
  id: 'no-spawned-backend-port',
  description: 'Disallow backends that lighttpd spawns (bin-path) on a TCP port instead of a unix socket',
  severity: 'warning',
  locality: 'statement',
  messages: {
    tcp: '"bin-path" with "port": lighttpd starts {binPath} itself, listening on {host}:{port}. Any local user can connect there and speak {backend} to it directly, and a spawn-fcgi or service started for the same port collides with lighttpd\'s ("Address already in use"). Let lighttpd spawn it on a "socket" => "/run/lighttpd/….socket" instead, or drop "bin-path" if something else starts it.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          const options = hostOptions(host);
          const binPath = options.get('bin-path');
          const port = options.get('port');
          // With "socket", lighttpd spawns on the unix socket; without "bin-path", something else runs the backend.
          if (!binPath || !spawnsItself(options) || !port || options.has('socket')) continue;
          const hostValue = options.get('host');
          ctx.report({
            node: port,
            messageId: 'tcp',
            data: {
              binPath: String(constantValue(binPath.value) ?? 'the backend'),
              host: String((hostValue && constantValue(hostValue.value)) ?? '127.0.0.1'),
              port: String(constantValue(port.value) ?? '?'),
              backend: host.backend === 'scgi' ? 'SCGI' : 'FastCGI',
            },
            related: [{ node: binPath, message: 'spawned by lighttpd' }],
          });
        }
      },
    };
  },
});
