/**
 * Internal (shared with `src/importance`): least squares from sufficient statistics.
 *
 * @module regression/fitFromStatistics
 * @internal
 */
import { InputError, InsufficientDataError, NumericalError } from '../errors.js';
import { toSufficientStatistics, type MatrixInput, type StatisticsSource } from '../summary/matrixInput.js';
import type { SufficientStatistics } from '../summary/sufficientStatistics.js';

/** A least-squares fit computed from means and a centred cross-product matrix. */
export interface StatisticsFit {
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly source: StatisticsSource;
  /** Cases behind the statistics, and the sum of their weights. */
  readonly n: number;
  readonly weightSum: number;
  /** Slopes in outcome units per predictor unit (standardized for a correlation matrix). */
  readonly slopes: readonly number[];
  /** `mean_y - sum slope_j mean_j` (0 for a correlation matrix; from zero means for a covariance without means). */
  readonly intercept: number;
  /** Slopes in standard-deviation units, `slope_j sqrt(S_jj / S_yy)`. */
  readonly standardizedSlopes: readonly number[];
  readonly rSquared: number;
  /** `S_yy (1 - R^2)` and `S_yy`: (weighted) sums of squares about the mean. */
  readonly residualSumOfSquares: number;
  readonly totalSumOfSquares: number;
  /** `(S_xx)^-1`, the slopes' covariance divided by sigma^2. */
  readonly inverseCrossProducts: readonly (readonly number[])[];
  /** Variance inflation factors `[(R_xx)^-1]_jj`. */
  readonly vif: readonly number[];
  /** Correlation matrix of the predictors. */
  readonly predictorCorrelation: readonly (readonly number[])[];
  /** Means of the predictors used for the intercept. */
  readonly means: readonly number[];
  /** Whether the intercept is meaningful: the statistics carry means (not a correlation, nor a covariance without means). */
  readonly hasIntercept: boolean;
}

/** Default pivot tolerance on `1 - R^2_j` (see {@link fitFromStatistics}). */
export const STATISTICS_TOLERANCE = 1e-10;

function indexOf(variables: readonly string[], name: string, argument: string): number {
  const i = variables.indexOf(name);
  if (i < 0) {
    throw new InputError('COLUMN_NOT_FOUND', `${argument}: "${name}" is not among the summarised variables (${variables.join(', ')})`, {
      argument,
      column: name,
      expected: 'a summarised variable',
    });
  }
  return i;
}

/**
 * Regression of `outcome` on `predictors` (any subset, in any order, possibly empty) from
 * {@link SufficientStatistics} or any {@link MatrixInput}: coefficients, R^2 and what inference
 * needs. This is what `ols` uses for summary input, and what relative-importance methods call
 * for each of the 2^p subsets (an empty subset gives R^2 = 0).
 *
 * Method: the normal equations of the centred SSCP, solved by a Cholesky factorization of the
 * predictors' correlation matrix `R_xx = D^-1/2 S_xx D^-1/2` (Golub & Van Loan, algorithm
 * 4.2.1), done in the given order without pivoting. `L_jj^2` is `1 - R^2` of predictor j on the
 * ones before it; a predictor with `L_jj^2 <= max(tolerance^2, 1e-10)` is reported as
 * collinear. That floor is far above the rows path's 1e-14 because the cross-product matrix
 * holds squared quantities: forming it squares the condition number, so this path is used ONLY
 * when rows are not available. `R^2 = ||L^-1 r_xy||^2`; standardized slopes solve
 * `R_xx b* = r_xy`; `(S_xx)^-1 = D^-1/2 L^-T L^-1 D^-1/2`.
 *
 * @param data - SufficientStatistics (from `sufficientStatistics`) or a correlation/covariance matrix with n.
 * @param outcome - outcome variable name; `predictors` - subset of the other variables.
 * @param tolerance - rows-path rank tolerance (default 1e-7; see above for how it is used here).
 * @throws InputError `COLUMN_NOT_FOUND`, `INVALID_OPTION`; InsufficientDataError `ZERO_VARIANCE`;
 *   NumericalError `RANK_DEFICIENT` naming the collinear predictors.
 * @internal
 */
export function fitFromStatistics(
  data: SufficientStatistics | MatrixInput,
  outcome: string,
  predictors: readonly string[],
  tolerance = 1e-7,
): StatisticsFit {
  const { stats, source, hasMeans } = toSufficientStatistics(data as MatrixInput);
  const v = stats.variables;
  const yi = indexOf(v, outcome, 'options.outcome');
  const xi = predictors.map((p) => indexOf(v, p, 'options.predictors'));
  if (xi.includes(yi) || new Set(xi).size !== xi.length) {
    throw new InputError('INVALID_OPTION', 'options.predictors: predictors must be distinct and differ from the outcome', {
      argument: 'options.predictors',
      expected: 'distinct predictors other than the outcome',
    });
  }
  const S = stats.sscp;
  const p = xi.length;
  const syy = S[yi]![yi]!;
  for (const [j, name] of [[yi, outcome], ...xi.map((j, k) => [j, predictors[k]!] as const)] as const) {
    if (!(S[j]![j]! > 0)) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `"${name}" has zero variance in the statistics: it cannot ${j === yi ? 'be modelled' : 'be a predictor'}`,
        {
          argument: j === yi ? 'options.outcome' : 'options.predictors',
          column: name,
          expected: 'a variable that varies',
        },
      );
    }
  }
  const d = xi.map((j) => Math.sqrt(S[j]![j]!));
  const dy = Math.sqrt(syy);
  const rxx = xi.map((j, a) => xi.map((l, b) => S[j]![l]! / (d[a]! * d[b]!)));
  const rxy = xi.map((j, a) => S[j]![yi]! / (d[a]! * dy));
  // Cholesky R_xx = L L' in the given order, checking each pivot.
  const L: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const floor = Math.max(tolerance * tolerance, STATISTICS_TOLERANCE);
  const bad: string[] = [];
  for (let j = 0; j < p; j++) {
    let s = rxx[j]![j]!;
    for (let k = 0; k < j; k++) s -= L[j]![k]! ** 2;
    if (!(s > floor)) {
      bad.push(
        `"${predictors[j]}" (R^2 on ${j === 0 ? 'nothing' : predictors.slice(0, j).join(', ')} = 1 - ${Math.max(s, 0).toExponential(1)})`,
      );
      L[j]![j] = 1; // placeholder so the loop can report every collinear predictor
      continue;
    }
    const ljj = Math.sqrt(s);
    L[j]![j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let t = rxx[i]![j]!;
      for (let k = 0; k < j; k++) t -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = t / ljj;
    }
  }
  if (bad.length > 0) {
    throw new NumericalError(
      'RANK_DEFICIENT',
      `predictors are linearly dependent (from the cross-product matrix): ${bad.join('; ')}. Remove or combine one of them`,
      {
        argument: 'options.predictors',
        column: predictors[0],
        value: predictors.join(', '),
        expected: 'linearly independent predictors',
      },
    );
  }
  // Forward solve L u = r_xy, then L' b* = u.
  const u = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    let t = rxy[i]!;
    for (let k = 0; k < i; k++) t -= L[i]![k]! * u[k]!;
    u[i] = t / L[i]![i]!;
  }
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let t = u[i]!;
    for (let k = i + 1; k < p; k++) t -= L[k]![i]! * beta[k]!;
    beta[i] = t / L[i]![i]!;
  }
  let r2 = 0;
  for (const x of u) r2 += x * x;
  // L^-1 (lower), then R_xx^-1 = L^-T L^-1.
  const li: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    li[j]![j] = 1 / L[j]![j]!;
    for (let i = j + 1; i < p; i++) {
      let t = 0;
      for (let k = j; k < i; k++) t -= L[i]![k]! * li[k]![j]!;
      li[i]![j] = t / L[i]![i]!;
    }
  }
  const rinv = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => {
      let t = 0;
      for (let k = Math.max(a, b); k < p; k++) t += li[k]![a]! * li[k]![b]!;
      return t;
    }),
  );
  const slopes = beta.map((b, j) => (b * dy) / d[j]!);
  const means = xi.map((j) => stats.means[j]!);
  let intercept = stats.means[yi]!;
  slopes.forEach((b, j) => {
    intercept -= b * means[j]!;
  });
  return {
    outcome,
    predictors: [...predictors],
    source,
    n: stats.n,
    weightSum: stats.weightSum,
    slopes,
    intercept,
    standardizedSlopes: beta,
    rSquared: r2,
    residualSumOfSquares: syy * (1 - r2),
    totalSumOfSquares: syy,
    inverseCrossProducts: rinv.map((row, a) => row.map((x, b) => x / (d[a]! * d[b]!))),
    vif: rinv.map((row, j) => row[j]!),
    predictorCorrelation: rxx,
    means,
    hasIntercept: hasMeans,
  };
}
