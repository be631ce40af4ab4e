/**
 * The design-based variance engine: Taylor linearization for a stratified, clustered sample with
 * finite population corrections, as R `survey::svydesign(ids = ~cluster, strata = ~stratum,
 * weights = ~w, fpc = ~N)` computes it by default (one stage: the with-replacement approximation
 * at the first stage, Wolter 2007 ch. 6; Lumley 2010 ch. 2-3).
 *
 * An estimator hands the engine one influence value `z_i` per row of the design (0 for rows
 * outside the estimate's domain, e.g. a missing answer). With `t_hi` the total of `z` over PSU i
 * of stratum h, `n_h` the PSUs sampled in stratum h and `f_h` its sampling fraction,
 *
 *   `Var = sum_h (1 - f_h) n_h / (n_h - 1) sum_i (t_hi - tbar_h)^2`.
 *
 * A stratum with one PSU (`n_h = 1`) follows the design's `lonelyPsu` rule (R
 * `options(survey.lonely.psu)`): `'fail'` throws, `'remove'` and `'certainty'` add nothing,
 * `'adjust'` adds `(1 - f_h) t_h1^2` (centred at 0, the population mean of a mean's influence),
 * `'average'` leaves the stratum out and scales the sum by `H / (H - lonely)`. A census stratum
 * (`f_h = 1`) adds nothing. Everything here is pure and works on typed arrays.
 * @internal
 */
import { InsufficientDataError } from '../errors.js';
import type { LonelyPsuPolicy } from './design.js';

/** A validated design, ready for {@link designVariance}: rows mapped to PSUs and strata. */
export interface PreparedDesign {
  /** Rows of the design. */
  readonly n: number;
  /** Sampling weights, one per row (>= 0). */
  readonly weights: Float64Array;
  /** Row -> PSU index (0 .. psuCount - 1). PSUs are nested in strata. */
  readonly psu: Int32Array;
  /** PSU -> stratum index. */
  readonly psuStratum: Int32Array;
  /** Stratum labels, in order of first appearance. */
  readonly strataLabels: readonly string[];
  /** PSUs sampled per stratum (`n_h`). */
  readonly strataPsus: Int32Array;
  /** Finite population factor `1 - f_h` per stratum (1 without an fpc). */
  readonly finiteFactor: Float64Array;
  readonly hasFpc: boolean;
  readonly lonelyPsu: LonelyPsuPolicy;
}

/** Below this, `1 - f_h` counts as a census stratum (as R survey's 1e-7). */
const CENSUS = 1e-7;

/** Labels of the strata with one PSU that are not census strata. */
export function lonelyStrata(d: PreparedDesign): string[] {
  const out: string[] = [];
  for (let h = 0; h < d.strataLabels.length; h++) {
    if (d.strataPsus[h] === 1 && d.finiteFactor[h]! >= CENSUS) out.push(d.strataLabels[h]!);
  }
  return out;
}

/**
 * Throws `TOO_FEW_CASES` naming the first single-PSU stratum when the rule is `'fail'` (R's
 * default), or when `'average'` has no stratum left to average over.
 */
export function checkLonely(d: PreparedDesign, argument: string): void {
  const lonely = lonelyStrata(d);
  if (lonely.length === 0) return;
  if (d.lonelyPsu === 'fail') {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: stratum "${lonely[0]}" has only one PSU, so its variance cannot be estimated; set lonelyPsu to "adjust", "average", "certainty" or "remove" (R options(survey.lonely.psu))`,
      {
        argument,
        value: lonely[0]!,
        expected: 'at least two PSUs per stratum, or a lonelyPsu rule',
      },
    );
  }
  if (d.lonelyPsu === 'average' && lonely.length === d.strataLabels.length) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: every stratum has only one PSU; lonelyPsu "average" has no stratum to average over`,
      {
        argument,
        expected: 'at least one stratum with two or more PSUs',
      },
    );
  }
}

/**
 * The design-based variance of the total of `z` (one influence value per design row), by the
 * formula of the module note: {@link designCovariance} of one vector.
 */
export function designVariance(z: ArrayLike<number>, d: PreparedDesign): number {
  return designCovariance([z], d)[0]![0]!;
}

/**
 * The design-based covariance matrix of the totals of several influence vectors (the matrix
 * form of the module note's formula, as R `survey::svyrecvar` for a one-stage design), for
 * vector estimates (a table's cell proportions; a regression's scores, Binder 1983):
 * `sum_h (1 - f_h) n_h / (n_h - 1) sum_i (t_hi - tbar_h)(t_hi - tbar_h)'` over the PSU totals
 * `t_hi` of the `k` columns in `z` (each of length `d.n`), with the lonely-PSU rules of
 * `designVariance`. Two passes (PSU totals, then centred cross-products).
 */
export function designCovariance(z: readonly ArrayLike<number>[], d: PreparedDesign): number[][] {
  const k = z.length;
  const psuCount = d.psuStratum.length;
  const H = d.strataLabels.length;
  const totals = new Float64Array(psuCount * k);
  for (let j = 0; j < k; j++) {
    const col = z[j]!;
    const off = j * psuCount;
    for (let i = 0; i < d.n; i++) totals[off + d.psu[i]!] = totals[off + d.psu[i]!]! + col[i]!;
  }
  const means = new Float64Array(H * k);
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < psuCount; p++) means[j * H + d.psuStratum[p]!] = means[j * H + d.psuStratum[p]!]! + totals[j * psuCount + p]!;
  }
  for (let h = 0; h < H; h++) {
    const nh = d.strataPsus[h]!;
    // Lonely 'adjust' centres at 0; every other stratum at its own PSU mean.
    for (let j = 0; j < k; j++) means[j * H + h] = nh === 1 && d.lonelyPsu === 'adjust' ? 0 : means[j * H + h]! / nh;
  }
  const scale = new Float64Array(H);
  let excluded = 0;
  for (let h = 0; h < H; h++) {
    const nh = d.strataPsus[h]!;
    const f = d.finiteFactor[h]!;
    if (f < CENSUS) continue;
    if (nh > 1) scale[h] = (f * nh) / (nh - 1);
    else if (d.lonelyPsu === 'adjust') scale[h] = f;
    else if (d.lonelyPsu === 'average') excluded++;
    else if (d.lonelyPsu === 'fail') checkLonely(d, 'options.design');
    // 'certainty' and 'remove': the stratum adds nothing.
  }
  const v: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const e = new Float64Array(k);
  for (let p = 0; p < psuCount; p++) {
    const h = d.psuStratum[p]!;
    const s = scale[h]!;
    if (s === 0) continue;
    for (let j = 0; j < k; j++) e[j] = totals[j * psuCount + p]! - means[j * H + h]!;
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) v[a]![b] = v[a]![b]! + s * e[a]! * e[b]!;
  }
  const factor = excluded > 0 ? H / (H - excluded) : 1;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      v[a]![b] = v[a]![b]! * factor;
      v[b]![a] = v[a]![b]!;
    }
  }
  return v;
}

/** A linearized estimate: the value, its design variance, and what went into it. */
export interface DesignEstimate {
  readonly estimate: number;
  readonly variance: number;
  /** Rows in the domain (used). */
  readonly n: number;
  /** Sum of the weights over the domain. */
  readonly weightSum: number;
  /**
   * Design variance over the variance of the same estimator under simple random sampling with
   * replacement of the same n (R `deff = "replace"`); `null` for totals and ratios, or when the
   * SRS variance is 0.
   */
  readonly designEffect: number | null;
}

function domainFlag(used: ArrayLike<number> | undefined, i: number): boolean {
  return used === undefined || used[i] !== 0;
}

/**
 * The weighted mean of `y` over the domain `used` (1 = in, 0 = out; all rows when omitted):
 * `ybar = sum w y / sum w`, influence `z_i = w_i (y_i - ybar) / sum w` (R `svymean`, which with
 * `na.rm = TRUE` is this domain estimate). Proportions are means of 0/1 values.
 */
export function designMean(y: ArrayLike<number>, d: PreparedDesign, used?: ArrayLike<number>): DesignEstimate {
  const w = d.weights;
  let sw = 0;
  let swy = 0;
  let n = 0;
  let nPositive = 0;
  for (let i = 0; i < d.n; i++) {
    if (!domainFlag(used, i)) continue;
    n++;
    if (w[i]! > 0) nPositive++;
    sw += w[i]!;
    swy += w[i]! * y[i]!;
  }
  let mean = swy / sw;
  // Second pass: correct the mean by the mean residual (two-pass accuracy).
  let r = 0;
  for (let i = 0; i < d.n; i++) if (domainFlag(used, i)) r += w[i]! * (y[i]! - mean);
  mean += r / sw;
  const z = new Float64Array(d.n);
  let sse = 0;
  for (let i = 0; i < d.n; i++) {
    if (!domainFlag(used, i)) continue;
    const e = y[i]! - mean;
    z[i] = (w[i]! * e) / sw;
    sse += w[i]! * e * e;
  }
  const variance = designVariance(z, d);
  // SRS-with-replacement variance of a mean: svyvar / n, svyvar = n / (n - 1) sum w e^2 / sum w.
  const srs = nPositive > 1 ? sse / sw / (nPositive - 1) : 0;
  return { estimate: mean, variance, n, weightSum: sw, designEffect: srs > 0 ? variance / srs : null };
}

/** The weighted total `sum w y` over the domain, influence `z_i = w_i y_i` (R `svytotal`). */
export function designTotal(y: ArrayLike<number>, d: PreparedDesign, used?: ArrayLike<number>): DesignEstimate {
  const z = new Float64Array(d.n);
  let total = 0;
  let sw = 0;
  let n = 0;
  for (let i = 0; i < d.n; i++) {
    if (!domainFlag(used, i)) continue;
    n++;
    sw += d.weights[i]!;
    z[i] = d.weights[i]! * y[i]!;
    total += z[i]!;
  }
  return { estimate: total, variance: designVariance(z, d), n, weightSum: sw, designEffect: null };
}

/**
 * The ratio of weighted totals `R = sum w y / sum w x` over the domain, influence
 * `z_i = w_i (y_i - R x_i) / sum w x` (R `svyratio`).
 */
export function designRatio(y: ArrayLike<number>, x: ArrayLike<number>, d: PreparedDesign, used?: ArrayLike<number>): DesignEstimate {
  const w = d.weights;
  let swy = 0;
  let swx = 0;
  let sw = 0;
  let n = 0;
  for (let i = 0; i < d.n; i++) {
    if (!domainFlag(used, i)) continue;
    n++;
    sw += w[i]!;
    swy += w[i]! * y[i]!;
    swx += w[i]! * x[i]!;
  }
  const ratio = swy / swx;
  const z = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) if (domainFlag(used, i)) z[i] = (w[i]! * (y[i]! - ratio * x[i]!)) / swx;
  return { estimate: ratio, variance: designVariance(z, d), n, weightSum: sw, designEffect: null };
}
