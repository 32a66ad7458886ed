import type { ArrayElement } from '@lhconf/parser';
import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue } from '../../util/ast.js';
import { backendHosts, hostOptions } from '../../util/backends.js';

/** Set and not blank: lighttpd ignores a blank host, socket or bin-path (gw_backend.c). */
function isSet(option: ArrayElement | undefined): boolean {
  if (!option) return false;
  const value = constantValue(option.value);
  return value === undefined || String(value).trim() !== '';
}

export default defineRule({
  id: 'require-backend-address',
  description: 'Require each fastcgi/scgi/proxy/… host to have one address: host and port, socket, or bin-path',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'host or bin-path have to be set in: %s = (%s => (%s ( ...' },
  messages: {
    missing: '{backend} of {key} "{extension}" has no address; lighttpd refuses to start ("host or bin-path have to be set in: {where}"). Set "host" (and "port"), "socket", or "bin-path".',
    both: '{backend} of {key} "{extension}" has both {tcp} and "socket"; lighttpd refuses to start ("either host/port or socket have to be set in: {where}"). Keep one.',
    nesting: '{key} "{extension}" holds {what} where a backend list belongs; lighttpd refuses to start ("unexpected value for gw.server near [{near}](string); expected ( "ext" => ( "backend-label" => ( "key" => "value" )))"). Wrap the options in ( "label" => ( … ) ).',
    wrap: 'Put the options in a list of their own: ( ( … ) )',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const { hosts, malformed } = backendHosts(node, ctx.targetVersion);
        if (hosts.length === 0 && malformed.length === 0) return;
        const key = getDirective(node.key.name, ctx.targetVersion)!.key;
        // lighttpd stops at the first bad entry of an extension: one report each.
        const firstPerList = malformed.filter((bad, i) => malformed.findIndex((m) => m.list === bad.list) === i);
        for (const bad of firstPerList) {
          const what = bad.element.key ? `"${bad.near}" => ${bad.element.value.type === 'ArrayLiteral' ? '( … )' : 'a value'}` : 'a list with unkeyed entries';
          // Options written straight into the extension's list (all keyed scalars) just miss one ( … ) around them.
          const isOptions = bad.list.elements.every((e) => e.key && e.value.type !== 'ArrayLiteral');
          ctx.report({
            node: bad.element,
            messageId: 'nesting',
            data: { key, extension: bad.extension, near: bad.near, what },
            // Unsafe: lighttpd never ran this backend; the options now take effect.
            ...(isOptions ? { fix: { messageId: 'wrap' as const, safe: false, edits: [ctx.replace(bad.list, `( ${ctx.sourceText(bad.list)} )`)] } } : {}),
          });
        }
        for (const host of hosts) {
          const options = hostOptions(host);
          const where = `${key} = (${host.extension} => (${host.label} ( ...`;
          const backend = host.label ? `Backend "${host.label}"` : 'The unlabelled backend';
          const data = { key, extension: host.extension, backend, where };
          const target = host.element.key ?? host.options;
          const tcp = ['host', 'port'].filter((name) => options.has(name));
          if (isSet(options.get('socket')) && tcp.length > 0) {
            ctx.report({ node: target, messageId: 'both', data: { ...data, tcp: tcp.map((t) => `"${t}"`).join('/') } });
          } else if (!['host', 'socket', 'bin-path'].some((name) => isSet(options.get(name)))) {
            ctx.report({ node: target, messageId: 'missing', data });
          }
        }
      },
    };
  },
});
