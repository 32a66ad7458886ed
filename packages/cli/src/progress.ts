import type { Io } from './io.js';

/** Below this many files a run is quick enough that a progress line would only flicker. */
const MIN_FILES = 10;

export interface Progress {
  /** Called as work on each file starts. */
  next(name: string): void;
  /** Clears the line; call before printing results. */
  done(): void;
}

const silent: Progress = { next() {}, done() {} };

/**
 * A one-line `[12/200] conf.d/x.conf` counter on stderr, redrawn in place. Only for people watching a
 * terminal: never when stdout or stderr is piped, nor under CI (`CI` set), nor for a handful of files.
 */
export function createProgress(io: Io, total: number): Progress {
  if (total < MIN_FILES || !io.stderrIsTTY || !io.stdoutIsTTY || io.env.CI) return silent;
  let count = 0;
  let drawn = false;
  return {
    next(name) {
      count++;
      io.stderr(`\r\x1b[K[${count}/${total}] ${name}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr('\r\x1b[K');
      drawn = false;
    },
  };
}
