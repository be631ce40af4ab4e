/**
 * The Poisson bootstrap of the importance metrics in one pass (Hanley & MacGibbon 2006,
 * "Creating non-parametric bootstrap samples using Poisson frequencies", Comput. Methods
 * Programs Biomed. 83:57-62; Chamandy, Muralidharan, Najmi & Naidu 2012, "Estimating
 * uncertainty for massive data streams", Google). Replicate b gives case i the weight
 * `c_ib * w_i`, with `c_ib ~ Poisson(1)` drawn from a counter-based generator: a hash of
 * (seed, row index, b), so the count of a case does not depend on how the data were chunked or
 * in which pass it is seen. Each replicate keeps (weighted) sums about a fixed shift (the first
 * complete case), from which its centred cross-products, correlation matrix and metrics follow.
 * Memory is B x (k + 1)(k + 2) / 2 numbers for k variables, nothing per row.
 *
 * Survey data repeat: cases with the same values and weight enter a replicate only through the
 * sum of their counts, and the sum of m independent Poisson(1) counts is Poisson(m). So for up
 * to {@link PATTERN_CAP} distinct (values, weight) patterns a case only adds 1 to its pattern's
 * m, and each pattern's replicate count is drawn once, as Poisson(m), from a hash of (seed, the
 * pattern's values, b): the same bootstrap distribution, at a cost per pattern instead of per
 * case (B draws per case before). The draw depends on the pattern and m only, not on the order,
 * chunking or pass of the cases. Cases past the cap are counted one by one as above.
 *
 * Unlike row resampling, a replicate's total weight is random (mean n); the metrics are ratios
 * of weighted moments, so this does not bias them (Chamandy et al., section 3).
 * @internal
 */
import { InsufficientDataError, LoyaltyError } from '../errors.js';
import type { BootstrapPlan } from '../internal/options.js';
import { TupleTable } from '../internal/tupleTable.js';
import { type ImportanceBootstrap, importanceIntervals } from './bootstrapImportance.js';
import { checkedCorrelation } from './checkedCorrelation.js';
import { importanceMetrics, type ImportanceMetric, type MetricValues, type ShapleyPlan } from './importanceMetrics.js';
import { normalizedShares } from './normalizedShares.js';

/** murmur3's 32-bit finalizer: a bijection of uint32 with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `P(X <= k) * 2^32` for X ~ Poisson(1), k = 0..15 (beyond: probability below 2^-32 * 10^-3). */
const THRESHOLDS: Float64Array = (() => {
  const out = new Float64Array(16);
  let term = Math.exp(-1);
  let cumulative = 0;
  for (let k = 0; k < 16; k++) {
    cumulative += term;
    term /= k + 1;
    out[k] = Math.min(cumulative, 1) * 4294967296;
  }
  out[15] = 4294967296;
  return out;
})();

/** The row's key: the seed and the row index hashed (the replicate is mixed in by {@link poissonCount}). */
export function poissonRowKey(seed: number, row: number): number {
  return fmix32(fmix32(seed >>> 0) ^ Math.imul(row, 0x9e3779b1) ^ Math.floor(row / 4294967296));
}

/** Case `row`'s Poisson(1) count in replicate `b` (inverse CDF of one 32-bit hash). */
export function poissonCount(rowKey: number, b: number): number {
  const u = fmix32((rowKey ^ Math.imul(b + 1, 0x27d4eb2f)) >>> 0);
  let k = 0;
  while (u >= THRESHOLDS[k]!) k++;
  return k;
}

/** Distinct (values, weight) patterns counted as patterns (see the file's comment). */
const PATTERN_CAP = 4096;

/** log(k!) for k >= 0: a table below 256, Stirling's series above (error below 1e-16 relative). */
const LOG_FACTORIAL: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();
function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k]!;
  const k2 = k * k;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k * k2) + 1 / (1260 * k2 * k2 * k);
}

/**
 * The inverse CDF of Poisson(m) on the support that matters: from max(0, m - 12 sqrt(m) - 12)
 * to m + 12 sqrt(m) + 12 (the mass outside is below 1e-30), the probabilities by the pmf
 * recurrence from the mode, normalized by their own sum.
 */
function poissonTable(m: number): { first: number; cdf: Float64Array } {
  const spread = 12 * Math.sqrt(m) + 12;
  const first = Math.max(0, Math.floor(m - spread));
  const last = Math.ceil(m + spread);
  const mode = Math.floor(m);
  const pmf = new Float64Array(last - first + 1);
  const at = mode - first;
  pmf[at] = Math.exp(mode * Math.log(m) - m - logFactorial(mode));
  for (let j = at + 1; j < pmf.length; j++) pmf[j] = (pmf[j - 1]! * m) / (first + j);
  for (let j = at - 1; j >= 0; j--) pmf[j] = (pmf[j + 1]! * (first + j + 1)) / m;
  let total = 0;
  for (let j = 0; j < pmf.length; j++) total += pmf[j]!;
  const cdf = new Float64Array(pmf.length);
  let c = 0;
  for (let j = 0; j < pmf.length; j++) {
    c += pmf[j]! / total;
    cdf[j] = c;
  }
  cdf[cdf.length - 1] = 1;
  return { first, cdf };
}

/** The smallest k with `u < F(k)` (binary search of the table). */
function poissonInverse(table: { first: number; cdf: Float64Array }, u: number): number {
  const cdf = table.cdf;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cdf[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return table.first + lo;
}

/** A 32-bit hash of a pattern's key (FNV-1a, then the murmur3 finalizer). */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

/** A pattern's Poisson(m) count in replicate b: a 53-bit uniform from (seed, pattern, b), inverted. */
export function poissonPatternCount(seed: number, patternHash: number, m: number, b: number, table = poissonTable(m)): number {
  const h1 = fmix32((fmix32(seed >>> 0) ^ patternHash ^ Math.imul(b + 1, 0x27d4eb2f)) >>> 0);
  const h2 = fmix32((h1 ^ 0x9e3779b9) >>> 0);
  const u = ((h1 >>> 5) * 67108864 + (h2 >>> 6)) / 9007199254740992;
  return poissonInverse(table, u);
}

export class PoissonMoments {
  /** Per replicate: total weight, k sums, k(k+1)/2 products, about `shift`. */
  private readonly sums: Float64Array;
  private readonly stride: number;
  private readonly product: Float64Array;
  private shift: Float64Array | undefined;
  /** Each distinct (weight, values) tuple, numbered in order of first sight, and its cases. */
  private patterns: TupleTable;
  private readonly tuple: Float64Array;
  private patternCases: number[] = [];
  /** Set once the patterns were drawn: later cases are counted one by one (a pattern is drawn once). */
  private flushed = false;
  cases = 0;

  constructor(
    readonly k: number,
    readonly replicates: number,
    readonly seed: number,
  ) {
    this.stride = 1 + k + (k * (k + 1)) / 2;
    this.sums = new Float64Array(replicates * this.stride);
    this.product = new Float64Array(this.stride);
    this.patterns = new TupleTable(k + 1, PATTERN_CAP);
    this.tuple = new Float64Array(k + 1);
  }

  /** Adds complete case `row` (its data-row index) with values `x` and sampling weight `w`. */
  add(x: ArrayLike<number>, w: number, row: number): void {
    const k = this.k;
    if (this.shift === undefined) this.shift = Float64Array.from({ length: k }, (_, j) => x[j]!);
    this.cases++;
    if (w === 0) return;
    // The case's pattern (weight, then values), numbered on the numbers' bits: no string per case.
    if (!this.flushed) {
      const t = this.tuple;
      t[0] = w;
      for (let j = 0; j < k; j++) t[j + 1] = x[j]!;
      const p = this.patterns.slot(t);
      if (p >= 0) {
        if (p === this.patternCases.length) this.patternCases.push(0);
        this.patternCases[p]!++;
        return;
      }
    }
    const rowKey = poissonRowKey(this.seed, row);
    this.addProducts(x, w, (b) => poissonCount(rowKey, b));
  }

  /** Adds `count(b)` times the case's products to each replicate b. */
  private addProducts(x: ArrayLike<number>, w: number, count: (b: number) => number): void {
    const k = this.k;
    const P = this.product;
    const s = this.shift!;
    P[0] = w;
    let t = 1 + k;
    for (let j = 0; j < k; j++) {
      const dj = x[j]! - s[j]!;
      P[1 + j] = w * dj;
      for (let l = j; l < k; l++) P[t++] = w * dj * (x[l]! - s[l]!);
    }
    const stride = this.stride;
    const sums = this.sums;
    for (let b = 0; b < this.replicates; b++) {
      const c = count(b);
      if (c === 0) continue;
      const o = b * stride;
      for (let q = 0; q < stride; q++) sums[o + q] = sums[o + q]! + c * P[q]!;
    }
  }

  /** Draws the patterns' Poisson(m) counts into the sums (once: the patterns are then cleared). */
  private flush(): void {
    this.flushed = true;
    const table = this.patterns;
    const k = this.k;
    for (let p = 0; p < table.size; p++) {
      const m = this.patternCases[p]!;
      const counts = poissonTable(m);
      // The pattern's key as the draws have always hashed it: the weight, then each value.
      const at = p * (k + 1);
      const w = table.values[at]!;
      let key = String(w);
      for (let j = 0; j < k; j++) key += `,${table.values[at + 1 + j]}`;
      const hash = hashKey(key);
      this.addProducts(table.values.subarray(at + 1, at + 1 + k), w, (b) => poissonPatternCount(this.seed, hash, m, b, counts));
    }
    this.patterns = new TupleTable(k + 1, 0);
    this.patternCases = [];
  }

  /** Replicate b's total weight `sum c w`. */
  weightTotal(b: number): number {
    if (!this.flushed) this.flush();
    return this.sums[b * this.stride]!;
  }

  /** Replicate b's centred cross-products `sum c w (x_j - m_j)(x_l - m_l)` (k x k). */
  sscp(b: number): number[][] {
    if (!this.flushed) this.flush();
    const k = this.k;
    const o = b * this.stride;
    const W = this.sums[o]!;
    const S = (j: number) => this.sums[o + 1 + j]!;
    const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    let t = o + 1 + k;
    for (let j = 0; j < k; j++) {
      for (let l = j; l < k; l++) {
        const v = W > 0 ? this.sums[t]! - (S(j) * S(l)) / W : 0;
        out[j]![l] = v;
        out[l]![j] = v;
        t++;
      }
    }
    return out;
  }
}

/**
 * The importance intervals from the Poisson replicates: each replicate's correlation matrix
 * (predictors then outcome, as `moments` were added) and metrics, then the percentile summaries
 * of `bootstrapImportance`. A replicate whose matrix is singular is left out and counted in
 * `redrawn`; more than a tenth left out is an error.
 */
export function poissonImportance(
  moments: PoissonMoments,
  predictors: readonly string[],
  outcome: string,
  metrics: readonly ImportanceMetric[],
  point: MetricValues,
  shapley: ShapleyPlan,
  plan: BootstrapPlan,
): ImportanceBootstrap {
  const { values, shares, rSquared: r2, used, dropped } = poissonReplicates(moments, predictors, outcome, metrics, shapley, plan);
  return importanceIntervals(values, shares, r2, used, predictors, metrics, point, plan, 'poisson', dropped);
}

/**
 * The metrics of each Poisson replicate (`values[m][b * p + j]`, their shares, R2), the
 * replicates with a singular correlation matrix left out and counted (more than 10%:
 * `TOO_FEW_CASES`). Shared by {@link poissonImportance} and the streaming wave comparison.
 * @internal
 */
export function poissonReplicates(
  moments: PoissonMoments,
  predictors: readonly string[],
  outcome: string,
  metrics: readonly ImportanceMetric[],
  shapley: ShapleyPlan,
  plan: BootstrapPlan,
): { values: Float64Array[]; shares: Float64Array[]; rSquared: Float64Array; used: number; dropped: number } {
  const p = predictors.length;
  const B = plan.replicates;
  const variables = [...predictors, outcome];
  const values = metrics.map(() => new Float64Array(B * p));
  const shares = metrics.map(() => new Float64Array(B * p));
  const r2 = new Float64Array(B);
  let used = 0;
  let dropped = 0;
  const step = Math.max(1, Math.floor(B / 100));
  for (let b = 0; b < B; b++) {
    let result: MetricValues;
    try {
      result = importanceMetrics(checkedCorrelation(moments.sscp(b), variables, outcome), p, metrics, shapley);
    } catch (e) {
      if (!(e instanceof LoyaltyError)) throw e;
      dropped++;
      if (dropped > Math.max(10, Math.ceil(B / 10))) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `bootstrap: ${dropped} Poisson replicates of the ${moments.cases} complete cases gave a singular correlation matrix (${e.message}); the data are too few or too discrete for a bootstrap of ${p} predictors`,
          { argument: 'options.bootstrap', value: moments.cases, expected: 'more complete cases' },
        );
      }
      continue;
    }
    r2[used] = result.rSquared;
    metrics.forEach((m, mi) => {
      const v = result.values[m]!;
      values[mi]!.set(v, used * p);
      shares[mi]!.set(normalizedShares(v), used * p);
    });
    used++;
    if (plan.onProgress !== undefined && ((b + 1) % step === 0 || b + 1 === B)) plan.onProgress(b + 1, B);
  }
  return {
    values: values.map((v) => v.subarray(0, used * p)),
    shares: shares.map((v) => v.subarray(0, used * p)),
    rSquared: r2.subarray(0, used),
    used,
    dropped,
  };
}
