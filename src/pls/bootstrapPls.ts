import { InsufficientDataError, LoyaltyError } from '../errors.js';
import type { BootstrapPlan } from '../internal/options.js';
import { createRandom } from '../internal/random.js';
import { estimatePls, type PlsEstimates } from './estimatePls.js';
import { htmtValues } from './htmtValues.js';
import type { PathModelSpec } from './specifyPathModel.js';
import type { PlsBootstrap, PlsBootstrapEstimate, PlsMediation, PlsMediationType, PlsScheme } from './types.js';

/** Sample quantile, R type 7, of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function summarise(values: Float64Array, estimate: number, confidenceLevel: number): PlsBootstrapEstimate {
  const alpha = 1 - confidenceLevel;
  const sorted = Float64Array.from(values).sort();
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return {
    estimate,
    standardError: Math.sqrt(ss / (values.length - 1)),
    confidenceInterval: [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)],
    confidenceLevel,
    intervalMethod: 'percentile',
  };
}

/** Total effects `B + B^2 + ...` of a recursive model (B nilpotent). */
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
 * Row-resampling bootstrap of a PLS path model: each replicate draws n complete cases with
 * replacement (seeded xoshiro128**), forms the item correlations of the draw (the cases weighted
 * by how often they were drawn, equal to the correlations of the resampled rows) and re-runs the whole estimation from unit weights, as seminr's
 * `bootstrap_model`. A draw with a constant item or collinear predecessors is redrawn and counted.
 * Percentile intervals with R's type-7 quantile; the SE is the SD of the replicates.
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
): PlsBootstrap {
  const n = columns[0]!.length;
  const p = columns.length;
  const B = plan.replicates;
  const random = createRandom(plan.seed);
  const counts = new Float64Array(n);
  const m = spec.names.length;
  const itemCount = spec.items.reduce((a, it) => a + it.length, 0);
  const paths = spec.paths.map(() => new Float64Array(B));
  const loadings = Array.from({ length: itemCount }, () => new Float64Array(B));
  const weights = Array.from({ length: itemCount }, () => new Float64Array(B));
  const totals = reached.map(() => new Float64Array(B));
  const specific = chains.map(() => new Float64Array(B));
  const indirect = reached.map(() => new Float64Array(B));
  const sizes = spec.items.map((it) => it.length);
  const pointHtmt = htmtValues(itemCorrelation, offsets, sizes);
  const htmt = pointHtmt.map(() => new Float64Array(B));
  let htmtUndefined = false;
  const chainProduct = (coefficients: readonly (readonly number[])[], chain: readonly number[]): number => {
    let v = 1;
    for (let k = 1; k < chain.length; k++) v *= coefficients[chain[k - 1]!]![chain[k]!]!;
    return v;
  };
  // Row-major data centred at the sample means: a replicate's cross-products are then sums of
  // count-weighted products with little cancellation (n p^2 / 2 multiply-adds per replicate).
  const x = new Float64Array(n * p);
  for (let i = 0; i < p; i++) {
    const col = columns[i]!;
    let mean = 0;
    for (let c = 0; c < n; c++) mean += col[c]!;
    mean /= n;
    for (let c = 0; c < n; c++) x[c * p + i] = col[c]! - mean;
  }
  const cross = new Float64Array(p * p);
  const sums = new Float64Array(p);
  const maxRedraws = Math.max(10, Math.ceil(B / 10));
  const step = Math.max(1, Math.floor(B / 100));
  let redrawn = 0;
  let unconverged = 0;
  for (let b = 0; b < B; ) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[random.integer(n)]!++;
    let est: PlsEstimates;
    let r: number[][];
    try {
      cross.fill(0);
      sums.fill(0);
      for (let c = 0; c < n; c++) {
        const w = counts[c]!;
        if (w === 0) continue;
        const o = c * p;
        for (let i = 0; i < p; i++) {
          const wi = w * x[o + i]!;
          sums[i]! += wi;
          for (let j = i; j < p; j++) cross[i * p + j]! += wi * x[o + j]!;
        }
      }
      const variance = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        variance[i] = cross[i * p + i]! - (sums[i]! * sums[i]!) / n;
        if (!(variance[i]! > 1e-12 * cross[i * p + i]!)) throw new InsufficientDataError('ZERO_VARIANCE', 'a resampled item is constant');
      }
      r = [];
      for (let i = 0; i < p; i++) {
        const row = new Array<number>(p);
        for (let j = 0; j < p; j++) {
          if (i === j) row[j] = 1;
          else {
            const a = Math.min(i, j);
            const b2 = Math.max(i, j);
            row[j] = (cross[a * p + b2]! - (sums[i]! * sums[j]!) / n) / Math.sqrt(variance[i]! * variance[j]!);
          }
        }
        r.push(row);
      }
      est = estimatePls(r, offsets, spec, scheme, maxIterations, tolerance);
    } catch (e) {
      if (!(e instanceof LoyaltyError)) throw e;
      redrawn++;
      if (redrawn > maxRedraws) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `bootstrap: ${redrawn} resamples of the ${n} complete cases could not be estimated (${e.message}); the data are too few or too discrete for a bootstrap`,
          { argument: 'options.bootstrap', value: n, expected: 'more complete cases' },
        );
      }
      continue;
    }
    if (!est.converged) unconverged++;
    spec.paths.forEach(([f, t], k) => {
      paths[k]![b] = est.coefficients[f]![t]!;
    });
    let v = 0;
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < spec.items[j]!.length; i++, v++) {
        loadings[v]![b] = est.loadings[j]![i]!;
        weights[v]![b] = est.weights[j]![i]!;
      }
    }
    const total = totalEffects(est.coefficients);
    reached.forEach(([f, t], k) => {
      totals[k]![b] = total[f]![t]!;
      indirect[k]![b] = total[f]![t]! - est.coefficients[f]![t]!;
    });
    htmtValues(r, offsets, sizes).forEach((v, k) => {
      if (v === null) htmtUndefined = true;
      htmt[k]![b] = v ?? Number.NaN;
    });
    chains.forEach((chain, k) => {
      specific[k]![b] = chainProduct(est.coefficients, chain);
    });
    b++;
    if (plan.onProgress !== undefined && (b % step === 0 || b === B)) plan.onProgress(b, B);
  }
  const level = plan.confidenceLevel;
  const pointTotal = totalEffects(point.coefficients);
  const byItem = (arr: Float64Array[], values: readonly (readonly number[])[]): Record<string, Record<string, PlsBootstrapEstimate>> => {
    const out: Record<string, Record<string, PlsBootstrapEstimate>> = {};
    let v = 0;
    spec.names.forEach((name, j) => {
      const rec: Record<string, PlsBootstrapEstimate> = {};
      spec.items[j]!.forEach((item, i) => {
        rec[item] = summarise(arr[v++]!, values[j]![i]!, level);
      });
      out[name] = rec;
    });
    return out;
  };
  const indirectEffects = reached.map(([f, t], k) => ({
    from: spec.names[f]!,
    to: spec.names[t]!,
    ...summarise(indirect[k]!, pointTotal[f]![t]! - point.coefficients[f]![t]!, level),
  }));
  const pathEstimates = spec.paths.map(([f, t], k) => ({
    from: spec.names[f]!,
    to: spec.names[t]!,
    ...summarise(paths[k]!, point.coefficients[f]![t]!, level),
  }));
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
    intervalMethod: 'percentile',
    redrawn,
    notConverged: unconverged,
    paths: pathEstimates,
    loadings: byItem(loadings, point.loadings),
    weights: byItem(weights, point.weights),
    specificIndirect: chains.map((chain, k) => ({
      path: chain.map((j) => spec.names[j]!),
      ...summarise(specific[k]!, chainProduct(point.coefficients, chain), level),
    })),
    indirectEffects,
    mediation,
    htmt: htmtUndefined
      ? null
      : (() => {
          const out: (PlsBootstrapEstimate & { first: string; second: string })[] = [];
          for (let a = 0, k = 0; a < m; a++) {
            for (let c = a + 1; c < m; c++, k++) {
              if (pointHtmt[k] === null) continue;
              out.push({ first: spec.names[a]!, second: spec.names[c]!, ...summarise(htmt[k]!, pointHtmt[k]!, level) });
            }
          }
          return out;
        })(),
    totalEffects: reached.map(([f, t], k) => ({
      from: spec.names[f]!,
      to: spec.names[t]!,
      ...summarise(totals[k]!, pointTotal[f]![t]!, level),
    })),
  };
}
