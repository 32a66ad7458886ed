import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { EvaluateFs } from './types.js';

/** The directory part of the main config path, with its slash; '' when the path has none (configfile.c config_read). */
export function baseDirOf(mainFile: string): string {
  const slash = mainFile.lastIndexOf('/');
  return slash >= 0 ? mainFile.slice(0, slash + 1) : '';
}

/**
 * config_parse_file: paths that start with `/`, `\`, `./` or `../` (and every path when the main config
 * was named without a directory) are used as written, i.e. relative to the working directory; all
 * others are relative to the main config's directory, even inside nested includes.
 */
export function resolveIncludePath(baseDir: string, fn: string): string {
  if (baseDir === '' || /^(?:[/\\]|\.[/\\]|\.\.[/\\])/.test(fn)) return fn;
  return baseDir.endsWith('/') ? baseDir + fn : `${baseDir}/${fn}`;
}

/** A pattern that finds nothing is only an error when it has none of `*?[]{}` (configfile.c). */
export function hasGlobMagic(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

/** GLOB_BRACE expansion: `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`; braces escaped with `\` stay. */
export function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start, end, alternatives } = open;
  const out: string[] = [];
  for (const alt of alternatives) out.push(...expandBraces(pattern.slice(0, start) + alt + pattern.slice(end + 1)));
  return out;
}

function findBrace(p: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const alternatives: string[] = [];
    let from = i + 1;
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          alternatives.push(p.slice(from, j));
          return { start: i, end: j, alternatives };
        }
      } else if (c === ',' && depth === 1) {
        alternatives.push(p.slice(from, j));
        from = j + 1;
      }
    }
    return undefined; // unbalanced: glibc treats the brace literally
  }
  return undefined;
}

/** fnmatch(3) of one path segment: `*`, `?`, `[…]` (with `!`/`^`), `\` escapes; a leading dot must be explicit. */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) re += escapeRe(segment[++i]!);
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body[0] === '!' || body[0] === '^') body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function unescapeGlob(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** glob(3) of one brace-free pattern against the real file system; `cwd` anchors relative patterns. */
function globOne(pattern: string, cwd: string): string[] {
  if (!/[*?[]/.test(pattern)) {
    const literal = unescapeGlob(pattern);
    try {
      statSync(path.resolve(cwd, literal));
      return [literal];
    } catch {
      return [];
    }
  }
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/');
  let current: string[] = [absolute ? '/' : ''];
  for (let k = absolute ? 1 : 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const last = k === segments.length - 1;
    const next: string[] = [];
    if (seg === '') {
      for (const c of current) next.push(c.endsWith('/') || c === '' ? c : `${c}/`);
      current = next;
      continue;
    }
    const join = (dir: string, name: string): string => (dir === '' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`);
    if (!/[*?[]/.test(seg)) {
      for (const c of current) {
        const p = join(c, unescapeGlob(seg));
        try {
          const st = statSync(path.resolve(cwd, p));
          if (last || st.isDirectory()) next.push(p);
        } catch {
          /* no such entry */
        }
      }
    } else {
      const re = segmentRegExp(seg);
      const explicitDot = seg.startsWith('.');
      for (const c of current) {
        let names: string[];
        try {
          names = readdirSync(path.resolve(cwd, c === '' ? '.' : c));
        } catch {
          continue;
        }
        for (const name of names.sort(compareBytes)) {
          if (name.startsWith('.') && !explicitDot) continue;
          if (!re.test(name)) continue;
          const p = join(c, name);
          if (!last) {
            try {
              if (!statSync(path.resolve(cwd, p)).isDirectory()) continue;
            } catch {
              continue;
            }
          }
          next.push(p);
        }
      }
    }
    current = next;
  }
  return current.sort(compareBytes);
}

/** glob sorts with strcoll; lighttpd runs with LANG=C here, i.e. byte order. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The default file access: node fs, relative paths against `cwd`. */
export function nodeFs(cwd: string): EvaluateFs {
  return {
    readFile(p) {
      try {
        return readFileSync(path.resolve(cwd, p));
      } catch {
        return undefined;
      }
    },
    glob(pattern) {
      // glibc GLOB_BRACE globs each alternative in turn, sorting each one's matches.
      const out: string[] = [];
      for (const alt of expandBraces(pattern)) out.push(...globOne(alt, cwd));
      return out;
    },
  };
}

/** lighttpd 1.4.69 config_parse_cmd: `$SHELL -c cmd`, or /bin/sh when SHELL is unset or a `false`. */
export function defaultRunShell(env: Record<string, string | undefined>) {
  return (command: string, cwd: string): { status: number; stdout: Uint8Array; stderr: Uint8Array } => {
    let shell = env.SHELL;
    if (!shell || shell === '/bin/false' || shell === '/usr/bin/false') shell = '/bin/sh';
    const r = spawnSync(shell, ['-c', command], {
      cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: r.status ?? 255, stdout: r.stdout ?? new Uint8Array(), stderr: r.stderr ?? new Uint8Array() };
  };
}
