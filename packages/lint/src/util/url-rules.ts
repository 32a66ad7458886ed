import type { ArrayElement, Assignment, StringLiteral } from '@lhconf/parser';
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
 * PCRE2 constructs JavaScript reads differently or not at all: `\A \Z \z \G \Q…\E \h \R \K`, POSIX classes,
 * inline options, atomic groups, possessive quantifiers, recursion. A pattern with one of them is not judged.
 */
const pcreOnly = /\\[AZzGQEhHvVRKX]|\[:\w+:\]|\(\?[a-zA-Z^-]+[):]|\(\?>|\(\?[R0-9+&P]|[*+?}]\+/;

/** The pattern as a JavaScript RegExp when both engines read it alike (the common subset), else undefined. */
export function toRegExp(pattern: string): RegExp | undefined {
  // One RegExp per pattern text (configs repeat their patterns); without flags it keeps no state between tests.
  const known = regExps.get(pattern);
  if (known !== undefined || regExps.has(pattern)) return known;
  const regex = compile(pattern);
  if (regExps.size < 10_000) regExps.set(pattern, regex);
  return regex;
}
const regExps = new Map<string, RegExp | undefined>();

function compile(pattern: string): RegExp | undefined {
  if (pcreOnly.test(pattern)) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

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
 * The URL a rule turns `url` into, or undefined when its regex does not match (or cannot be judged). As
 * keyvalue.c: `$0`…`$9` are the rule's captures, `%0`…`%9` the enclosing condition's (unknown here: empty),
 * `${…}` the URL parts of newer releases (unknown here: empty); anything else is copied.
 */
export function applyUrlRule(rule: UrlRule, url: string): string | undefined {
  const match = rule.regex?.exec(url);
  if (!match) return undefined;
  return rule.target.value.replace(/([$%])(\d|\{[^}]*\})/g, (_, sign: string, ref: string) =>
    sign === '$' && /^\d$/.test(ref) ? (match[Number(ref)] ?? '') : '',
  );
}

/** URLs a catch-all rule must match: the root, files, directories, a query string, an encoded character. */
const probeUrls = ['/', '/a', '/index.html', '/dir/', '/dir/file.php', '/x.y/z?q=1&r=%20', '/%C3%A9'];

/** True when the rule's regex matches every request URL, so nothing after it in its list is ever tried. */
export function isCatchAll(rule: UrlRule): boolean {
  return rule.regex !== undefined && probeUrls.every((url) => rule.regex!.test(url));
}
