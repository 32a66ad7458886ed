import { Chalk, type ChalkInstance } from 'chalk';
import type { Io } from './io.js';

/**
 * Whether to colour what goes to a stream: never with `NO_COLOR` set (https://no-color.org), always with
 * `FORCE_COLOR` set (except `0`/`false`), otherwise only on a terminal.
 */
export function colorEnabled(io: Io, stream: 'stdout' | 'stderr'): boolean {
  const { NO_COLOR, FORCE_COLOR } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}

/** A chalk that colours exactly when {@link colorEnabled} says so (chalk's own detection reads the real process). */
export function chalkFor(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
