import type { ArrayElement, Assignment } from '@lhconf/parser';
import { getDirective } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { blockKeyOf, isBlockWithin } from '../../util/ast.js';
import { getOrInsert } from '../../util/map.js';
import { applyUrlRule, urlRulesOf, type UrlRule } from '../../util/url-rules.js';
import { elementKey } from '../../util/value.js';

/** A `<backend>.server` entry keyed by a path prefix (`"/app" => ( … )`), where it is written. */
interface PrefixBackend {
  directive: Assignment;
  element: ArrayElement;
  prefix: string;
  block: string;
}

export default defineRule({
  id: 'no-unreachable-backend',
  description: 'Disallow a url.rewrite rule that rewrites a backend’s path prefix away, so the backend is never reached',
  severity: 'error',
  messages: {
    unreachable:
      '"{pattern}" rewrites "{prefix}" to "{rewritten}" before a handler is chosen, so the {directive} entry for "{prefix}"{more} is never reached. Exclude the prefix first (e.g. "^{escaped}" => "$0" earlier in {list}) or narrow the pattern.',
    unreachableRepeat:
      '"{pattern}" rewrites "{prefix}" to "{rewritten}" before a handler is chosen, so the {directive} entry for "{prefix}"{more} is never reached. Narrow the pattern so it does not match the prefix (in {list} a "$0" rule would rewrite again and again).',
  },
  create(ctx) {
    const rules: { rules: readonly UrlRule[]; block: string }[] = [];
    const backends: PrefixBackend[] = [];
    return {
      Assignment(node) {
        const block = blockKeyOf(node, ctx.parentOf);
        const all = urlRulesOf(node);
        const found = all.length > 0 ? all.filter((r) => r.list.kind === 'rewrite' && !r.list.ifNotFile) : all;
        if (found.length > 0) rules.push({ rules: found, block });
        // Extensions (".php") match the physical path after path-info is split off; only prefixes are judged here.
        if (!getDirective(node.key.name, ctx.targetVersion)?.backend || node.value.type !== 'ArrayLiteral') return;
        for (const element of node.value.elements) {
          const prefix = elementKey(element);
          if (prefix?.startsWith('/')) backends.push({ directive: node, element, prefix, block });
        }
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile) return;
        // mod_rewrite runs on the raw URL (handle_uri_raw), before gw_backend compares the cleaned path with
        // the prefixes (handle_uri_clean): a rule that matches the prefix's URL and leads elsewhere wins.
        const caught = new Map<UrlRule, { backend: PrefixBackend; rewritten: string }[]>();
        for (const backend of backends) {
          for (const list of rules) {
            if (!isBlockWithin(backend.block, list.block)) continue;
            // The first rule of the list that matches decides; a regex lhconf cannot judge ends the search.
            const first = list.rules.find((r) => r.regex === undefined || r.regex.test(backend.prefix));
            const rewritten = first && applyUrlRule(first, backend.prefix);
            if (!first || rewritten === undefined || rewritten.startsWith(backend.prefix)) continue;
            getOrInsert(caught, first, () => []).push({ backend, rewritten });
          }
        }
        // One report per rule, naming the first backend it hides and pointing at all of them.
        for (const [rule, hidden] of caught) {
          const { backend, rewritten } = hidden[0]!;
          ctx.report({
            node: rule.pattern,
            // "$0" rewrites to the same URL: in a repeat list that restarts the rules until lighttpd's loop limit.
            messageId: rule.list.repeat ? 'unreachableRepeat' : 'unreachable',
            data: {
              pattern: rule.pattern.value,
              prefix: backend.prefix,
              rewritten,
              directive: backend.directive.key.name,
              list: rule.directive.key.name,
              escaped: backend.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
              more: hidden.length > 1 ? ` (and ${hidden.length - 1} more backend prefix${hidden.length > 2 ? 'es' : ''})` : '',
            },
            related: hidden.map((h) => ({ node: h.backend.element.key!, message: 'never reached' })),
          });
        }
      },
    };
  },
});
