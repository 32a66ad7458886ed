import * as path from 'node:path';
import type { Io } from '../src/io.js';
import picomatch from 'picomatch';

export interface MemoryIo {
  io: Io;
  out: { stdout: string; stderr: string; writes: string[] };
  read(file: string): string;
}

/** An Io over in-memory files (absolute paths; cwd `/w`), evaluator access included; records output and writes. */
export function memoryIo(
  files: Record<string, string | Uint8Array>,
  options: { stdin?: string; env?: Record<string, string>; tty?: boolean; unreadable?: string[] } = {},
): MemoryIo {
  const fs = new Map<string, Uint8Array>(Object.entries(files).map(([f, c]) => [f, typeof c === 'string' ? Buffer.from(c) : c]));
  const out = { stdout: '', stderr: '', writes: [] as string[] };
  const cwd = '/w';
  const isDir = (p: string) => p === '/' || [...fs.keys()].some((f) => f.startsWith(`${p.replace(/\/$/, '')}/`));
  const readSync = (f: string) => {
    if (options.unreadable?.includes(f)) throw Object.assign(new Error(`EACCES: permission denied, open '${f}'`), { code: 'EACCES' });
    const data = fs.get(f);
    if (!data) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${f}'`), { code: 'ENOENT' });
    return data;
  };
  const io: Io = {
    cwd,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readStdin: async () => Buffer.from(options.stdin ?? ''),
    readFile: async (f) => readSync(f),
    async writeFileAtomic(f, data) {
      out.writes.push(f);
      fs.set(f, data);
    },
    stat: async (f) => (fs.has(f) ? { isFile: true, isDirectory: false } : isDir(f) ? { isFile: false, isDirectory: true } : undefined),
    async readDir(dir) {
      const names = new Set<string>();
      for (const f of fs.keys()) if (f.startsWith(`${dir}/`)) names.add(f.slice(dir.length + 1).split('/')[0]!);
      return [...names];
    },
    evaluateFs: {
      readFile(p) {
        try {
          return readSync(path.resolve(cwd, p));
        } catch {
          return undefined;
        }
      },
      glob(pattern) {
        const abs = path.resolve(cwd, pattern);
        // glob(3) as lighttpd calls it: a leading dot is matched only by a dot.
        const matches = picomatch(abs, { posix: true });
        // Absolute patterns give absolute paths, relative ones relative paths: as glob(3) does.
        return [...fs.keys()]
          .filter((f) => matches(f))
          .sort()
          .map((f) => (path.isAbsolute(pattern) ? f : path.relative(cwd, f)));
      },
    },
  };
  return { io, out, read: (f) => Buffer.from(fs.get(f)!).toString() };
}
