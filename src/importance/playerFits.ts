/**
 * The fit index of every subset of players (R2 for the gaussian family, a pseudo-R2 of
 * cumulative-logit fits for the binomial and ordinal ones), as a table by bit mask.
 *
 * @internal
 */
import { NumericalError } from '../errors.js';
import {
  coldFit,
  fitTolerance,
  initialRatio,
  orderedLikelihoods,
  subsetLikelihoods,
  type CumulativeDesign,
  type FitCounters,
} from './cumulativeFits.js';
import type { PlayerData, PseudoRSquared } from './familyData.js';
import { compressRows, pickFirst, sumByGroup } from '../internal/compressRows.js';

/**
 * The subset engine compresses when the rows fall by at least 1.25x: the grouping costs about one
 * hashing pass over the cases, against thousands of likelihood passes saved in proportion.
 */
export const ENGINE_COMPRESSION = 1.25;

/** The index decomposed. */
export type FitIndex = 'r-squared' | PseudoRSquared;

/**
 * A pseudo-R2 from log-likelihoods, never through `exp(LL)` (which underflows for LL < -745):
 * McFadden `1 - LL/LL0`; Cox-Snell `1 - exp(2 (LL0 - LL) / N)`; Nagelkerke Cox-Snell over its
 * maximum `1 - exp(2 LL0 / N)`; Estrella `1 - (LL/LL0)^(-2 LL0 / N)`. N is the weight sum (the
 * number of cases unweighted), so the indices do not change when the weights are rescaled.
 */
export function pseudoRSquared(kind: PseudoRSquared, ll: number, ll0: number, N: number): number {
  // + 0 turns the null model's -0 (from -expm1(0)) into 0, which JSON keeps.
  return pseudoRSquaredSigned(kind, ll, ll0, N) + 0;
}

function pseudoRSquaredSigned(kind: PseudoRSquared, ll: number, ll0: number, N: number): number {
  switch (kind) {
    case 'mcfadden':
      return 1 - ll / ll0;
    case 'cox-snell':
      return -Math.expm1((2 * (ll0 - ll)) / N);
    case 'nagelkerke':
      return Math.expm1((2 * (ll0 - ll)) / N) / Math.expm1((2 * ll0) / N);
    case 'estrella':
      return -Math.expm1(((-2 * ll0) / N) * Math.log(ll / ll0));
  }
}

/** The four pseudo-R2s of one model. */
export function allPseudoRSquared(
  ll: number,
  ll0: number,
  N: number,
): { mcfadden: number; coxSnell: number; nagelkerke: number; estrella: number } {
  return {
    mcfadden: pseudoRSquared('mcfadden', ll, ll0, N),
    coxSnell: pseudoRSquared('cox-snell', ll, ll0, N),
    nagelkerke: pseudoRSquared('nagelkerke', ll, ll0, N),
    estrella: pseudoRSquared('estrella', ll, ll0, N),
  };
}

/** The standardized design the cumulative fits use, and how to undo the scaling. */
export interface ScaledDesign {
  readonly design: CumulativeDesign;
  readonly means: readonly number[];
  readonly sds: readonly number[];
  /** Cases before compression (the design's rows may be fewer, weighted by their counts). */
  readonly cases: number;
}

/**
 * Centres and scales the design columns (weighted) into columns, and codes the outcome. Cases
 * equal in every design column and the outcome become one row weighted by their count (summed
 * weights) when that removes a fifth of the rows ({@link ENGINE_COMPRESSION}); `compress: false`
 * keeps every case (the tests compare the two).
 */
export function scaledDesign(data: PlayerData, rows?: Int32Array, compress = true): ScaledDesign {
  const m = data.columns.length;
  const pick = rows ?? null;
  let n = pick ? pick.length : data.y.length;
  const gather = (col: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n);
    if (pick) for (let i = 0; i < n; i++) out[i] = col[pick[i]!]!;
    else for (let i = 0; i < n; i++) out[i] = col[i]!;
    return out;
  };
  let raw: Float64Array[] = data.columns.map(gather);
  const levelOf = new Map<number, number>(data.levels.map((v, k) => [v, k]));
  let yc: Float64Array = gather(data.y);
  for (let i = 0; i < n; i++) yc[i] = levelOf.get(yc[i]!)!;
  let w: Float64Array | undefined = data.weights ? gather(data.weights) : undefined;
  // Cases with the same design values and outcome are one row weighted by their count (or their
  // summed weights): the log-likelihood is a weighted sum over cases, so every subset fit is the
  // same, and N (the weight sum) too.
  const groups = compress && data.family !== 'gaussian' ? compressRows([...raw, yc], ENGINE_COMPRESSION) : null;
  if (groups) {
    raw = raw.map((c) => pickFirst(c, groups));
    yc = pickFirst(yc, groups);
    w = w ? sumByGroup(w, groups) : groups.counts;
    n = groups.groups;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[i]! : 1;
  const means: number[] = [];
  const sds: number[] = [];
  const x: Float64Array[] = [];
  for (let j = 0; j < m; j++) {
    const col = raw[j]!;
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i]! : 1) * col[i]!;
    const mean = s / total;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (w ? w[i]! : 1) * (col[i]! - mean) ** 2;
    const sd = Math.sqrt(ss / total) || 1;
    means.push(mean);
    sds.push(sd);
    for (let i = 0; i < n; i++) col[i] = (col[i]! - mean) / sd;
    x.push(col);
  }
  const y = Int32Array.from(yc);
  return { design: { n, m, x, y, categories: data.levels.length, w }, means, sds, cases: pick ? pick.length : data.y.length };
}

/** The fit table and what the results report beside it. */
export interface PlayerFitTable {
  readonly fitIndex: FitIndex;
  /** `table[mask]`: the fit index with the players whose bit `P - 1 - j` is set, plus the always-in covariates. */
  readonly table: Float64Array;
  /** Full-model slopes per design column (original units; binomial and ordinal: log-odds, P(higher category) rising with it). */
  readonly coefficients: readonly number[];
  /** Binomial and ordinal: full-model thresholds in original units (P(Y <= j) = F(theta_j - x'b)); gaussian: empty. */
  readonly thresholds: readonly number[];
  /** Binomial and ordinal: log-likelihoods of the intercept-only, always-only and full models. */
  readonly logLikelihood: { readonly null: number; readonly always: number; readonly full: number } | null;
  readonly counters: FitCounters | null;
}

/** Fit table over every subset of players. */
export function playerFitTable(data: PlayerData, kind: PseudoRSquared, rows?: Int32Array, compress = true): PlayerFitTable {
  if (data.family === 'gaussian') return gaussianTable(data, rows);
  const { design, sds, means } = scaledDesign(data, rows, compress);
  const fits = subsetLikelihoods(design, data.playerDesign, data.alwaysDesign);
  const N = design.w ? design.w.reduce((a, b) => a + b, 0) : design.n;
  const table = new Float64Array(fits.table.length);
  for (let mask = 0; mask < table.length; mask++) table[mask] = pseudoRSquared(kind, fits.table[mask]!, fits.nullLogLikelihood, N);
  // Slopes of the full model in design-column order (the fit lists always columns first, then players).
  const order = [...data.alwaysDesign, ...data.playerDesign.flat()];
  const coefficients = new Array<number>(data.columns.length).fill(0);
  order.forEach((col, l) => {
    coefficients[col] = fits.full.slopes[l]! / sds[col]!;
  });
  let shift = 0;
  order.forEach((col, l) => {
    shift += (fits.full.slopes[l]! / sds[col]!) * means[col]!;
  });
  return {
    fitIndex: kind,
    table,
    coefficients,
    thresholds: fits.full.thresholds.map((t) => t + shift),
    logLikelihood: { null: fits.nullLogLikelihood, always: fits.table[0]!, full: fits.full.logLikelihood },
    counters: fits.counters,
  };
}

/**
 * Permutation-sampled increments of the fit index: `gains[j]` summed over orderings (each ordering
 * and its reverse), fitting the nested models of each ordering by warm starts.
 */
export function sampledPlayerGains(
  data: PlayerData,
  kind: PseudoRSquared,
  orders: readonly Int32Array[],
): { gains: Float64Array[]; full: number } {
  const P = data.players.length;
  const { design } = scaledDesign(data);
  const N = design.w ? design.w.reduce((a, b) => a + b, 0) : design.n;
  const counters: FitCounters = { fits: 0, passes: 0, borders: 0, ratio: initialRatio(design), cubic: 0 };
  const tolerance = fitTolerance(design);
  const nullLL = coldFit(design, []).logLikelihood;
  const gains: Float64Array[] = [];
  let full = 0;
  for (const order of orders) {
    const root = { value: 0 };
    const lls = orderedLikelihoods(design, data.playerDesign, data.alwaysDesign, order, root, counters, tolerance);
    const g = new Float64Array(P);
    let prev = pseudoRSquared(kind, root.value, nullLL, N);
    const base = prev;
    for (let s = 0; s < P; s++) {
      const v = pseudoRSquared(kind, lls[s]!, nullLL, N);
      g[order[s]!] = v - prev;
      prev = v;
    }
    full = prev - base;
    gains.push(g);
  }
  return { gains, full };
}

/**
 * Gaussian: R2 of every subset of players from the weighted covariance matrix of the design
 * columns and the outcome. A depth-first walk sweeps a player's columns into its parent's Schur
 * complement; R2 = 1 - (residual outcome variance) / (outcome variance).
 */
function gaussianTable(data: PlayerData, rows?: Int32Array): PlayerFitTable {
  const m = data.columns.length;
  const M = m + 1;
  const n = rows ? rows.length : data.y.length;
  const at = (i: number): number => (rows ? rows[i]! : i);
  const cols = [...data.columns, data.y];
  const w = data.weights;
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[at(i)]! : 1;
  const means = cols.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[at(i)]! : 1) * c[at(i)]!;
    return s / total;
  });
  const cov = new Float64Array(M * M);
  for (let a = 0; a < M; a++) {
    for (let b = a; b < M; b++) {
      let s = 0;
      const ca = cols[a]!;
      const cb = cols[b]!;
      for (let i = 0; i < n; i++) s += (w ? w[at(i)]! : 1) * (ca[at(i)]! - means[a]!) * (cb[at(i)]! - means[b]!);
      cov[a * M + b] = s;
      cov[b * M + a] = s;
    }
  }
  const syy = cov[m * M + m]!;
  if (!(syy > 0)) {
    throw new NumericalError('NOT_POSITIVE_DEFINITE', `column "${data.outcome}" is constant in the cases used`, {
      argument: 'options.outcome',
      column: data.outcome,
      expected: 'an outcome that varies',
    });
  }
  const diag = Array.from({ length: m }, (_, j) => cov[j * M + j]!);
  const sweep = (mat: Float64Array, k: number): void => {
    const pivot = mat[k * M + k]!;
    if (!(pivot > 1e-10 * diag[k]!)) {
      throw new NumericalError(
        'NOT_POSITIVE_DEFINITE',
        `column "${data.designNames[k]}" is (nearly) a linear combination of other drivers in a submodel; drop it or merge it into a set`,
        { argument: 'options.predictors', column: data.designNames[k], expected: 'drivers that are not collinear' },
      );
    }
    for (let i = 0; i < M; i++) {
      if (i === k) continue;
      const f = mat[i * M + k]! / pivot;
      if (f === 0) continue;
      for (let j = 0; j < M; j++) if (j !== k) mat[i * M + j] = mat[i * M + j]! - f * mat[k * M + j]!;
    }
    for (let j = 0; j < M; j++) {
      mat[k * M + j] = 0;
      mat[j * M + k] = 0;
    }
  };
  const P = data.players.length;
  const table = new Float64Array(2 ** P);
  const root = Float64Array.from(cov);
  for (const c of data.alwaysDesign) sweep(root, c);
  table[0] = 1 - root[m * M + m]! / syy;
  const work: Float64Array[] = Array.from({ length: P + 1 }, () => new Float64Array(M * M));
  const visit = (parent: Float64Array, mask: number, last: number, depth: number): void => {
    for (let j = last + 1; j < P; j++) {
      const mat = work[depth]!;
      mat.set(parent);
      for (const c of data.playerDesign[j]!) sweep(mat, c);
      const childMask = mask | (1 << (P - 1 - j));
      table[childMask] = 1 - mat[m * M + m]! / syy;
      if (j < P - 1) visit(mat, childMask, j, depth + 1);
    }
  };
  visit(root, 0, -1, 0);
  // Full-model slopes from the normal equations of every design column.
  const coefficients = solveNormal(cov, m, M);
  return { fitIndex: 'r-squared', table, coefficients, thresholds: [], logLikelihood: null, counters: null };
}

/** Slopes of the outcome on every design column (Gaussian elimination on the covariance). */
function solveNormal(cov: Float64Array, m: number, M: number): number[] {
  const a = Array.from({ length: m }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (j < m ? cov[i * M + j]! : cov[i * M + m]!)));
  for (let k = 0; k < m; k++) {
    const pivot = a[k]![k]!;
    for (let i = k + 1; i < m; i++) {
      const f = a[i]![k]! / pivot;
      for (let j = k; j <= m; j++) a[i]![j] = a[i]![j]! - f * a[k]![j]!;
    }
  }
  const b = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = a[i]![m]!;
    for (let j = i + 1; j < m; j++) s -= a[i]![j]! * b[j]!;
    b[i] = s / a[i]![i]!;
  }
  return b;
}
