import { spawnOnlyOptions } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { backendHosts, hostOptions, spawnsItself } from '../../util/backends.js';
import { elementKey } from '../../util/value.js';

export default defineRule({
  id: 'no-spawn-option-without-bin-path',
  description: 'Disallow max-procs, bin-environment and other spawning options on backends lighttpd does not spawn',
  severity: 'warning',
  locality: 'statement',
  fixable: 'safe',
  messages: {
    useless: '"{option}" only applies to backends lighttpd starts itself ("bin-path"); backend {label} has no "bin-path", so lighttpd ignores it{procs}.',
    remove: 'Remove "{option}"',
  },
  create(ctx) {
    return {
      Assignment(node) {
        for (const host of backendHosts(node, ctx.targetVersion).hosts) {
          const options = hostOptions(host);
          if (spawnsItself(options)) continue;
          const label = host.label ? `"${host.label}"` : `of "${host.extension}"`;
          const elements = host.options.elements;
          elements.forEach((option, index) => {
            // The first option of each name (hostOptions keeps that one; lighttpd reads it).
            const name = elementKey(option)?.toLowerCase();
            if (!name || options.get(name) !== option || !spawnOnlyOptions.includes(name)) return;
            // From the end of the previous option (or the start of this one): removes ", <option>". Not across comments.
            const previous = elements[index - 1];
            const next = elements[index + 1];
            const removed = previous
              ? { file: option.range.file, start: previous.range.end, end: option.range.end }
              : next
                ? { file: option.range.file, start: option.range.start, end: next.range.start }
                : undefined;
            const fixable = removed !== undefined && !ctx.sourceText(removed).includes('#');
            ctx.report({
              node: option.key ?? option,
              messageId: 'useless',
              data: { option: name, label, procs: name.endsWith('-procs') ? ' and uses 1' : '' },
              // Safe: lighttpd already ignores the option.
              ...(fixable ? { fix: { messageId: 'remove' as const, safe: true, edits: [ctx.remove(removed)] } } : {}),
            });
          });
        }
      },
    };
  },
});
