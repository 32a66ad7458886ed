import { REWRITE_LOOP_MESSAGE, REWRITE_REPEAT_LIMIT } from '../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { applyUrlRule, urlRulesOf, type UrlRule } from '../../util/url-rules.js';

/** Passes tried before calling it a loop: a rewrite chain that ends does so in a few steps. */
const PASSES = 8;

/**
 * Request URLs tried on each rule: a few generic ones, the rule's pattern read as a URL (`^/a/(.*)$` → `/a/a`)
 * and its target with the captures filled in.
 */
function samplesFor(rule: UrlRule): string[] {
  const fromPattern = rule.pattern.value
    .replace(/^\^|\$$/g, '')
    .replace(/\((?:\?:)?\.[*+]\)|\.[*+]/g, 'a')
    .replace(/\\(.)/g, '$1');
  return ['/', '/a', '/dir/file.html', fromPattern, rule.target.value.replace(/[$%](\d|\{[^}]*\})/g, 'a')];
}

/** The chain of URLs a repeat list makes of `url`, or undefined when it ends (no rule matches) within PASSES. */
function loopFrom(rules: readonly UrlRule[], url: string): string[] | undefined {
  const chain = [url];
  for (let pass = 0; pass < PASSES; pass++) {
    const rule = rules.find((r) => r.regex?.test(chain.at(-1)!));
    if (!rule) return undefined;
    const next = applyUrlRule(rule, chain.at(-1)!);
    if (next === undefined) return undefined;
    chain.push(next);
  }
  return chain;
}

export default defineRule({
  id: 'no-rewrite-repeat-loop',
  description: 'Disallow url.rewrite-repeat rules whose result they rewrite again, without end',
  severity: 'error',
  locality: 'statement',
  docs: { lighttpdMessage: REWRITE_LOOP_MESSAGE },
  messages: {
    loop: '"{pattern}" starts a rewrite that never ends ("{first}" → "{second}" → "{third}" …): url.rewrite-repeat runs the rules again after every rewrite, so the request loops until lighttpd aborts it after {limit} passes and closes the connection without an answer ("ENDLESS LOOP IN rewrite-rule DETECTED ... aborting request"). Use url.rewrite-once, or anchor the pattern so the result no longer matches.',
  },
  create(ctx) {
    return {
      Assignment(node) {
        const rules = urlRulesOf(node);
        // Only url.rewrite-repeat: "-if-not-file" stops once the result names an existing file, which is the usual aim.
        if (!rules[0]?.list.repeat || rules[0].list.ifNotFile) return;
        for (const rule of rules) {
          // A sample this rule handles first, and the chain the list makes of it.
          const chain = samplesFor(rule)
            .filter((url) => rules.find((r) => r.regex?.test(url)) === rule)
            .map((url) => loopFrom(rules, url))
            .find((c) => c !== undefined);
          if (!chain) continue;
          ctx.report({
            node: rule.pattern,
            messageId: 'loop',
            data: { pattern: rule.pattern.value, first: chain[0]!, second: chain[1]!, third: chain[2]!, limit: REWRITE_REPEAT_LIMIT },
          });
          // One report per list: the rest of a looping list is rewritten by the same chain.
          return;
        }
      },
    };
  },
});
