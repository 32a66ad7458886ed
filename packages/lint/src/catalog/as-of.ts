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

/**
 * `find(name, target)`, remembered per release and name as written (rules look up the directive or option of
 * every assignment, always for the same target): the same row object each time. Past `limit` names per release
 * (a config makes up var.* keys), answers are found and not remembered.
 */
export function rememberedPerRelease<T>(find: (name: string, target: string) => T | undefined, limit = 10_000): (name: string, target: string) => T | undefined {
  const answers = new Map<string, Map<string, T | null>>();
  let lastTarget: string | undefined;
  let lastAnswers: Map<string, T | null> | undefined;
  return (name, target) => {
    let known = target === lastTarget ? lastAnswers : answers.get(target);
    if (!known) answers.set(target, (known = new Map()));
    lastTarget = target;
    lastAnswers = known;
    const answer = known.get(name);
    if (answer !== undefined) return answer ?? undefined;
    const found = find(name, target);
    if (known.size < limit) known.set(name, found ?? null);
    return found;
  };
}
