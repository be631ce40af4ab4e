/**
 * Internal: reading a regression sample from rows and building the centred, equilibrated design
 * matrix shared by {@link ols} and {@link logisticRegression}.
 *
 * @module regression/design
 * @internal
 */
import { InputError, InsufficientDataError } from '../errors.js';
import { readColumns } from '../internal/validate.js';
import type { MissingPolicy, MissingReport, ScaleRange } from '../types.js';

/** Complete cases of one model, as dense columns. */
export interface RegressionSample {
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly y: Float64Array;
  readonly x: readonly Float64Array[];
  readonly weights: Float64Array | undefined;
  /** Position in the input rows of each case. */
  readonly index: Int32Array;
  /** Cases with a positive weight (all cases when unweighted): the n of the fit. */
  readonly n: number;
  readonly weightSum: number;
  readonly missing: MissingReport;
}

interface SampleOptions {
  readonly outcome?: unknown;
  readonly predictors?: unknown;
  readonly weights?: unknown;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** Validates the model specification and reads the complete cases. */
export function readRegressionSample(rows: unknown, options: SampleOptions | undefined, outcomeScale?: ScaleRange): RegressionSample {
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { outcome, predictors }', {
      argument: 'options',
      expected: '{ outcome, predictors }',
    });
  }
  const { outcome, predictors, weights } = options;
  if (typeof outcome !== 'string' || outcome.length === 0) {
    throw new InputError('INVALID_OPTION', 'options.outcome: expected a column name', {
      argument: 'options.outcome',
      expected: 'a column name',
    });
  }
  if (!Array.isArray(predictors) || predictors.length === 0 || predictors.some((p) => typeof p !== 'string' || p.length === 0)) {
    throw new InputError('INVALID_OPTION', 'options.predictors: expected a non-empty array of column names', {
      argument: 'options.predictors',
      expected: 'a non-empty array of column names',
    });
  }
  const names = predictors as string[];
  const seen = new Set<string>();
  for (const p of names) {
    if (p === outcome) {
      throw new InputError('INVALID_OPTION', `options.predictors: "${p}" is also the outcome`, {
        argument: 'options.predictors',
        column: p,
        expected: 'predictors other than the outcome',
      });
    }
    if (seen.has(p)) {
      throw new InputError('INVALID_OPTION', `options.predictors: "${p}" is listed twice`, {
        argument: 'options.predictors',
        column: p,
        expected: 'distinct predictors',
      });
    }
    seen.add(p);
  }
  if (weights !== undefined && (typeof weights !== 'string' || weights.length === 0)) {
    throw new InputError('INVALID_OPTION', 'options.weights: expected the name of a weights column', {
      argument: 'options.weights',
      expected: 'a column name',
    });
  }
  const sample = readColumns(rows, [{ column: outcome, scale: outcomeScale }, ...names.map((column) => ({ column }))], {
    weights: weights as string | undefined,
    missing: options.missing,
    missingCodes: options.missingCodes,
  });
  const w = sample.weights;
  const total = sample.index.length;
  let n = total;
  let weightSum = total;
  if (w) {
    n = 0;
    weightSum = 0;
    for (let i = 0; i < total; i++) {
      if (w[i]! > 0) n++;
      weightSum += w[i]!;
    }
  }
  const coefficients = names.length + 1;
  if (n <= coefficients) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${n} complete case${n === 1 ? '' : 's'}${w ? ' with a positive weight' : ''} for ${coefficients} coefficients ((Intercept), ${names.join(', ')}): need at least ${coefficients + 1} (n must exceed the number of coefficients)`,
      { argument: 'rows', value: n, expected: `at least ${coefficients + 1} complete cases` },
    );
  }
  const [y, ...x] = sample.columns as Float64Array[];
  checkVaries(y!, w, outcome, 'options.outcome');
  x.forEach((col, j) => checkVaries(col, w, names[j]!, 'options.predictors'));
  return { outcome, predictors: names, y: y!, x, weights: w, index: sample.index, n, weightSum, missing: sample.missing };
}

/** Throws `ZERO_VARIANCE` when every case (with a positive weight) has the same value. */
/** Throws ZERO_VARIANCE when a column is constant over the positive-weight cases. @internal */
export function checkVaries(values: Float64Array, w: Float64Array | undefined, column: string, argument: string): void {
  let first: number | undefined;
  for (let i = 0; i < values.length; i++) {
    if (w && !(w[i]! > 0)) continue;
    if (first === undefined) first = values[i]!;
    else if (values[i] !== first) return;
  }
  throw new InsufficientDataError(
    'ZERO_VARIANCE',
    `column "${column}" is constant (every complete case is ${first}): it cannot ${argument === 'options.outcome' ? 'be modelled' : 'be a predictor beside the intercept'}`,
    {
      argument,
      column,
      value: first ?? null,
      expected: 'a column that varies',
    },
  );
}

/** The largest power of two not above `x` (exact scaling factor). */
function powerOfTwoBelow(x: number): number {
  return x > 0 && Number.isFinite(x) ? 2 ** Math.floor(Math.log2(x)) : 1;
}

/** A centred design with an intercept column, each column scaled by an exact power of two. */
export interface CentredDesign {
  /** Column-major `n x (p + 1)`: column 0 the intercept, column j the centred predictor j - 1, rows multiplied by `rowScale`. */
  readonly matrix: Float64Array;
  /** Power-of-two scale of each column (original column = matrix column / scale). */
  readonly scales: readonly number[];
  /** (Weighted) means the predictors were centred at. */
  readonly means: readonly number[];
}

/**
 * Builds `[1, X - mean]`, columns scaled by powers of two so each has (weighted, uncentred) norm
 * in [1, 2): scaling by a power of two is exact, and it makes the QR's rank test relative to each
 * column's own size (as LINPACK dqrdc2). Rows are multiplied by `rowScale[i]` (square roots of
 * weights) when given. Centring leaves the model the same (the intercept absorbs it) and keeps
 * near-constant predictors such as calendar years from dominating the conditioning.
 */
export function centredDesign(
  x: readonly Float64Array[],
  weights: Float64Array | undefined,
  rowScale: Float64Array | undefined,
  means: readonly number[],
): CentredDesign {
  const p = x.length;
  const n = x[0]!.length;
  const matrix = new Float64Array(n * (p + 1));
  let w0 = 0;
  for (let i = 0; i < n; i++) w0 += weights ? weights[i]! : 1;
  const scales = [1 / powerOfTwoBelow(Math.sqrt(w0))];
  for (let j = 0; j < p; j++) {
    const c = x[j]!;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (weights ? weights[i]! : 1) * c[i]! * c[i]!;
    scales.push(1 / powerOfTwoBelow(Math.sqrt(ss)));
  }
  const s0 = scales[0]!;
  for (let i = 0; i < n; i++) matrix[i] = rowScale ? rowScale[i]! * s0 : s0;
  for (let j = 0; j < p; j++) {
    const c = x[j]!;
    const m = means[j]!;
    const s = scales[j + 1]!;
    const off = (j + 1) * n;
    if (rowScale) for (let i = 0; i < n; i++) matrix[off + i] = rowScale[i]! * ((c[i]! - m) * s);
    else for (let i = 0; i < n; i++) matrix[off + i] = (c[i]! - m) * s;
  }
  return { matrix, scales, means };
}

/**
 * `G = T R^-1`, where `T` maps the centred, scaled parametrization back to the original one
 * (slope_j = c_j s_j; intercept = c_0 s_0 - sum slope_j mean_j): the covariance of the original
 * coefficients is `G V G'` when that of `c` is `R^-1 V R^-T`.
 */
export function originalCovarianceRoot(
  rInverse: readonly (readonly number[])[],
  scales: readonly number[],
  means: readonly number[],
): number[][] {
  const p = means.length;
  const row0 = rInverse[0]!.map((v) => v * scales[0]!);
  for (let j = 0; j < p; j++) {
    const f = means[j]! * scales[j + 1]!;
    for (let l = 0; l <= p; l++) row0[l] = row0[l]! - f * rInverse[j + 1]![l]!;
  }
  return [row0, ...rInverse.slice(1).map((row, j) => row.map((v) => v * scales[j + 1]!))];
}
