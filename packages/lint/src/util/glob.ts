/**
 * Minimal glob matching for config `ignore` and `overrides[].files` patterns (POSIX paths, relative to the
 * config file's directory): `*` and `?` within a segment, `**` across segments, `[abc]`, `{a,b}`.
 * A pattern without `/` matches the base name at any depth, as in .gitignore.
 */
export function globToRegExp(pattern: string): RegExp {
  // `dir/` means everything below dir.
  if (pattern.endsWith('/')) pattern += '**';
  let source = '';
  let i = 0;
  let braceDepth = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i += 2;
        // `**/` matches zero or more whole segments; a trailing `**` matches everything below.
        if (pattern[i] === '/') {
          source += '(?:[^/]*/)*';
          i++;
        } else source += '.*';
        continue;
      }
      source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braceDepth++;
      source += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (c === ',' && braceDepth > 0) source += '|';
    else source += c.replace(/[.+^$|()\\]/g, '\\$&');
    i++;
  }
  const anchored = pattern.includes('/') ? `^${source.replace(/^\\?\.\//, '')}$` : `(?:^|/)${source}$`;
  return new RegExp(anchored);
}

/** True when the POSIX path `file` matches any of `patterns`. */
export function matchesAny(file: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => globToRegExp(p).test(file));
}
