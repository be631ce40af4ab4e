/**
 * Ranks of importance values, with a tie tolerance.
 *
 * @internal
 */

/**
 * Values closer than `TIE_TOLERANCE * R2` count as tied in ranks and dominance comparisons: the
 * engine's rounding noise is about 1e-16 * R2, so exchangeable predictors (whose exact values are
 * equal) tie instead of being ordered by rounding. R's dominanceanalysis compares exactly.
 */
export const TIE_TOLERANCE = 1e-12;

/** Ranks with 1 = largest; values within `tolerance` of each other share the average of their ranks (R `rank(-x)`). */
export function averageRanks(values: readonly number[], tolerance = 0): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end]![0] - order[end + 1]![0] <= tolerance) end++;
    const rank = (start + end) / 2 + 1;
    for (let t = start; t <= end; t++) ranks[order[t]![1]] = rank;
    start = end + 1;
  }
  return ranks;
}
