/**
 * Complete dominance from the table of all subset R2 values.
 *
 * @internal
 */

/**
 * Complete dominance matrix (Budescu 1993): `X_i` completely dominates `X_j` when adding `X_i`
 * to every subset S of the other predictors (the empty set included) raises R2 strictly more than
 * adding `X_j`, i.e. `R2(S + i) > R2(S + j)` for all such S. Entry `[i][j]` is 1 when i dominates
 * j, 0 when j dominates i, 0.5 when undetermined (and on the diagonal), as R dominanceanalysis
 * reports it (strict comparisons: a tie, here a difference within `tolerance`, leaves the pair
 * undetermined).
 *
 * Complete dominance implies conditional dominance in the same direction (Azen & Budescu 2003), so
 * only pairs with a conditional dominance are scanned, in that direction, stopping at the first
 * subset that breaks it. A full scan of one pair reads `2 * 2^(p-2)` table entries.
 *
 * @param table - `table[mask]` = R2 of the subset with bit `p - 1 - j` set for predictor j.
 * @param conditional - The conditional dominance matrix (1 / 0 / 0.5).
 */
export function completeDominance(
  table: Float64Array,
  p: number,
  conditional: readonly (readonly number[])[],
  tolerance: number,
): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < p; i++) out.push(new Array<number>(p).fill(0.5));
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const c = conditional[i]![j]!;
      if (c === 0.5) continue;
      const [winner, loser] = c === 1 ? [i, j] : [j, i];
      if (dominatesEverywhere(table, p, winner, loser, tolerance)) {
        out[winner]![loser] = 1;
        out[loser]![winner] = 0;
      }
    }
  }
  return out;
}

/** True when `R2(S + a) > R2(S + b) + tolerance` for every subset S of the predictors other than a and b. */
function dominatesEverywhere(table: Float64Array, p: number, a: number, b: number, tolerance: number): boolean {
  const bitA = 1 << (p - 1 - a);
  const bitB = 1 << (p - 1 - b);
  const low = Math.min(p - 1 - a, p - 1 - b);
  const high = Math.max(p - 1 - a, p - 1 - b);
  // S = (h << (high + 1)) | (m << (low + 1)) | l, with l < 2^low, m < 2^(high - low - 1).
  const lowCount = 1 << low;
  const midCount = 1 << (high - low - 1);
  const highCount = 1 << (p - 1 - high);
  for (let h = 0; h < highCount; h++) {
    const hBase = h << (high + 1);
    for (let m = 0; m < midCount; m++) {
      const base = hBase | (m << (low + 1));
      const baseA = base | bitA;
      const baseB = base | bitB;
      for (let l = 0; l < lowCount; l++) {
        if (!(table[baseA + l]! - table[baseB + l]! > tolerance)) return false;
      }
    }
  }
  return true;
}
