import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import type { EvaluateFs } from '@lhconf/parser';

/** Everything a command touches outside itself; tests pass an in-memory implementation. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout/stderr are terminals (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
  readFile(file: string): Promise<Uint8Array>;
  /** Replaces `file` atomically: a temp file in the same directory, the old mode kept, then rename. */
  writeFileAtomic(file: string, data: Uint8Array): Promise<void>;
  stat(file: string): Promise<{ isFile: boolean; isDirectory: boolean } | undefined>;
  readDir(dir: string): Promise<string[]>;
  /**
   * Synchronous file access for the evaluator (includes are read while evaluating); relative paths are
   * relative to `cwd`. Absent: the evaluator's own node fs. In-memory Io implementations set it.
   */
  evaluateFs?: EvaluateFs;
}

/** The real process and file system. */
export const nodeIo: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  readFile: (file) => fs.readFile(file),
  async writeFileAtomic(file, data) {
    const dir = path.dirname(file);
    const tmp = path.join(dir, `.${path.basename(file)}.lhconf-${process.pid}-${Date.now()}.tmp`);
    let mode: number | undefined;
    try {
      mode = (await fs.stat(file)).mode & 0o7777;
    } catch {
      mode = undefined;
    }
    const handle = await fs.open(tmp, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      if (mode !== undefined) await fs.chmod(tmp, mode);
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  },
  async stat(file) {
    try {
      const s = await fs.stat(file);
      return { isFile: s.isFile(), isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  readDir: (dir) => fs.readdir(dir),
};
