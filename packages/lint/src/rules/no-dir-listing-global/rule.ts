import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantBoolean, isInCondition } from '../../util/ast.js';

// server.dir-listing is the historical alias of dir-listing.activate (catalog: replacement).
const activationKeys = new Set(['dir-listing.activate', 'server.dir-listing']);

export default defineRule({
  id: 'no-dir-listing-global',
  description: 'Disallow enabling directory listings for the whole server',
  severity: 'warning',
  locality: 'statement',
  messages: {
    global:
      '"{key}" enables directory listings for every host and path; enable it only inside the condition that needs it, e.g. $HTTP["url"] =^ "/pub/" { … }.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        if (!activationKeys.has(canonicalKey(node.key.name))) return;
        if (isInCondition(node, ctx.parentOf)) return;
        // A value from a variable is unknown here; "disable" is what lighttpd defaults to anyway.
        if (constantBoolean(node.value) !== true) return;
        ctx.report({ node, messageId: 'global', data: { key: node.key.name } });
      },
    };
  },
});
