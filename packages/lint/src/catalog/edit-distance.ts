/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1, so `sever.port` → `server.port` and `server.modlues` → `server.modules` are 1.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j] = distance between a[0, i) and b[0, j); only the last three rows are needed.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * lighttpd compares keys ignoring ASCII case, and `_` for `-` is the commonest slip in a directive name
 * (`server.document_root`): both are erased before measuring.
 */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/_/g, '-');

/**
 * The candidate nearest to `input` after `normalizeName`, if it is near enough to be the intended one: at most
 * one edit per five characters (1 to 3). Ties go to the candidate sorting first, so the answer is stable.
 */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalizeName(input);
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 5)));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(wanted, normalizeName(name));
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && name < best.name)) best = { name, distance };
  }
  return best?.name;
}
