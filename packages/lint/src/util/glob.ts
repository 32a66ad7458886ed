import picomatch from 'picomatch';

type Matcher = (file: string) => boolean;
const matchers = new Map<string, Matcher>();

/**
 * A matcher for a config `ignore` or `overrides[].files` pattern (POSIX paths, relative to the config file's
 * directory), as in .gitignore: `*` and `?` within a segment, `**` across segments, `[abc]`, `[!abc]`,
 * `{a,b}`, dot files included; a pattern without `/` matches the base name at any depth, and `dir/` everything
 * below dir.
 */
export function globMatcher(pattern: string): Matcher {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    const glob = (pattern.endsWith('/') ? `${pattern}**` : pattern).replace(/^\.\//, '');
    matcher = picomatch(glob, { dot: true, posix: true, basename: !glob.includes('/') });
    // Configs name a handful of patterns; the map only saves compiling them again for every file.
    if (matchers.size < 1_000) matchers.set(pattern, matcher);
  }
  return matcher;
}

/** True when the POSIX path `file` matches any of `patterns`. */
export function matchesAny(file: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => globMatcher(p)(file));
}
