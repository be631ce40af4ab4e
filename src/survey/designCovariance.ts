/**
 * The design-based covariance matrix of the totals of several influence variables: the matrix
 * form of `designVariance` (same strata, PSUs, finite population corrections and lonely-PSU
 * rules), as R `survey::svyrecvar` computes it for a one-stage design. Used by the design-based
 * regressions, whose coefficient covariance is `A (this of the scores) A` (Binder 1983).
 * @module survey/designCovariance
 * @internal
 */
import type { DesignSummary } from './design.js';
import { checkLonely, lonelyStrata, type PreparedDesign } from './linearization.js';

/** Below this, `1 - f_h` counts as a census stratum (as R survey's 1e-7). */
const CENSUS = 1e-7;

/**
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

/**
 * The {@link DesignSummary} of the part of a design an estimate uses (rows with `inDomain(row)`
 * and a positive weight): its strata and PSUs, and `degreesOfFreedom` = PSUs - strata among them,
 * as R `degf` of the design subset to those rows.
 */
export function domainDesignSummary(d: PreparedDesign, inDomain: (row: number) => boolean, designEffect: number | null): DesignSummary {
  const psus = new Set<number>();
  const strata = new Set<number>();
  for (let i = 0; i < d.n; i++) {
    if (!(d.weights[i]! > 0) || !inDomain(i)) continue;
    psus.add(d.psu[i]!);
    strata.add(d.psuStratum[d.psu[i]!]!);
  }
  return {
    strata: strata.size,
    clusters: psus.size,
    degreesOfFreedom: psus.size - strata.size,
    finitePopulationCorrection: d.hasFpc,
    lonelyPsu: d.lonelyPsu,
    lonelyStrata: lonelyStrata(d),
    designEffect,
  };
}
