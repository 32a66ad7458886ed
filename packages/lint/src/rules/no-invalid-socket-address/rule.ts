import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';

export default defineRule({
  id: 'no-invalid-socket-address',
  description: 'Disallow $SERVER["socket"] addresses lighttpd cannot listen on: empty, a bad port, IPv6 without brackets',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  docs: { lighttpdMessage: 'port not set or out of range: %u' },
  messages: {
    empty: '$SERVER["socket"] == "" names no address; lighttpd refuses to start ("value of $SERVER["socket"] must not be empty").',
    portRange: '"{value}" has no usable port ({port}); lighttpd refuses to start ("port not set or out of range: {port}"). Use a port from 1 to 65535.',
    portDigits: 'The port of "{value}" is not a number: lighttpd reads its leading digits and listens on port {port} without a word.',
    ipv6: '"{value}" looks like an IPv6 address without brackets: lighttpd takes the part after the last ":" as the port and fails to resolve the rest. Write "{written}".',
  },
  create(ctx) {
    return {
      Condition(node) {
        // Only `==` creates a listening socket (network.c); the value is checked again when binding.
        if (node.object.name !== 'SERVER' || constantValue(node.field) !== 'socket' || node.operator.value !== '==') return;
        const value = constantValue(node.value);
        if (typeof value !== 'string') return;
        if (value === '') {
          ctx.report({ node: node.value, messageId: 'empty' });
          return;
        }
        // Unix domain sockets and abstract sockets have no port.
        if (value.startsWith('/') || value.startsWith('\\')) return;
        // Values starting with ":" escape the parse-time address check (configparser.y); other unbracketed IPv6
        // addresses are rejected there ("invalid IP addr", the evaluator's invalid-ip).
        if (value.startsWith(':') && value.indexOf(':') !== value.lastIndexOf(':')) {
          const last = value.lastIndexOf(':');
          const [address, port] = [value.slice(0, last), value.slice(last + 1)];
          const written = /^[0-9]+$/.test(port) && address.includes('::') ? `[${address}]:${port}` : `[${value}]:port`;
          ctx.report({ node: node.value, messageId: 'ipv6', data: { value, written } });
          return;
        }
        // Host forms ("127.0.0.1:80", "[::1]:80") are checked while parsing (the evaluator's invalid-ip);
        // ":port" and "[]:port" only when binding (network.c:251).
        const portText = value.startsWith(':') ? value.slice(1) : value.startsWith('[]:') ? value.slice(3) : undefined;
        if (portText === undefined) return;
        const digits = /^[0-9]*/.exec(portText)![0];
        const port = Number(digits || '0');
        if (port === 0 || port > 65535) ctx.report({ node: node.value, messageId: 'portRange', data: { value, port } });
        else if (digits !== portText) ctx.report({ node: node.value, messageId: 'portDigits', data: { value, port } });
      },
    };
  },
});
