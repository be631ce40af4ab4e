/**
 * Tests of a square table of paired categories (the same respondents classified twice):
 * Stuart-Maxwell marginal homogeneity and McNemar-Bowker symmetry.
 *
 * @internal
 */
import { chiSquareUpperTail } from '../internal/distributions.js';
import { LuDecomposition, Matrix } from 'ml-matrix';

/** A chi-square test of a paired table. */
export interface PairedTableTest {
  readonly method: 'stuart-maxwell' | 'mcnemar-bowker';
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** The categories the test used (those with a case in either margin, for Stuart-Maxwell). */
  readonly categories: readonly string[];
}

/**
 * Stuart-Maxwell test (Stuart 1955; Maxwell 1970) that the row and column margins are equal:
 * `d = n_i. - n_.i` for all categories but the last, `V_ii = n_i. + n_.i - 2 n_ii`,
 * `V_ij = -(n_ij + n_ji)`, statistic `d' V^-1 d` on k - 1 df (as coin's `mh_test`, asymptotic).
 * Categories empty in both margins are left out first. `null` when V is singular (no case changed
 * category, or too few did).
 */
export function stuartMaxwell(counts: readonly (readonly number[])[], names: readonly string[]): PairedTableTest | null {
  const row = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const col = counts[0]!.map((_, j) => counts.reduce((a, r) => a + r[j]!, 0));
  const used = names.map((_, i) => i).filter((i) => row[i]! + col[i]! > 0);
  if (used.length < 2) return null;
  const keep = used.slice(0, -1);
  const d = keep.map((i) => row[i]! - col[i]!);
  const v = keep.map((i) => keep.map((j) => (i === j ? row[i]! + col[i]! - 2 * counts[i]![i]! : -(counts[i]![j]! + counts[j]![i]!))));
  const lu = new LuDecomposition(new Matrix(v));
  if (lu.isSingular()) return null;
  const solved = lu.solve(Matrix.columnVector(d)).getColumn(0);
  let statistic = 0;
  for (let a = 0; a < d.length; a++) statistic += d[a]! * solved[a]!;
  // A singular V can slip past LU as a tiny pivot: a statistic that is not finite or negative is no test.
  if (!Number.isFinite(statistic) || statistic < -1e-9) return null;
  const df = keep.length;
  return {
    method: 'stuart-maxwell',
    statistic: Math.max(statistic, 0),
    df,
    pValue: chiSquareUpperTail(statistic, df),
    categories: used.map((i) => names[i]!),
  };
}

/**
 * McNemar-Bowker symmetry test (Bowker 1948): `sum_{i<j} (n_ij - n_ji)^2 / (n_ij + n_ji)` over the
 * pairs with `n_ij + n_ji > 0`, on as many df as such pairs (R `mcnemar.test` uses all k(k-1)/2
 * pairs and returns NaN when one is empty; with every pair non-empty the two agree). Without
 * continuity correction (R's `correct` applies only to 2 x 2). `null` when no pair is non-empty.
 */
export function mcnemarBowker(counts: readonly (readonly number[])[], names: readonly string[]): PairedTableTest | null {
  let statistic = 0;
  let df = 0;
  const used = new Set<number>();
  for (let i = 0; i < counts.length; i++) {
    for (let j = i + 1; j < counts.length; j++) {
      const s = counts[i]![j]! + counts[j]![i]!;
      if (s === 0) continue;
      statistic += (counts[i]![j]! - counts[j]![i]!) ** 2 / s;
      df++;
      used.add(i);
      used.add(j);
    }
  }
  if (df === 0) return null;
  return {
    method: 'mcnemar-bowker',
    statistic,
    df,
    pValue: chiSquareUpperTail(statistic, df),
    categories: [...used].sort((a, b) => a - b).map((i) => names[i]!),
  };
}
