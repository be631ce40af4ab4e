import { InsufficientDataError } from '../errors.js';
import type { BootstrapPlan } from '../internal/options.js';
import { createRandom } from '../internal/random.js';
import { KERNEL_NOT_CONVERGED, KERNEL_SINGULAR, plsKernel, type PlsKernel } from './plsKernel.js';
import type { PathModelSpec } from './specifyPathModel.js';
import type { PlsScheme } from './types.js';

/** The raw bootstrap (and jackknife) of a path model. @internal */
export interface PlsReplicateSet {
  readonly kernel: PlsKernel;
  /** Statistic-major: statistic k of replicate b at `k * replicates + b`. */
  readonly values: Float64Array;
  readonly replicates: number;
  /**
   * Per statistic, the mean of the n leave-one-out estimates and the sums of their centred
   * squares and cubes (accumulated as they come, so memory stays O(statistics)); null when not
   * asked for.
   */
  readonly jackknife: { readonly mean: Float64Array; readonly m2: Float64Array; readonly m3: Float64Array } | null;
  readonly redrawn: number;
  readonly notConverged: number;
}

/** Correlations of a p x p matrix of centred cross-products (upper triangle filled) into r; false for a constant item. */
function toCorrelation(cross: Float64Array, p: number, r: Float64Array, sd: Float64Array): boolean {
  for (let i = 0; i < p; i++) {
    const v = cross[i * p + i]!;
    if (!(v > 0)) return false;
    sd[i] = Math.sqrt(v);
  }
  for (let i = 0; i < p; i++) {
    r[i * p + i] = 1;
    for (let j = i + 1; j < p; j++) {
      const v = cross[i * p + j]! / (sd[i]! * sd[j]!);
      r[i * p + j] = v;
      r[j * p + i] = v;
    }
  }
  return true;
}

/**
 * The row-resampling bootstrap of a path model (seeded xoshiro128**, as before): each replicate
 * draws n complete cases with replacement and needs from them only their item covariance: the
 * count-weighted cross-products of the drawn rows (centred once at the sample means, so little
 * cancels; four rows per pass over the accumulators), equal to the covariance of the resampled
 * rows, in O(p^2) memory. The model is re-fitted from that
 * matrix by the flat {@link plsKernel}, from unit weights (as seminr `bootstrap_model`) or, with
 * `warmStart`, from the full-sample weights (the same fixed point, reached in fewer updates).
 * A draw with a constant item or a singular system is redrawn and counted. With `jackknife`, the
 * n leave-one-out fits too (each a rank-one downdate of the full cross-products), for the BCa
 * acceleration.
 * @internal
 */
export function plsReplicates(
  columns: readonly Float64Array[],
  itemOffsets: readonly number[],
  spec: PathModelSpec,
  reached: readonly (readonly [number, number])[],
  chains: readonly (readonly number[])[],
  scheme: PlsScheme,
  maxIterations: number,
  tolerance: number,
  plan: BootstrapPlan,
  options: { readonly jackknife: boolean; readonly start: Float64Array | null },
): PlsReplicateSet {
  const n = columns[0]!.length;
  const p = columns.length;
  const B = plan.replicates;
  const kernel = plsKernel(spec, itemOffsets, scheme, maxIterations, tolerance, reached, chains);
  const K = kernel.size;
  const values = new Float64Array(K * B);
  const out = new Float64Array(K);
  const random = createRandom(plan.seed);
  // Row-major data centred at the sample means.
  const x = new Float64Array(n * p);
  for (let i = 0; i < p; i++) {
    const col = columns[i]!;
    let mean = 0;
    for (let c = 0; c < n; c++) mean += col[c]!;
    mean /= n;
    for (let c = 0; c < n; c++) x[c * p + i] = col[c]! - mean;
  }
  const q = p + (p * (p + 1)) / 2; // sums, then the upper triangle of cross-products
  const counts = new Int32Array(n);
  const drawnAt = new Int32Array(n);
  const drawnCount = new Float64Array(n);
  const acc = new Float64Array(q);
  const cross = new Float64Array(p * p);
  const sums = new Float64Array(p);
  const r = new Float64Array(p * p);
  const sd = new Float64Array(p);
  const maxRedraws = Math.max(10, Math.ceil(B / 10));
  const step = Math.max(1, Math.floor(B / 100));
  let redrawn = 0;
  let notConverged = 0;
  const refuse = (why: string): never => {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `bootstrap: ${redrawn} resamples of the ${n} complete cases could not be estimated (${why}); the data are too few or too discrete for a bootstrap`,
      { argument: 'options.bootstrap', value: n, expected: 'more complete cases' },
    );
  };
  for (let b = 0; b < B; ) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[random.integer(n)]!++;
    acc.fill(0);
    // The drawn rows, four at a time: each accumulator is loaded and stored once per four rows.
    let u = 0;
    for (let c = 0; c < n; c++) {
      if (counts[c] === 0) continue;
      drawnAt[u] = c * p;
      drawnCount[u++] = counts[c]!;
    }
    let s = 0;
    for (; s + 3 < u; s += 4) {
      const o1 = drawnAt[s]!;
      const o2 = drawnAt[s + 1]!;
      const o3 = drawnAt[s + 2]!;
      const o4 = drawnAt[s + 3]!;
      const w1 = drawnCount[s]!;
      const w2 = drawnCount[s + 1]!;
      const w3 = drawnCount[s + 2]!;
      const w4 = drawnCount[s + 3]!;
      for (let i = 0, t = p; i < p; i++) {
        const a1 = w1 * x[o1 + i]!;
        const a2 = w2 * x[o2 + i]!;
        const a3 = w3 * x[o3 + i]!;
        const a4 = w4 * x[o4 + i]!;
        acc[i]! += a1 + a2 + a3 + a4;
        for (let j = i; j < p; j++, t++) acc[t]! += a1 * x[o1 + j]! + a2 * x[o2 + j]! + a3 * x[o3 + j]! + a4 * x[o4 + j]!;
      }
    }
    for (; s < u; s++) {
      const o = drawnAt[s]!;
      const w = drawnCount[s]!;
      for (let i = 0, t = p; i < p; i++) {
        const wi = w * x[o + i]!;
        acc[i]! += wi;
        for (let j = i; j < p; j++, t++) acc[t]! += wi * x[o + j]!;
      }
    }
    for (let i = 0; i < p; i++) sums[i] = acc[i]!;
    for (let i = 0, t = p; i < p; i++) for (let j = i; j < p; j++) cross[i * p + j] = acc[t++]!;
    let constant = false;
    for (let i = 0; i < p; i++) {
      const raw = cross[i * p + i]!;
      for (let j = i; j < p; j++) cross[i * p + j]! -= (sums[i]! * sums[j]!) / n;
      if (!(cross[i * p + i]! > 1e-12 * raw)) constant = true;
    }
    const status = constant || !toCorrelation(cross, p, r, sd) ? KERNEL_SINGULAR : kernel.fit(r, options.start, out, 0);
    if (status === KERNEL_SINGULAR) {
      redrawn++;
      if (redrawn > maxRedraws) refuse(constant ? 'a resampled item is constant' : 'collinear constructs or items');
      continue;
    }
    if (status === KERNEL_NOT_CONVERGED) notConverged++;
    for (let k = 0; k < K; k++) values[k * B + b] = out[k]!;
    b++;
    if (plan.onProgress !== undefined && (b % step === 0 || b === B)) plan.onProgress(b, B);
  }
  let jackknife: PlsReplicateSet['jackknife'] = null;
  if (options.jackknife) {
    const mean = new Float64Array(K);
    const m2 = new Float64Array(K);
    const m3 = new Float64Array(K);
    const full = new Float64Array(p * p);
    for (let c = 0; c < n; c++) {
      const o = c * p;
      for (let i = 0; i < p; i++) for (let j = i; j < p; j++) full[i * p + j]! += x[o + i]! * x[o + j]!;
    }
    // Without case c (the data centred at the full means): S - x x' n / (n - 1).
    const f = n / (n - 1);
    for (let c = 0; c < n; c++) {
      const o = c * p;
      for (let i = 0; i < p; i++) for (let j = i; j < p; j++) cross[i * p + j] = full[i * p + j]! - f * x[o + i]! * x[o + j]!;
      const status = toCorrelation(cross, p, r, sd) ? kernel.fit(r, options.start, out, 0) : KERNEL_SINGULAR;
      if (status === KERNEL_SINGULAR) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `bootstrap: the model cannot be estimated without case ${c + 1} of the complete cases, so the BCa acceleration (a jackknife) is not defined; use intervalMethod "percentile"`,
          { argument: 'options.intervalMethod', value: 'bca', expected: "'percentile'" },
        );
      }
      // Running central moments (Terriberry's update of Welford's): mean, sum of squares, of cubes.
      const seen = c + 1;
      for (let k = 0; k < K; k++) {
        const delta = out[k]! - mean[k]!;
        const step = delta / seen;
        const term = delta * step * c;
        mean[k]! += step;
        m3[k]! += term * step * (seen - 2) - 3 * step * m2[k]!;
        m2[k]! += term;
      }
    }
    jackknife = { mean, m2, m3 };
  }
  return { kernel, values, replicates: B, jackknife, redrawn, notConverged };
}
