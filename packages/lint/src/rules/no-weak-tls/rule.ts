import type { StringLiteral } from '@lhconf/parser';
import { weakCipherWords, weakTlsProtocols, weakTlsSwitches } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

/** The words of a cipher string that add suites (not `!X`, `-X`, `+X` or `@STRENGTH`) and name a weak part (`RC4-SHA`, `EDH+3DES`). */
function weakCiphers(cipherString: string): string[] {
  const weak = new Set(weakCipherWords.map((w) => w.toUpperCase()));
  return cipherString
    .split(/[:, ]+/)
    .filter((word) => word !== '' && !/^[!\-+@]/.test(word))
    .filter((word) => word.split(/[+-]/).some((part) => weak.has(part.toUpperCase())));
}

export default defineRule({
  id: 'no-weak-tls',
  description: 'Disallow TLS settings that allow SSLv2/SSLv3, TLS below 1.2 or broken ciphers',
  severity: 'warning',
  locality: 'statement',
  messages: {
    switch: '"{key}" = {value} {effect}. Remove it: lighttpd\'s defaults are safe (and releases since 1.4.68 ignore the key).',
    ciphers: '"{cipherString}" selects weak cipher suites ({weak}). Remove them, or rely on lighttpd\'s default cipher list.',
    minProtocol: '"MinProtocol" => "{value}" allows protocols older than TLS 1.2, which RFC 8996 deprecates. Use "TLSv1.2" (lighttpd\'s default) or "TLSv1.3".',
  },
  create(ctx) {
    const reportCiphers = (node: StringLiteral) => {
      const weak = weakCiphers(node.value);
      if (weak.length > 0) ctx.report({ node, messageId: 'ciphers', data: { cipherString: node.value, weak: weak.join(', ') } });
    };
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        const weakSwitch = weakTlsSwitches[key];
        if (weakSwitch) {
          if (constantBoolean(node.value) !== weakSwitch.weakWhen) return;
          ctx.report({ node, messageId: 'switch', data: { key: node.key.name, value: ctx.sourceText(node.value), effect: weakSwitch.effect } });
        } else if (key === 'ssl.cipher-list' && node.value.type === 'StringLiteral') {
          reportCiphers(node.value);
        } else if (key === 'ssl.openssl.ssl-conf-cmd' && node.value.type === 'ArrayLiteral') {
          for (const element of node.value.elements) {
            const value = element.value;
            if (value.type !== 'StringLiteral') continue;
            // SSL_CONF_cmd names are case-insensitive in lighttpd's own handling (mod_openssl.c).
            const command = elementKey(element)?.toLowerCase();
            if (command === 'cipherstring') reportCiphers(value);
            else if (command === 'minprotocol' && weakTlsProtocols.some((p) => p.toLowerCase() === value.value.toLowerCase())) {
              ctx.report({ node: value, messageId: 'minProtocol', data: { value: value.value } });
            }
          }
        }
      },
    };
  },
});
