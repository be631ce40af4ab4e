/**
 * The all-subsets R2 engine behind lmg (Shapley), dominance analysis and their bootstraps.
 *
 * @internal Not part of the public API; {@link relativeImportance} and {@link dominanceAnalysis}
 * call it.
 */

/** Sums over all 2^p subsets, with optional storage of every subset's R2. */
export interface AllSubsetsSums {
  /** Number of predictors. */
  readonly p: number;
  /**
   * `levelHigh[s] + levelLow[s]` = sum of R2 over every subset of size s (s = 0..p), kept as an
   * unevaluated double-double (high part + compensation) so differences of these large sums stay
   * exact to about one rounding of the sum.
   */
  readonly levelHigh: Float64Array;
  readonly levelLow: Float64Array;
  /**
   * `containingHigh[j * (p + 1) + s] + containingLow[...]` = sum of R2 over the subsets of size s
   * that contain predictor j.
   */
  readonly containingHigh: Float64Array;
  readonly containingLow: Float64Array;
  /** R2 of the model with every predictor. */
  readonly rSquared: number;
  /**
   * When requested: `table[mask]` = R2 of the subset whose bit `p - 1 - j` is set for predictor j
   * (reversed so that every subtree of the walk fills one contiguous block of the table).
   */
  readonly table: Float64Array | undefined;
}

/**
 * R2 of every subset of p predictors from the (p + 1) x (p + 1) correlation matrix (predictors
 * 0..p-1, outcome last), summed by subset size and by predictor, in O(2^p) time.
 *
 * Method: the subsets are visited depth first as a binomial tree in which a child adds one
 * predictor with a higher index than any already in (Furnival 1971, "All possible regressions with
 * less computation", Technometrics 13: the tree form of the sweep-operator walk in Darlington's
 * ALLSETS and Furnival & Wilson's leaps). Each node holds the Schur complement (the partial
 * correlation matrix after sweeping its predictors) restricted to the predictors it may still add
 * and the outcome. The R2 of a child is the parent's plus `a_yk^2 / a_kk` (O(1)), and a child that
 * has children of its own gets its complement by one elimination step on the remaining block,
 * `(p - k)^2 / 2` multiply-adds. Summed over the tree that is about `3 * 2^p` multiply-adds in
 * all (half the subsets are leaves that cost O(1)), against `p^2 2^p` for a full sweep per subset.
 * Every R2 comes from at most p elimination steps on the original matrix (Gaussian elimination
 * without pivoting on a positive-definite matrix, backward stable like Cholesky), so rounding
 * does not accumulate along the walk as it does in a Gray-code sequence of sweeps and un-sweeps.
 *
 * Sums by size and by predictor are accumulated bottom-up (each node passes its subtree's sums
 * by size to its parent and to the predictor it added), also O(1) amortised per subset, with
 * Neumaier-compensated additions.
 *
 * Memory: `(p + 1)^3` doubles of working matrices plus `O(p^2)` sums; with `keepTable` a further
 * `Float64Array` of `2^p` entries (8 * 2^p bytes: 8 MB at p = 20, 134 MB at p = 24, 268 MB at
 * p = 25), needed only for complete dominance.
 *
 * @param correlation - Row-major (p + 1) x (p + 1) correlation matrix, outcome last; only the
 *   upper triangle is read. Not modified. Its predictor block must be positive definite.
 * @param p - Number of predictors, 1..30.
 */
export function allSubsets(correlation: Float64Array, p: number, keepTable: boolean): AllSubsetsSums {
  const P = p + 1;
  const PP = P * P;
  const y = p;
  // Working matrices by depth: level d holds the complement after d sweeps (upper triangle).
  const mats = new Float64Array(P * PP);
  mats.set(correlation.subarray(0, PP), 0);
  // Subtree sums by size, per depth (high part and compensation).
  const vecHigh = new Float64Array((p + 1) * P);
  const vecLow = new Float64Array((p + 1) * P);
  const containingHigh = new Float64Array(p * P);
  const containingLow = new Float64Array(p * P);
  const table = new Float64Array(keepTable ? 2 ** p : 1);
  // The walk's stack: per depth, the next child to try, the node's R2, mask and added predictor.
  const nextChild = new Int32Array(p + 2);
  const nodeR2 = new Float64Array(p + 2);
  const nodeMask = new Int32Array(p + 2);
  const added = new Int32Array(p + 2);

  // Neumaier addition of (xh + xl) into (h[i] + l[i]).
  const add = (h: Float64Array, l: Float64Array, i: number, xh: number, xl: number): void => {
    const s = h[i]!;
    const t = s + xh;
    l[i] = l[i]! + (Math.abs(s) >= Math.abs(xh) ? s - t + xh : xh - t + s) + xl;
    h[i] = t;
  };

  let d = 0;
  nextChild[0] = 0;
  nodeR2[0] = 0;
  nodeMask[0] = 0;
  added[0] = -1;
  for (;;) {
    const k = nextChild[d]!;
    if (k >= p) {
      // Node at depth d is finished: pass its subtree sums to its predictor and its parent.
      if (d === 0) break;
      const j = added[d]!;
      const off = d * P;
      const parentOff = off - P;
      const top = d + (p - 1 - j);
      for (let s = d; s <= top; s++) {
        const xh = vecHigh[off + s]!;
        const xl = vecLow[off + s]!;
        add(containingHigh, containingLow, j * P + s, xh, xl);
        add(vecHigh, vecLow, parentOff + s, xh, xl);
      }
      d--;
      continue;
    }
    nextChild[d] = k + 1;
    const base = d * PP;
    const kRow = base + k * P;
    const pivot = mats[kRow + k]!;
    const ayk = mats[kRow + y]!;
    const r2 = nodeR2[d]! + (ayk * ayk) / pivot;
    const mask = nodeMask[d]! | (1 << (p - 1 - k));
    const size = d + 1;
    const vOff = d * P;
    if (keepTable) table[mask] = r2;
    if (k === p - 1) {
      // A leaf: its subtree is itself.
      add(containingHigh, containingLow, k * P + size, r2, 0);
      add(vecHigh, vecLow, vOff + size, r2, 0);
      continue;
    }
    if (k === p - 2) {
      // Its only child adds the last predictor: eliminate inline instead of descending.
      const last = p - 1;
      const f = mats[kRow + last]! / pivot;
      const lastRow = base + last * P;
      const aLast = mats[lastRow + last]! - f * mats[kRow + last]!;
      const aLastY = mats[lastRow + y]! - f * ayk;
      const r2Leaf = r2 + (aLastY * aLastY) / aLast;
      if (keepTable) table[mask | 1] = r2Leaf;
      add(containingHigh, containingLow, k * P + size, r2, 0);
      add(containingHigh, containingLow, k * P + size + 1, r2Leaf, 0);
      add(containingHigh, containingLow, last * P + size + 1, r2Leaf, 0);
      add(vecHigh, vecLow, vOff + size, r2, 0);
      add(vecHigh, vecLow, vOff + size + 1, r2Leaf, 0);
      continue;
    }
    // Eliminate predictor k from the block of higher predictors and the outcome.
    const cBase = base + PP;
    for (let i = k + 1; i < p; i++) {
      const f = mats[kRow + i]! / pivot;
      const src = base + i * P;
      const dst = cBase + i * P;
      for (let j = i; j <= y; j++) mats[dst + j] = mats[src + j]! - f * mats[kRow + j]!;
    }
    const cOff = vOff + P;
    const top = size + (p - 1 - k);
    for (let s = size; s <= top; s++) {
      vecHigh[cOff + s] = 0;
      vecLow[cOff + s] = 0;
    }
    vecHigh[cOff + size] = r2;
    d++;
    nextChild[d] = k + 1;
    nodeR2[d] = r2;
    nodeMask[d] = mask;
    added[d] = k;
  }
  const levelHigh = vecHigh.slice(0, P);
  const levelLow = vecLow.slice(0, P);
  return {
    p,
    levelHigh,
    levelLow,
    containingHigh,
    containingLow,
    rSquared: levelHigh[p]! + levelLow[p]!,
    table: keepTable ? table : undefined,
  };
}
