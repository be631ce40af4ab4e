import { tTwoSidedP } from '../internal/distributions.js';
import { bcaInterval } from './bcaInterval.js';
import type { BootstrapPlan } from '../internal/options.js';
import type { Warning } from '../types.js';
import type { PlsEstimates } from './estimatePls.js';
import { htmtValues } from './htmtValues.js';
import { plsReplicates } from './plsReplicates.js';
import type { PathModelSpec } from './specifyPathModel.js';
import type { PlsBootstrap, PlsBootstrapEstimate, PlsIntervalMethod, PlsMediation, PlsMediationType, PlsScheme } from './types.js';

/** Sample quantile, R type 7, of sorted values (seminr's percentile interval). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Total effects `B + B^2 + ...` of a recursive model (B nilpotent), as plsPathModel sums them. */
function totalEffects(b: readonly (readonly number[])[]): number[][] {
  const m = b.length;
  const total = b.map((row) => [...row]);
  let power = b.map((row) => [...row]);
  for (let step = 1; step < m; step++) {
    power = power.map((row) => b[0]!.map((_, j) => row.reduce((x, v, k) => x + v * b[k]![j]!, 0)));
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) total[i]![j]! += power[i]![j]!;
  }
  return total;
}

/**
 * Row-resampling bootstrap of a PLS path model ({@link plsReplicates}): per statistic the
 * sample estimate, the bootstrap mean, the SE (SD of the replicates), t = estimate / SE with a
 * two-sided p from Student's t on n - 1 degrees of freedom (as SmartPLS; seminr prints t only),
 * and the percentile interval (R type-7 quantiles, as seminr) or the BCa interval (Efron 1987;
 * jackknife acceleration over the n cases). Mediation is classified from the chosen intervals.
 * A statistic that does not vary (a single item's weight) has SE 0, no t or p, and the interval
 * [estimate, estimate]; one without a BCa interval falls back to the percentile interval (its
 * `intervalMethod` says so) with a `BCA_UNDEFINED` warning, pushed to `warnings`.
 * @internal
 */
export function bootstrapPls(
  columns: readonly Float64Array[],
  offsets: readonly number[],
  spec: PathModelSpec,
  point: PlsEstimates,
  itemCorrelation: readonly (readonly number[])[],
  reached: readonly (readonly [number, number])[],
  chains: readonly (readonly number[])[],
  scheme: PlsScheme,
  maxIterations: number,
  tolerance: number,
  plan: BootstrapPlan,
  intervalMethod: PlsIntervalMethod = 'percentile',
  warnings: Warning[] = [],
): PlsBootstrap {
  const n = columns[0]!.length;
  const m = spec.names.length;
  const sizes = spec.items.map((it) => it.length);
  const start = Float64Array.from(point.weights.flat());
  const set = plsReplicates(columns, offsets, spec, reached, chains, scheme, maxIterations, tolerance, plan, {
    jackknife: intervalMethod === 'bca',
    start,
  });
  const { kernel, values, jackknife } = set;
  const B = set.replicates;
  const at = kernel.offsets;
  const level = plan.confidenceLevel;
  const df = n - 1;

  const summarise = (k: number, estimate: number, label: string): PlsBootstrapEstimate => {
    const v = values.subarray(k * B, (k + 1) * B);
    let mean = 0;
    for (const x of v) mean += x;
    mean /= B;
    let ss = 0;
    let below = 0;
    for (const x of v) {
      ss += (x - mean) ** 2;
      if (x < estimate) below++;
    }
    const se = Math.sqrt(ss / (B - 1));
    const sorted = Float64Array.from(v).sort();
    const constant = sorted[0] === sorted[B - 1];
    const alpha = 1 - level;
    let interval: readonly [number, number] = [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
    let method: PlsIntervalMethod = 'percentile';
    if (intervalMethod === 'bca') {
      const bca = constant ? interval : bcaInterval(sorted, below, jackknife!.m2[k]!, jackknife!.m3[k]!, level);
      if (bca === null) {
        warnings.push({
          code: 'BCA_UNDEFINED',
          message: `No BCa interval for ${label}: ${below === 0 || below === B ? 'every replicate lies on one side of the estimate' : 'the jackknife does not vary'}; the percentile interval is reported.`,
        });
      } else {
        interval = bca;
        method = 'bca';
      }
    }
    const t = se > 0 ? estimate / se : null;
    return {
      estimate,
      bootstrapMean: mean,
      standardError: se,
      tStatistic: t,
      pValue: t === null ? null : tTwoSidedP(t, df),
      confidenceInterval: [interval[0], interval[1]],
      confidenceLevel: level,
      intervalMethod: method,
    };
  };

  const pointTotal = totalEffects(point.coefficients);
  const pathEstimates = spec.paths.map(([f, t], k) => ({
    from: spec.names[f]!,
    to: spec.names[t]!,
    ...summarise(at.paths + k, point.coefficients[f]![t]!, `the path ${spec.names[f]} -> ${spec.names[t]}`),
  }));
  const byItem = (base: number, source: readonly (readonly number[])[], what: string) => {
    const out: Record<string, Record<string, PlsBootstrapEstimate>> = {};
    let v = 0;
    spec.names.forEach((name, j) => {
      const rec: Record<string, PlsBootstrapEstimate> = {};
      spec.items[j]!.forEach((item, i) => {
        rec[item] = summarise(base + v++, source[j]![i]!, `the ${what} of ${item} on ${name}`);
      });
      out[name] = rec;
    });
    return out;
  };
  const loadings = byItem(at.loadings, point.loadings, 'loading');
  const weights = byItem(at.weights, point.weights, 'weight');
  const totals = reached.map(([f, t], k) => ({
    from: spec.names[f]!,
    to: spec.names[t]!,
    ...summarise(at.totals + k, pointTotal[f]![t]!, `the total effect ${spec.names[f]} -> ${spec.names[t]}`),
  }));
  const indirectEffects = reached.map(([f, t], k) => ({
    from: spec.names[f]!,
    to: spec.names[t]!,
    ...summarise(
      at.indirect + k,
      pointTotal[f]![t]! - point.coefficients[f]![t]!,
      `the indirect effect ${spec.names[f]} -> ${spec.names[t]}`,
    ),
  }));
  const specificIndirect = chains.map((chain, k) => {
    let estimate = 1;
    for (let s = 1; s < chain.length; s++) estimate *= point.coefficients[chain[s - 1]!]![chain[s]!]!;
    const path = chain.map((j) => spec.names[j]!);
    return { path, ...summarise(at.specific + k, estimate, `the specific indirect effect ${path.join(' -> ')}`) };
  });
  const pointHtmt = htmtValues(itemCorrelation, offsets, sizes);
  const htmtCount = pointHtmt.length;
  let htmtDefined = true;
  for (let k = 0; k < htmtCount * B; k++) if (Number.isNaN(values[at.htmt * B + k]!)) htmtDefined = false;
  let htmt: PlsBootstrap['htmt'] = null;
  if (htmtDefined) {
    const out: (PlsBootstrapEstimate & { first: string; second: string })[] = [];
    for (let a = 0, k = 0; a < m; a++) {
      for (let c = a + 1; c < m; c++, k++) {
        if (pointHtmt[k] === null) continue;
        const first = spec.names[a]!;
        const second = spec.names[c]!;
        out.push({ first, second, ...summarise(at.htmt + k, pointHtmt[k]!, `the HTMT of ${first} and ${second}`) });
      }
    }
    htmt = out;
  }

  const excludesZero = (e: PlsBootstrapEstimate): boolean => e.confidenceInterval[0] > 0 || e.confidenceInterval[1] < 0;
  const mediation: PlsMediation[] = [];
  reached.forEach(([f, t], k) => {
    if (!chains.some((c) => c[0] === f && c[c.length - 1] === t)) return;
    const { from, to, ...ind } = indirectEffects[k]!;
    const p = spec.paths.findIndex(([a, c]) => a === f && c === t);
    const direct = p < 0 ? null : (({ from: _f, to: _t, ...d }) => d)(pathEstimates[p]!);
    const indirectSignificant = excludesZero(ind);
    const directSignificant = direct !== null && excludesZero(direct);
    const type: PlsMediationType = indirectSignificant
      ? directSignificant
        ? ind.estimate * direct!.estimate > 0
          ? 'complementary'
          : 'competitive'
        : 'indirect-only'
      : directSignificant
        ? 'direct-only'
        : 'no-effect';
    mediation.push({ from, to, indirect: ind, direct, type });
  });
  return {
    method: 'row-resampling',
    replicates: B,
    seed: plan.seed,
    confidenceLevel: level,
    intervalMethod,
    redrawn: set.redrawn,
    notConverged: set.notConverged,
    degreesOfFreedom: df,
    paths: pathEstimates,
    loadings,
    weights,
    specificIndirect,
    indirectEffects,
    mediation,
    htmt,
    totalEffects: totals,
  };
}
