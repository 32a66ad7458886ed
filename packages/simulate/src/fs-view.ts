import { readFileSync, statSync } from 'node:fs';

/** What the simulation may ask about the server's file system. */
export interface FsView {
  /** 'file' for a regular file, 'dir' for a directory, undefined when absent or unknown. */
  stat(path: string): 'file' | 'dir' | undefined;
  /** True when the answer came from real knowledge (a manifest or the disk), false for "nothing is known". */
  known: boolean;
  /** A file's text (auth user files), when this view can read files. */
  read?(path: string): string | undefined;
}

/**
 * A file system made of a manifest: a list of absolute paths that exist. A path ending in "/" is a
 * directory; every parent of a listed path is a directory too.
 */
export function manifestFs(paths: readonly string[]): FsView {
  const files = new Set<string>();
  const dirs = new Set<string>(['/']);
  for (const raw of paths) {
    const isDir = raw.endsWith('/');
    const p = isDir && raw.length > 1 ? raw.slice(0, -1) : raw;
    if (isDir) dirs.add(p);
    else files.add(p);
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) dirs.add(p.slice(0, i));
  }
  return { known: true, stat: (path) => (files.has(path) ? 'file' : dirs.has(trimSlash(path)) ? 'dir' : undefined) };
}

/** The real disk (`--docroot-from-disk`). */
export function diskFs(): FsView {
  return {
    known: true,
    read(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    stat(path) {
      try {
        const s = statSync(path);
        return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** No knowledge: every path is absent. The trace says so wherever the answer matters. */
export const emptyFs: FsView = { known: false, stat: () => undefined };

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}
