import type { Expression, Node } from '@lhconf/parser';
import { getDirective, headerTextDirectives } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { constantValue, stringLiteral } from '../../util/ast.js';

// CR, LF and the other C0 controls except horizontal tab end or corrupt an HTTP header line.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

const describe = (char: string) => (char === '\n' ? 'a line break' : char === '\r' ? 'a carriage return' : `the control character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);

export default defineRule({
  id: 'no-newline-in-header-value',
  description: 'Disallow line breaks and control characters in text lighttpd sends as HTTP headers (server.tag, setenv.*-header)',
  severity: 'error',
  locality: 'statement',
  fixable: 'unsafe',
  docs: { lighttpdMessage: 'WARNING: setenv.*-header contains CR and/or NL (invalid): %s: %s' },
  messages: {
    control: '{what} of {key} contains {char}: lighttpd sends it as is, which ends the header early and splits the response (1.4.69 only warns "setenv.*-header contains CR and/or NL (invalid)"). Keep header text on one line.',
    controlTag: '{what} of {key} contains {char}: lighttpd sends the Server header folded over two lines, a form HTTP/1.1 has abandoned and clients may reject. Keep it on one line.',
    join: 'Join the lines with a space',
  },
  create(ctx) {
    // The report goes to the name (directive or header) before the text: a multi-line string leaves no room for
    // anything after its first line, and the name says which header it is; the text itself is the related range.
    const check = (node: Expression, key: string, what: string, at: Node) => {
      const text = constantValue(node);
      if (typeof text !== 'string') return;
      const bad = CONTROL.exec(text);
      if (!bad) return;
      // A string continued on the next line: the line break and its indentation become one space (nothing at the ends).
      const joined = text.replace(/^[ \t]*\r?\n[ \t]*|[ \t]*\r?\n[ \t]*$/g, '').replace(/[ \t]*\r?\n[ \t]*/g, ' ');
      const fixable = node.type === 'StringLiteral' && !CONTROL.test(joined);
      ctx.report({
        node: at,
        messageId: key === 'server.tag' ? 'controlTag' : 'control',
        related: [{ node, message: 'this text' }],
        data: { key, what, char: describe(bad[0]) },
        // Unsafe: the header changes (from a broken one).
        ...(fixable ? { fix: { messageId: 'join' as const, safe: false, edits: [ctx.replace(node, stringLiteral(joined))] } } : {}),
      });
    };
    return {
      Assignment(node) {
        const key = getDirective(node.key.name, ctx.targetVersion)?.key;
        const shape = key === undefined ? undefined : headerTextDirectives[key];
        if (!key || !shape) return;
        if (shape === 'value') {
          check(node.value, key, 'The value', node.key);
          return;
        }
        if (node.value.type !== 'ArrayLiteral') return;
        for (const element of node.value.elements) {
          if (!element.key) continue;
          const name = constantValue(element.key);
          check(element.key, key, 'A header name', node.key);
          check(element.value, key, `The header "${name}"`, element.key);
        }
      },
    };
  },
});
