/** A lighttpd 1.4 release, written `1.4.N`. lhconf compares only N: every target is a 1.4 release. */
export type Version = `1.4.${number}`;

/** The newest 1.4 release in the reference data lhconf was built from; the default target. */
export const LATEST_VERSION: Version = '1.4.85';

/** The version Debian 12 ships (`apt-get install lighttpd`); conformance runs against it. */
export const DEBIAN_VERSION: Version = '1.4.69';

/** Language features that depend on the release (grammar.md §7 and the "since" notes). */
export const languageFeatures = {
  /** `global { }` blocks. */
  globalBlock: '1.4.10',
  /** catch-all `else { }`. */
  elseCatchAll: '1.4.42',
  /** `:=` replaces a value. */
  forceAssign: '1.4.46',
  /** `$REQUEST_HEADER["…"]` conditions. */
  requestHeaderCondition: '1.4.46',
  /** `=^` and `=$` operators; `=~` on a plain prefix/suffix regex is simplified in `-p` output. */
  prefixSuffixOperators: '1.4.65',
  /** `if`, `else if`, `elif`, `elsif`, `elseif`; `-p` prints `if`/`else if`. */
  ifElseIfKeywords: '1.4.74',
  /** "strings may be combined with '+'…" and range-checked SHORT values. */
  strictTokenizer: '1.4.74',
  /** "missing assignment operator" errors for key-after-key / string-after-key. */
  missingOperatorErrors: '1.4.77',
} as const satisfies Record<string, Version>;

export type LanguageFeature = keyof typeof languageFeatures;

/** The patch number of a 1.4 release: `1.4.69` → 69. Throws on anything else. */
export function patchOf(version: string): number {
  // Rules ask on every node: remember the answers (a handful of distinct strings per run).
  const known = patchCache.get(version);
  if (known !== undefined) return known;
  const m = /^1\.4\.(\d+)$/.exec(version.trim());
  if (!m) throw new Error(`not a lighttpd 1.4 version: "${version}" (expected e.g. 1.4.69)`);
  const patch = Number(m[1]);
  if (patchCache.size < 1000) patchCache.set(version, patch);
  return patch;
}
const patchCache = new Map<string, number>();

export function isVersion(version: string): version is Version {
  return /^1\.4\.\d+$/.test(version.trim());
}

/** True when `target` is `since` or newer. `since` may be written `<=1.4.1` (present from the start). */
export function isAtLeast(target: string, since: string): boolean {
  const s = since.replace(/^<=/, '');
  return patchOf(target) >= patchOf(s);
}

export function hasFeature(target: string, feature: LanguageFeature): boolean {
  return isAtLeast(target, languageFeatures[feature]);
}
