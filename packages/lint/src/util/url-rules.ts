import type { ArrayElement, Assignment, StringLiteral } from '@lhconf/parser';
import { substitute, translateRegex } from '@lhconf/simulate';
import { urlRuleLists, type UrlRuleList } from '../catalog/index.js';
import { canonicalKey } from './ast.js';

/** One `"regex" => "target"` entry of a url.rewrite* / url.redirect list written as literals. */
export interface UrlRule {
  directive: Assignment;
  /** The directive's canonical key, e.g. `url.rewrite-once`. */
  key: string;
  list: UrlRuleList;
  element: ArrayElement;
  pattern: StringLiteral;
  target: StringLiteral;
  /** The pattern as a JavaScript RegExp, when it means the same there as in PCRE2; undefined otherwise. */
  regex: RegExp | undefined;
}

/**
 * The pattern as a JavaScript RegExp when it means the same there as in PCRE2 (@lhconf/simulate's translation:
 * a leading `(?i)`, `\A`, `\z` carried over; PCRE-only constructs refused), else undefined.
 */
export function toRegExp(pattern: string): RegExp | undefined {
  // One RegExp per pattern text (configs repeat their patterns); without the g flag it keeps no state between tests.
  const known = regExps.get(pattern);
  if (known !== undefined || regExps.has(pattern)) return known;
  const translated = translateRegex(pattern);
  const regex = translated.ok ? translated.regex : undefined;
  if (regExps.size < 10_000) regExps.set(pattern, regex);
  return regex;
}
const regExps = new Map<string, RegExp | undefined>();

/** The rules of an assignment to one of the rule-list directives (catalog/url-rules.ts), skipping non-literals. */
export function urlRulesOf(node: Assignment): readonly UrlRule[] {
  const key = canonicalKey(node.key.name);
  const list = urlRuleLists[key];
  if (!list || node.value.type !== 'ArrayLiteral') return noRules;
  // Five rules read the rules of each list: found once per assignment, shared (so read-only).
  const known = rulesByNode.get(node);
  if (known) return known;
  const out: UrlRule[] = [];
  for (const element of node.value.elements) {
    if (element.key?.type !== 'StringLiteral' || element.value.type !== 'StringLiteral') continue;
    out.push({ directive: node, key, list, element, pattern: element.key, target: element.value, regex: toRegExp(element.key.value) });
  }
  rulesByNode.set(node, out);
  return out;
}
const noRules: readonly UrlRule[] = [];
const rulesByNode = new WeakMap<Assignment, readonly UrlRule[]>();

/**
 * The URL a rule turns `url` into, or undefined when its regex does not match (or cannot be judged), expanded
 * as lighttpd does (@lhconf/simulate's `substitute`: `$0`…`$9`, `$$`, `${url.path}`, `${qsa}`…). Only the URL is
 * known: the enclosing condition's captures (`%0`…`%9`), the scheme, the authority and the port are empty.
 */
export function applyUrlRule(rule: UrlRule, url: string): string | undefined {
  const match = rule.regex?.exec(url);
  if (!match) return undefined;
  const q = url.indexOf('?');
  const query = q < 0 ? undefined : url.slice(q + 1);
  return substitute(rule.target.value, { match, condMatch: undefined, scheme: '', authority: '', port: undefined, target: url, query }).text;
}

/** URLs a catch-all rule must match: the root, files, directories, a query string, an encoded character. */
const probeUrls = ['/', '/a', '/index.html', '/dir/', '/dir/file.php', '/x.y/z?q=1&r=%20', '/%C3%A9'];

/** True when the rule's regex matches every request URL, so nothing after it in its list is ever tried. */
export function isCatchAll(rule: UrlRule): boolean {
  return rule.regex !== undefined && probeUrls.every((url) => rule.regex!.test(url));
}
