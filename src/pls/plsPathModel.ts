import { solve } from '../internal/matrix.js';
import { checkBootstrap, checkOptions, optionKeys } from '../internal/options.js';
import { missingCovariance } from '../missing/missingCovariance.js';
import { InputError } from '../errors.js';
import { isMatrixInput } from '../summary/matrixInput.js';
import { bootstrapPls } from './bootstrapPls.js';
import { htmtValues } from './htmtValues.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import { readItems } from '../measurement/readItems.js';
import type { NormalizedScale } from '../measurement/types.js';
import type { MatrixInput } from '../summary/matrixInput.js';
import type { Row, Warning } from '../types.js';
import { estimatePls } from './estimatePls.js';
import { specifyPathModel, type PathModelSpec } from './specifyPathModel.js';
import type {
  PlsConstructResult,
  PlsEffect,
  PlsFornellLarcker,
  PlsHtmtPair,
  PlsPathModelOptions,
  PlsPathModelResult,
  PlsScheme,
} from './types.js';

const KEYS = optionKeys<PlsPathModelOptions>({
  constructs: true,
  paths: true,
  scheme: true,
  maxIterations: true,
  tolerance: true,
  missing: true,
  missingCodes: true,
  bootstrap: true,
  intervalMethod: true,
});

function record(keys: readonly string[], values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  keys.forEach((k, i) => {
    out[k] = values[i]!;
  });
  return out;
}

/** The model without path p (constructs left on no path dropped): R2 of its target, 0 if it dropped out. */
function rSquaredWithout(
  r: readonly (readonly number[])[],
  offsets: readonly number[],
  spec: PathModelSpec,
  p: number,
  scheme: PlsScheme,
  maxIterations: number,
  tolerance: number,
): number {
  const rest = spec.paths.filter((_, k) => k !== p);
  const keep = spec.names.map((_, j) => rest.some(([f, t]) => f === j || t === j));
  const kept = spec.names.map((_, j) => j).filter((j) => keep[j]);
  const at = new Map(kept.map((j, i) => [j, i]));
  const target = spec.paths[p]![1];
  if (!keep[target]) return 0;
  const paths = rest.map(([f, t]) => [at.get(f)!, at.get(t)!] as const);
  const reduced: PathModelSpec = {
    names: kept.map((j) => spec.names[j]!),
    items: kept.map((j) => spec.items[j]!),
    modes: kept.map((j) => spec.modes[j]!),
    reflective: kept.map((j) => spec.reflective[j]!),
    paths,
    predecessors: kept.map((_, i) => paths.filter(([, t]) => t === i).map(([f]) => f)),
  };
  const est = estimatePls(
    r,
    kept.map((j) => offsets[j]!),
    reduced,
    scheme,
    maxIterations,
    tolerance,
  );
  return est.rSquared[at.get(target)!] ?? 0;
}

/**
 * A PLS path model (PLS-SEM): constructs measured by items, linked by structural paths, as in
 * the ECSI and ACSI customer-satisfaction index models (Tenenhaus et al. 2005). Estimates the
 * outer weights and loadings, the path coefficients with R2 and adjusted R2, direct, indirect
 * and total effects (and every specific indirect effect), construct scores, per construct Cronbach alpha, rhoA, rhoC and AVE, and
 * per path f2 and the inner VIF, with HTMT, Fornell-Larcker and cross-loadings for
 * discriminant validity. Reflective constructs (`type: 'reflective'`) are estimated by
 * consistent PLS (PLSc).
 *
 * Method: the PLS algorithm of Wold (1982) and Lohmoller (1989), as R seminr `estimate_pls`:
 * standardized items; unit starting weights; outer proxies `Y = Z W` standardized; inner proxies
 * by the path weighting scheme (predecessors by their regression weights, successors by their
 * correlations; `'factorial'`: correlations; `'centroid'`: their signs); new weights by mode A
 * (item-proxy correlations) or mode B (regression of the proxy on the items), standardized; until
 * the sum of absolute weight changes is below `tolerance`. Paths are OLS on the final scores.
 * PLSc (Dijkstra & Henseler 2015) divides the score correlations of reflective constructs by
 * sqrt(rhoA) before the path regressions and takes loadings `w sqrt(rhoA) / (w'w)`; composites
 * keep reliability 1 (seminr also corrects mode A composites when a model has reflective
 * constructs; the two agree when it has none). f2 re-estimates the model without the path.
 * Everything is computed from the item correlation matrix, so a summary (`{ correlation |
 * covariance, variables, n }`) gives the same model as the rows (without scores). rhoA is
 * Dijkstra & Henseler (2015) from the weights; rhoC and AVE from the loadings (Hair et al.,
 * PLS-SEM primer); HTMT as Henseler, Ringle & Sarstedt (2015), on absolute correlations.
 * Reference: R seminr 2.3.4 on test/fixtures/ecsi.csv (r/pls.json) at 1e-10 relative
 * (measured 3e-14), PLSc against seminr's `reflective()` constructs.
 *
 * Bootstrap (`bootstrap: { replicates, seed }`, rows only): cases resampled with replacement and
 * the model re-estimated from each resample's item covariance, as seminr `bootstrap_model`
 * (each replicate warm-started from the full-sample weights: the same fixed point); bootstrap
 * mean, SE, t, p (Student's t on n - 1 df, as SmartPLS) and percentile or BCa intervals
 * (`intervalMethod`; BCa: Efron 1987, jackknife acceleration, endpoints as R `boot.ci`) for
 * paths, loadings, weights, HTMT, and total, indirect and specific indirect effects; mediation
 * (Zhao, Lynch & Chen 2010) from those intervals.
 *
 * @param data - Rows, or a summary of the items ({@link MatrixInput}).
 * @param options - `constructs`, `paths`, `scheme`, `maxIterations`, `tolerance`, `missing`, `missingCodes`, `bootstrap`, `intervalMethod`.
 * @returns A {@link PlsPathModelResult}.
 * @throws InputError `INVALID_OPTION` for a malformed model (unknown construct, an item in two
 *   constructs, a construct on no path, a cycle) or option; `COLUMN_NOT_FOUND`, `NOT_NUMERIC`,
 *   `MISSING_VALUE` for the items; InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE`;
 *   NumericalError `RANK_DEFICIENT` when a construct's predecessors (or a mode B construct's
 *   items) are collinear.
 *
 * @example
 * ```ts
 * import { plsPathModel } from 'loyalty-drivers';
 * const rows = [
 *   { q1: 3, q2: 4, s1: 3, s2: 3 }, { q1: 5, q2: 4, s1: 5, s2: 4 }, { q1: 2, q2: 1, s1: 1, s2: 2 },
 *   { q1: 4, q2: 5, s1: 4, s2: 5 }, { q1: 1, q2: 2, s1: 2, s2: 1 }, { q1: 4, q2: 3, s1: 5, s2: 4 },
 * ];
 * const model = plsPathModel(rows, {
 *   constructs: { quality: ['q1', 'q2'], satisfaction: ['s1', 's2'] },
 *   paths: [['quality', 'satisfaction']],
 * });
 * model.paths[0]?.estimate.toFixed(3); // => '0.951'
 * model.convergence.converged; // => true
 * ```
 */
export function plsPathModel(data: readonly Row[] | MatrixInput, options: PlsPathModelOptions): PlsPathModelResult {
  checkOptions(options, KEYS);
  const spec = specifyPathModel(options?.constructs, options?.paths);
  const scheme = checkOption('options.scheme', options.scheme ?? 'path', ['path', 'factorial', 'centroid'] as const);
  const maxIterations = checkNumberOption('options.maxIterations', options.maxIterations ?? 300, { min: 1, max: 100_000, integer: true });
  const tolerance = checkNumberOption('options.tolerance', options.tolerance ?? 1e-7, { min: 0, exclusiveMin: true, max: 1 });
  const missing = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail', 'pairwise', 'fiml'] as const);
  const plan = checkBootstrap(options.bootstrap, 'options.bootstrap');
  const intervalMethod = checkOption('options.intervalMethod', options.intervalMethod ?? 'percentile', ['percentile', 'bca'] as const);
  if (plan !== null && (missing === 'pairwise' || missing === 'fiml')) {
    throw new InputError('INVALID_OPTION', `options.bootstrap: not with missing: "${missing}" (the bootstrap resamples complete rows)`, {
      argument: 'options.bootstrap',
      expected: 'missing "omit" or "fail" with a bootstrap',
    });
  }
  if (plan !== null && isMatrixInput(data)) {
    throw new InputError('INVALID_OPTION', 'options.bootstrap: a bootstrap resamples rows; a summary matrix has none', {
      argument: 'options.bootstrap',
      expected: 'rows, or bootstrap: false',
    });
  }
  const scales: NormalizedScale[] = spec.names.map((name, j) => ({
    name,
    items: spec.items[j]!,
    reversed: spec.items[j]!.map(() => false),
    min: undefined,
    max: undefined,
    integer: false,
  }));
  const mostPredecessors = Math.max(...spec.predecessors.map((p) => p.length));
  const items = readItems(data, scales, { argument: 'rows', missing, missingCodes: options.missingCodes, minimum: mostPredecessors + 2 });
  const n = items.n;
  const sd = items.covariance.map((row, i) => Math.sqrt(row[i]!));
  // Pairwise: R's pairwise correlations (each pair's own SDs), as driverCorrelations and
  // relativeImportance use them; otherwise the correlations of the item covariance.
  const r =
    missing === 'pairwise' && !isMatrixInput(data)
      ? missingCovariance(data, spec.items.flat(), 'pairwise', { missingCodes: options.missingCodes }).correlation!.map((row) => [...row])
      : items.covariance.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i]! * sd[j]!))));
  const est = estimatePls(r, items.offsets, spec, scheme, maxIterations, tolerance);
  const m = spec.names.length;

  const constructs: Record<string, PlsConstructResult> = {};
  spec.names.forEach((name, j) => {
    const k = spec.items[j]!.length;
    const w = est.weights[j]!;
    const lambda = est.loadings[j]!;
    const pred = spec.predecessors[j]!;
    const r2 = est.rSquared[j]!;
    let alpha: number | null = null;
    let rhoA: number | null = null;
    let rhoC: number | null = null;
    let ave: number | null = null;
    if (k === 1) {
      alpha = rhoA = rhoC = ave = 1;
    } else if (spec.modes[j] === 'A') {
      const o = items.offsets[j]!;
      let total = 0;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) total += r[o + a]![o + b]!;
      alpha = (k / (k - 1)) * (1 - k / total);
      rhoA = est.rhoA[j]!;
      const sum = lambda.reduce((x, v) => x + v, 0);
      const error = lambda.reduce((x, v) => x + (1 - v * v), 0);
      rhoC = (sum * sum) / (sum * sum + error);
      ave = lambda.reduce((x, v) => x + v * v, 0) / k;
    }
    constructs[name] = {
      mode: spec.modes[j]!,
      type: spec.reflective[j] ? 'reflective' : 'composite',
      items: spec.items[j]!,
      weights: record(spec.items[j]!, w),
      loadings: record(spec.items[j]!, lambda),
      rSquared: r2,
      adjustedRSquared: r2 === null ? null : 1 - ((1 - r2) * (n - 1)) / (n - pred.length - 1),
      cronbachAlpha: alpha,
      rhoA,
      compositeReliability: rhoC,
      averageVarianceExtracted: ave,
    };
  });

  // Effects: total = B + B^2 + ... (a recursive model's B is nilpotent); reach tracks which
  // pairs are connected by a path, so a total that happens to be 0 is still reported.
  const b = est.coefficients;
  const total: number[][] = b.map((row) => [...row]);
  const reach: boolean[][] = b.map((row, i) => row.map((_, j) => spec.paths.some(([f, t]) => f === i && t === j)));
  let power: number[][] = b.map((row) => [...row]);
  let powerReach = reach.map((row) => [...row]);
  for (let step = 1; step < m; step++) {
    power = power.map((row) => b[0]!.map((_, j) => row.reduce((x, v, k) => x + v * b[k]![j]!, 0)));
    powerReach = powerReach.map((row) => reach[0]!.map((_, j) => row.some((v, k) => v && reach[k]![j]!)));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        total[i]![j]! += power[i]![j]!;
        if (powerReach[i]![j]) reach[i]![j] = true;
      }
    }
  }
  const effects: PlsEffect[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (!reach[i]![j]) continue;
      effects.push({
        from: spec.names[i]!,
        to: spec.names[j]!,
        direct: b[i]![j]!,
        indirect: total[i]![j]! - b[i]![j]!,
        total: total[i]![j]!,
      });
    }
  }

  // Specific indirect effects: every chain of two or more paths, depth-first.
  const chains: number[][] = [];
  const extend = (chain: number[]): void => {
    for (const [f, t] of spec.paths) {
      if (f !== chain[chain.length - 1]) continue;
      const next = [...chain, t];
      if (next.length >= 3) chains.push(next);
      extend(next);
    }
  };
  for (let j = 0; j < m; j++) extend([j]);
  const specificIndirect = chains.map((chain) => {
    let v = 1;
    for (let k = 1; k < chain.length; k++) v *= b[chain[k - 1]!]![chain[k]!]!;
    return { path: chain.map((j) => spec.names[j]!), estimate: v };
  });

  const sizes = spec.items.map((it) => it.length);
  const htmtList = htmtValues(r, items.offsets, sizes);
  const htmt: PlsHtmtPair[] = [];
  for (let a = 0, k = 0; a < m; a++) {
    for (let c = a + 1; c < m; c++, k++) htmt.push({ first: spec.names[a]!, second: spec.names[c]!, value: htmtList[k]! });
  }

  const warnings: Warning[] = [];
  const bootstrap =
    plan === null
      ? null
      : bootstrapPls(
          items.columns!,
          items.offsets,
          spec,
          est,
          r,
          effects.map((e) => [spec.names.indexOf(e.from), spec.names.indexOf(e.to)] as const),
          chains,
          scheme,
          maxIterations,
          tolerance,
          plan,
          intervalMethod,
          warnings,
        );
  for (const h of htmt) {
    if (h.value !== null && h.value > 0.85) {
      warnings.push({
        code: 'HTMT_ABOVE_THRESHOLD',
        message: `HTMT of "${h.first}" and "${h.second}" is ${h.value.toFixed(3)} (> ${h.value > 0.9 ? '0.90' : '0.85'}): the two constructs may not be distinct.`,
      });
    }
  }
  const fornellLarcker: Record<string, PlsFornellLarcker> = {};
  spec.names.forEach((name, a) => {
    let largest = -1;
    let withName = '';
    for (let c = 0; c < m; c++) {
      const v = Math.abs(est.correlation[a]![c]!);
      if (c !== a && v > largest) {
        largest = v;
        withName = spec.names[c]!;
      }
    }
    const ave = constructs[name]!.averageVarianceExtracted;
    const root = ave === null ? null : Math.sqrt(ave);
    const satisfied = root === null ? null : root > largest;
    if (satisfied === false) {
      warnings.push({
        code: 'FORNELL_LARCKER_VIOLATED',
        message: `Fornell-Larcker: sqrt(AVE) of "${name}" (${root!.toFixed(3)}) does not exceed its correlation with "${withName}" (${largest.toFixed(3)}).`,
      });
    }
    fornellLarcker[name] = { squareRootAve: root, largestCorrelation: largest, largestCorrelationWith: withName, satisfied };
  });
  const crossLoadings: Record<string, Record<string, number>> = {};
  spec.items.forEach((list, j) => {
    list.forEach((item, i) => {
      const row = r[items.offsets[j]! + i]!;
      const out: Record<string, number> = {};
      spec.names.forEach((other, c) => {
        let v = 0;
        est.weights[c]!.forEach((wt, k) => {
          v += row[items.offsets[c]! + k]! * wt;
        });
        out[other] = v;
      });
      crossLoadings[item] = out;
    });
  });
  const pathResults = spec.paths.map(([f, t], p) => {
    const pred = spec.predecessors[t]!;
    let vif = 1;
    if (pred.length > 1) {
      const others = pred.filter((i) => i !== f);
      // VIF = 1 / (1 - R2 of f on the other predecessors).
      const beta = solve(
        others.map((i) => others.map((k) => est.correlation[i]![k]!)),
        others.map((i) => est.correlation[i]![f]!),
        `the scores of the predecessors of "${spec.names[t]}"`,
      );
      vif = 1 / (1 - beta.reduce((x, v, k) => x + v * est.correlation[others[k]!]![f]!, 0));
    }
    const r2 = est.rSquared[t]!;
    const without = rSquaredWithout(r, items.offsets, spec, p, scheme, maxIterations, tolerance);
    return { from: spec.names[f]!, to: spec.names[t]!, estimate: b[f]![t]!, fSquared: (r2 - without) / (1 - r2), vif };
  });

  let scores: PlsPathModelResult['scores'] = null;
  if (items.columns !== null && items.means !== null && items.index !== null) {
    const values: Record<string, number[]> = {};
    spec.names.forEach((name, j) => {
      const out = new Array<number>(n).fill(0);
      est.weights[j]!.forEach((wt, i) => {
        const v = items.offsets[j]! + i;
        const col = items.columns![v]!;
        const mean = items.means![v]!;
        const scale = wt / sd[v]!;
        for (let c = 0; c < n; c++) out[c]! += (col[c]! - mean) * scale;
      });
      values[name] = out;
    });
    scores = { rows: Array.from(items.index), values };
  }

  if (!est.converged) {
    warnings.unshift({
      code: 'NOT_CONVERGED',
      message: `The PLS iteration stopped after ${est.iterations} updates with a weight change of ${est.lastChange.toPrecision(3)} (tolerance ${tolerance}); raise maxIterations or check the model.`,
    });
  }
  return {
    method: 'pls-path-model',
    n,
    source: items.source,
    constructNames: spec.names,
    constructs,
    paths: pathResults,
    effects,
    specificIndirect,
    constructCorrelation: est.correlation,
    htmt,
    fornellLarcker,
    crossLoadings,
    scores,
    convergence: { converged: est.converged, iterations: est.iterations, lastChange: est.lastChange, tolerance },
    bootstrap,
    options: {
      scheme,
      maxIterations,
      tolerance,
      missing,
      bootstrap: plan === null ? false : { replicates: plan.replicates, seed: plan.seed, confidenceLevel: plan.confidenceLevel },
      intervalMethod,
    },
    missing: items.missing,
    warnings,
  };
}
