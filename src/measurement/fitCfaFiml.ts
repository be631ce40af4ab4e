import { NumericalError } from '../errors.js';
import { evaluateCasewise, observedCfaInformation, scalePatterns } from './cfaInformation.js';
import { choleskyOrNull, factorPairs, pack, parameterCount, unpack, type CfaSettings, type CfaStructure } from './cfaModel.js';
import { fitMeasures, type CfaEstimates } from './cfaResult.js';
import { fitCfa } from './fitCfa.js';
import { readItems } from './readItems.js';
import type { NormalizedScale } from './types.js';

function solveSpd(h: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const l = choleskyOrNull(h);
  if (l === null) return null;
  const n = b.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let t = 0; t < i; t++) s -= l[i]![t]! * y[t]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let t = i + 1; t < n; t++) s -= l[t]![i]! * x[t]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

function inverseSpd(h: readonly (readonly number[])[]): number[][] | null {
  if (choleskyOrNull(h) === null) return null;
  const n = h.length;
  const cols = Array.from(
    { length: n },
    (_, c) =>
      solveSpd(
        h,
        Array.from({ length: n }, (__, i) => (i === c ? 1 : 0)),
      )!,
  );
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => cols[j]![i]!));
}

/**
 * Full-information ML CFA (lavaan `cfa(..., missing = "ml")`): the casewise normal
 * log-likelihood over missingness patterns with the item means free. Start: the two-stage
 * solution (the complete-data fit to the EM covariance, means at the EM means); then Newton
 * steps on the analytic observed information with step halving, on items scaled by their EM
 * SDs, until every gradient element of -logL / n is below `tolerance`. SEs from the inverse
 * observed information (lavaan's default under missing = "ml"). @internal
 */
export function fitCfaFiml(
  data: unknown,
  scales: readonly NormalizedScale[],
  structure: CfaStructure,
  settings: CfaSettings,
  missingCodes: readonly number[] | undefined,
): CfaEstimates {
  const items = readItems(data, scales, { argument: 'rows', missing: 'fiml', missingCodes, minimum: 2 });
  const raw = items.patterns!;
  const n = items.n;
  const k = raw.k;
  const emCov = items.covariance.map((row) => row.map((v) => (v * (n - 1)) / n));
  const sd = emCov.map((row, j) => Math.sqrt(row[j]!));
  const r = emCov.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i]! * sd[j]!))));
  const z = scalePatterns(raw, sd);
  const start = fitCfa(structure, r, n, settings);
  let y = [...items.means!.map((mu, j) => mu / sd[j]!), ...pack(structure, start)];
  let e = evaluateCasewise(structure, z, y);
  if (e === null) {
    throw new NumericalError('NOT_POSITIVE_DEFINITE', 'FIML CFA: the two-stage starting values give an indefinite covariance', {
      expected: 'a positive-definite model-implied matrix',
    });
  }
  let iterations = 0;
  let maxG = Number.POSITIVE_INFINITY;
  // The observed information costs most of an iteration: it is reused while a step cuts the
  // gradient at least tenfold (a chord step near the optimum), refreshed otherwise, and always
  // recomputed at the solution for the standard errors.
  let info = observedCfaInformation(structure, z, y, e);
  let current = true;
  let lastG = Number.POSITIVE_INFINITY;
  for (;;) {
    maxG = e.gradient.reduce((s, g) => Math.max(s, Math.abs(g)), 0);
    if (maxG <= settings.tolerance || iterations >= settings.maxIterations) break;
    if (!current && maxG > 0.1 * lastG) {
      info = observedCfaInformation(structure, z, y, e);
      current = true;
    }
    const step = solveSpd(
      info.map((row) => row.map((v) => v / n)),
      e.gradient,
    );
    let accepted = false;
    if (step !== null) {
      let t = 1;
      for (let half = 0; half < 40; half++) {
        const trial = y.map((v, i) => v - t * step[i]!);
        const te = evaluateCasewise(structure, z, trial);
        if (te !== null && te.f <= e.f + 1e-12 * Math.max(1, Math.abs(e.f))) {
          y = trial;
          e = te;
          accepted = true;
          break;
        }
        t /= 2;
      }
    }
    if (!accepted) {
      if (current) break;
      info = observedCfaInformation(structure, z, y, e);
      current = true;
      continue;
    }
    iterations++;
    lastG = maxG;
    current = false;
  }
  if (!current) info = observedCfaInformation(structure, z, y, e);
  if (!(maxG <= settings.tolerance)) {
    throw new NumericalError(
      'NO_CONVERGENCE',
      `confirmatory factor analysis (FIML): no convergence after ${iterations} Newton iterations (largest gradient element ${maxG.toExponential(2)}, tolerance ${settings.tolerance})`,
      { expected: `a gradient below ${settings.tolerance}` },
    );
  }
  const vz = inverseSpd(info);
  if (vz === null) {
    throw new NumericalError(
      'RANK_DEFICIENT',
      'confirmatory factor analysis (FIML): the observed information is not positive definite at the solution',
      {
        expected: 'an identified model',
      },
    );
  }
  // Orientation: as fitCfa (each factor's loadings sum positive); flips change signs of the
  // parameters and the matching rows and columns of their covariance.
  const par = unpack(structure, y.slice(k));
  const sign = Array.from({ length: structure.factors }, (_, a) =>
    par.loadings.reduce((s, l, i) => s + (structure.factorOf[i] === a ? l : 0), 0) < 0 ? -1 : 1,
  );
  const pairs = factorPairs(structure.factors);
  const flip = [
    ...new Array<number>(k).fill(1),
    ...structure.factorOf.map((a) => sign[a]!),
    ...structure.factorOf.map(() => 1),
    ...pairs.map(([a, b]) => sign[a]! * sign[b]!),
  ];
  const scaleOf = (i: number): number => (i < k ? sd[i]! : i < 2 * k ? sd[i - k]! : i < 3 * k ? sd[i - 2 * k]! ** 2 : 1);
  const yRaw = y.map((v, i) => v * flip[i]! * scaleOf(i));
  const vRaw = vz.map((row, i) => row.map((v, j) => v * flip[i]! * flip[j]! * scaleOf(i) * scaleOf(j)));
  // Log-likelihoods on the items' own scale: the scaling adds sum_j n_j log sd_j.
  const observedCount = new Array<number>(k).fill(0);
  for (const p of raw.patterns) for (const j of p.observed) observedCount[j]! += p.count;
  const jacobian = observedCount.reduce((s, c, j) => s + c * Math.log(sd[j]!), 0);
  const logLikelihood = e.logLikelihood - jacobian;
  const unrestricted = items.missing.fiml!.logLikelihood;
  // Baseline (independence) model by FIML: each item's own observed mean and variance.
  const sum = new Array<number>(k).fill(0);
  const sq = new Array<number>(k).fill(0);
  for (const p of raw.patterns) {
    const o = p.observed;
    o.forEach((j, a) => {
      sum[j]! += p.sum[a]!;
      sq[j]! += p.cross[a * o.length + a]!;
    });
  }
  let baseline = 0;
  for (let j = 0; j < k; j++) {
    const c = observedCount[j]!;
    const variance = sq[j]! / c - (sum[j]! / c) ** 2;
    baseline += (-c / 2) * (Math.log(2 * Math.PI) + Math.log(variance) + 1);
  }
  // SRMR with the mean residuals, against the EM moments (lavaan's srmr under missing = "ml").
  const sigma = e.sigma;
  let srmrSum = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) srmrSum += (r[i]![j]! - sigma[i]![j]!) ** 2;
  for (let i = 0; i < k; i++) srmrSum += (items.means![i]! / sd[i]! - y[i]!) ** 2;
  const moments = (k * (k + 1)) / 2;
  const q = parameterCount(structure);
  return {
    n,
    source: items.source,
    missing: items.missing,
    estimates: yRaw.slice(k),
    covariance: vRaw.slice(k).map((row) => row.slice(k)),
    means: yRaw.slice(0, k),
    fit: fitMeasures({
      n,
      chiSquare: Math.max(2 * (unrestricted - logLikelihood), 0),
      df: moments - q,
      baselineChiSquare: 2 * (unrestricted - baseline),
      baselineDf: (k * (k - 1)) / 2,
      srmr: Math.sqrt(srmrSum / (moments + k)),
      logLikelihood,
      unrestricted,
      parameters: q + k,
    }),
    convergence: {
      method: 'newton',
      iterations,
      newtonSteps: iterations,
      converged: true,
      maxAbsoluteGradient: maxG,
      tolerance: settings.tolerance,
    },
  };
}
