import { cgiScriptInterpreters } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, enclosingBranches, stringLiteral } from '../../util/ast.js';
import { elementKey } from '../../util/value.js';

export default defineRule({
  id: 'no-empty-cgi-interpreter',
  description: 'Disallow `cgi.assign` entries that execute script files directly or run every file as a program',
  severity: 'warning',
  locality: 'statement',
  fixable: 'unsafe',
  messages: {
    script:
      '"{key}" => "" makes lighttpd execute {key} files themselves: that needs a "#!" line and the executable bit, else the request fails with 500. Name the interpreter, e.g. "{interpreter}".',
    catchAll:
      '"" in cgi.assign matches every file: {what} is run as a CGI program, so static files fail and any executable file under the document root can be started by a request. Limit it to a directory with $HTTP["url"] =^ "/cgi-bin/" or list the extensions.',
    useInterpreter: 'Use "{interpreter}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (canonicalKey(node.key.name) !== 'cgi.assign' || node.value.type !== 'ArrayLiteral') return;
        // cgi.assign inside a URL condition is the documented way to run a cgi-bin directory: "" is meant there.
        const inUrlCondition = enclosingBranches(node, ctx.parentOf).some((b) => b.condition?.object.name === 'HTTP' && b.condition.field.type === 'StringLiteral' && b.condition.field.value === 'url' && b.condition.operator.value !== '!=' && b.condition.operator.value !== '!~');
        for (const element of node.value.elements) {
          const key = elementKey(element);
          if (key === undefined || element.value.type !== 'StringLiteral') continue;
          const interpreter = element.value.value;
          if (key === '') {
            if (inUrlCondition) continue;
            ctx.report({ node: element, messageId: 'catchAll', data: { what: interpreter === '' ? 'every file' : `every file, through ${interpreter},` } });
            continue;
          }
          // cgi.assign keys are suffixes of the file name, compared case-sensitively (mod_cgi.c).
          const suggested = interpreter === '' ? cgiScriptInterpreters[key] : undefined;
          if (!suggested) continue;
          ctx.report({
            node: element,
            messageId: 'script',
            data: { key, interpreter: suggested },
            // Unsafe: the interpreter's path is a guess, and a script with its own "#!" may want another.
            fix: { messageId: 'useInterpreter', safe: false, edits: [ctx.replace(element.value, stringLiteral(suggested))] },
          });
        }
      },
    };
  },
});
