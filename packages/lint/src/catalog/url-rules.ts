/**
 * The directives that hold `( "regex" => "target" )` rule lists, and how lighttpd applies them (mod_rewrite.c,
 * mod_redirect.c, keyvalue.c). Each list is tried in order against the request target (path and `?query`, not
 * decoded) and the first rule whose regex matches is applied; the rules after it are not tried.
 * `repeat`: after a rewrite the request starts over and the rules run again on the new URL, at most 100 times
 * ("ENDLESS LOOP IN rewrite-rule DETECTED ... aborting request"; 1.4.69 closes the connection without an answer);
 * `ifNotFile`: only when the path is not an existing file.
 */
export interface UrlRuleList {
  readonly kind: 'rewrite' | 'redirect';
  readonly repeat: boolean;
  readonly ifNotFile: boolean;
}

export const urlRuleLists: Readonly<Record<string, UrlRuleList>> = {
  'url.rewrite-once': { kind: 'rewrite', repeat: false, ifNotFile: false },
  'url.rewrite-final': { kind: 'rewrite', repeat: false, ifNotFile: false },
  // An old name of url.rewrite-once (directives.tsv), not of url.rewrite-repeat.
  'url.rewrite': { kind: 'rewrite', repeat: false, ifNotFile: false },
  'url.rewrite-repeat': { kind: 'rewrite', repeat: true, ifNotFile: false },
  'url.rewrite-if-not-file': { kind: 'rewrite', repeat: false, ifNotFile: true },
  'url.rewrite-repeat-if-not-file': { kind: 'rewrite', repeat: true, ifNotFile: true },
  'url.redirect': { kind: 'redirect', repeat: false, ifNotFile: false },
};

/** How many times a `repeat` list may rewrite one request before lighttpd aborts it (mod_rewrite.c). */
export const REWRITE_REPEAT_LIMIT = 100;

/**
 * lighttpd's message when a `repeat` list rewrites a request more than {@link REWRITE_REPEAT_LIMIT} times; inside a
 * condition it goes on ", perhaps you want to use url.rewrite-once instead of url.rewrite-repeat (…)".
 */
export const REWRITE_LOOP_MESSAGE = 'ENDLESS LOOP IN rewrite-rule DETECTED ... aborting request';
