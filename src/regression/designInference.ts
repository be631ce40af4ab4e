/**
 * Internal: design-based coefficient covariance for the regressions (`ols` and
 * `logisticRegression` with `design`), as R `survey::svyglm`: the sandwich `A B A` with `A` the
 * inverse (weighted) information of the fit and `B` the design covariance of the totals of the
 * per-row scores `x_i w_i r_i` (Binder 1983; Lumley 2010 section 5.2), where `r_i` is the
 * residual `y_i - mu_i`. Degrees of freedom as `summary.svyglm`: the design's (PSUs minus
 * strata, counted over the cases in the fit, as `degf` of the subset design) plus 1 minus the
 * number of coefficients.
 * @module regression/designInference
 * @internal
 */
import { InsufficientDataError } from '../errors.js';
import type { DesignSummary } from '../survey/design.js';
import { domainDesignSummary } from '../survey/designCovariance.js';
import { designCovariance, type PreparedDesign } from '../survey/linearization.js';
import type { RegressionSample } from './design.js';

/** What {@link designCoefficients} returns. */
export interface DesignCoefficients {
  readonly covariance: number[][];
  /** `degf + 1 - k` (R `svyglm`'s `df.residual`). */
  readonly dfResidual: number;
  readonly summary: DesignSummary;
}

/** The sample of a design-based fit: the complete cases with the design's weights. */
export function designSample(sample: RegressionSample, d: PreparedDesign, scale = 1): RegressionSample {
  const m = sample.index.length;
  const w = new Float64Array(m);
  let n = 0;
  let weightSum = 0;
  for (let i = 0; i < m; i++) {
    w[i] = d.weights[sample.index[i]!]! * scale;
    if (w[i]! > 0) n++;
    weightSum += w[i]!;
  }
  const k = sample.predictors.length + 1;
  if (n <= k) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${n} complete case${n === 1 ? '' : 's'} with a positive design weight for ${k} coefficients: need at least ${k + 1}`,
      { argument: 'options.design.weights', value: n, expected: `at least ${k + 1} cases with a positive weight` },
    );
  }
  return { ...sample, weights: w, n, weightSum };
}

/**
 * `A B A` where `B` is the design covariance of the scores `[1, x_i] w_i r_i` of the sample's
 * cases (0 for the design rows outside the fit), `w` and `r` aligned with the sample.
 */
export function designCoefficients(
  sample: RegressionSample,
  d: PreparedDesign,
  bread: readonly (readonly number[])[],
  w: ArrayLike<number>,
  r: ArrayLike<number>,
): DesignCoefficients {
  const k = sample.x.length + 1;
  const m = sample.index.length;
  const scores = Array.from({ length: k }, () => new Float64Array(d.n));
  for (let i = 0; i < m; i++) {
    const row = sample.index[i]!;
    const u = w[i]! * r[i]!;
    scores[0]![row] = u;
    for (let j = 1; j < k; j++) scores[j]![row] = sample.x[j - 1]![i]! * u;
  }
  const b = designCovariance(scores, d);
  const ab = bread.map((row) => b.map((_, c) => row.reduce((s, v, l) => s + v * b[l]![c]!, 0)));
  const covariance = ab.map((row) => bread.map((_, c) => row.reduce((s, v, l) => s + v * bread[l]![c]!, 0)));
  for (let a = 0; a < k; a++) for (let c = a + 1; c < k; c++) covariance[c]![a] = covariance[a]![c]!;
  // degf of the design restricted to the fit's cases with a positive weight (R subsets the design).
  const inFit = new Uint8Array(d.n);
  for (let i = 0; i < m; i++) if (w[i]! > 0) inFit[sample.index[i]!] = 1;
  const summary = domainDesignSummary(d, (row) => inFit[row] === 1, null);
  const degreesOfFreedom = summary.degreesOfFreedom;
  const dfResidual = degreesOfFreedom + 1 - k;
  if (dfResidual < 1) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `options.design: ${summary.clusters} PSUs in ${summary.strata} strata give ${degreesOfFreedom} design degrees of freedom, too few for ${k} coefficients (svyglm's residual df ${dfResidual}); need at least ${k} more PSUs than strata`,
      { argument: 'options.design', value: degreesOfFreedom, expected: `at least ${k} design degrees of freedom` },
    );
  }
  return { covariance, dfResidual, summary };
}
