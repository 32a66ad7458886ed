import type { Assignment } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean, enclosingBranches } from '../../util/ast.js';

const LIGHTTPD_MESSAGE =
  'warning: please use server.use-ipv6 only for hostnames, not without server.bind / empty address; your config will break if the kernel default for IPV6_V6ONLY changes';

export default defineRule({
  id: 'no-use-ipv6-without-bind',
  description: 'Disallow `server.use-ipv6` on a socket without an address, which depends on the kernel’s IPV6_V6ONLY default',
  severity: 'warning',
  needs: 'evaluated',
  docs: { lighttpdMessage: LIGHTTPD_MESSAGE },
  messages: {
    global:
      '"{key}" is enabled but server.bind is not set: lighttpd listens on [::] and whether IPv4 clients get in depends on the kernel\'s IPV6_V6ONLY default (lighttpd: "please use server.use-ipv6 only for hostnames, not without server.bind / empty address"). Listen on IPv6 explicitly with $SERVER["socket"] == "[::]:{port}" { }.',
    socket:
      '"{key}" is enabled for "{socket}", which has no address: whether IPv4 clients get in depends on the kernel\'s IPV6_V6ONLY default (lighttpd: "please use server.use-ipv6 only for hostnames, not without server.bind / empty address"). Write the address: "[::]{socket}" for IPv6, "0.0.0.0{socket}" for IPv4.',
  },
  create(ctx) {
    const globals: Assignment[] = [];
    return {
      Assignment(node) {
        if (canonicalKey(node.key.name) !== 'server.use-ipv6' || constantBoolean(node.value) !== true) return;
        const branches = enclosingBranches(node, ctx.parentOf);
        if (branches.length === 0) {
          globals.push(node);
          return;
        }
        // network.c: a $SERVER["socket"] value with an empty host (":443") binds the wildcard address.
        const socket = branches.find((b) => b.condition?.object.name === 'SERVER')?.condition;
        if (socket?.operator.value !== '==' || socket.value.type !== 'StringLiteral' || !socket.value.value.startsWith(':')) return;
        ctx.report({ node, messageId: 'socket', data: { key: node.key.name, socket: socket.value.value } });
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile) return;
        const root = ctx.settings!.root.settings;
        const bind = root.get('server.bind')?.value;
        if (bind?.kind === 'string' && bind.value !== '') return;
        const port = root.get('server.port')?.value;
        for (const g of globals) ctx.report({ node: g, messageId: 'global', data: { key: g.key.name, port: port?.kind === 'integer' ? port.value : 80 } });
      },
    };
  },
});
