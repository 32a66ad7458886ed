import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-root-user',
  description: 'Disallow server.username or server.groupname "root", which lighttpd refuses to switch to',
  severity: 'error',
  locality: 'statement',
  docs: { lighttpdMessage: 'I will not set uid to 0.  Perhaps you should comment out server.username in lighttpd.conf' },
  messages: {
    root: '"{key}" = "root": started as root, lighttpd refuses to switch to {id} 0 and exits ("I will not set {id} to 0.  Perhaps you should comment out {canonical} in lighttpd.conf"). Name an unprivileged account such as "www-data".',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        if ((key !== 'server.username' && key !== 'server.groupname') || constantValue(node.value) !== 'root') return;
        ctx.report({ node: node.value, messageId: 'root', data: { key: node.key.name, canonical: key, id: key === 'server.username' ? 'uid' : 'gid' } });
      },
    };
  },
});
