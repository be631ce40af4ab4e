/**
 * "Did you mean" suggestions for misspelled names (option keys, model keys, columns).
 * @internal
 */

/**
 * Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
 * characters as one edit each (optimal string alignment).
 */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to `name` (case-insensitive), or `undefined` when none is close enough:
 * a case-only difference, or an edit distance of at most a third of the name's length (1 to 2).
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.min(2, Math.floor(name.length / 3)));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` when a candidate is close, else `''`. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const best = nearest(name, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
