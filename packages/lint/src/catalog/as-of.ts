import { isAtLeast, type Version } from '@lhconf/parser';

/** What every versioned catalogue row has: when it arrived and, if it is gone, when it went. */
export interface Versioned {
  readonly since: Version;
  readonly status?: string;
  readonly removedIn?: Version;
}

/**
 * The row as lighttpd `target` sees it: `undefined` before it arrived; a row that is removed in the newest release
 * but still present at `target` reads as `current` there. The tables describe the newest release, so this is the
 * one place that turns them into an older release's view.
 */
export function asOf<T extends Versioned>(row: T, target: string): T | undefined {
  if (!isAtLeast(target, row.since)) return undefined;
  if (row.status !== 'removed' || row.removedIn === undefined || isAtLeast(target, row.removedIn)) return row;
  return { ...row, status: 'current' };
}
