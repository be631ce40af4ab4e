/**
 * Reads the input of every importance function (rows, or a summary: sufficient statistics, a
 * correlation or a covariance matrix) into the correlation matrix of the predictors and the
 * outcome, validated once.
 *
 * @internal
 */
import { InputError, InsufficientDataError } from '../errors.js';
import { centredCrossProducts } from '../internal/sums.js';
import { checkedCorrelation } from './checkedCorrelation.js';
import { readColumns, requireRows } from '../internal/validate.js';
import { isMatrixInput, toSufficientStatistics, type StatisticsSource } from '../summary/matrixInput.js';
import { missingCovariance } from '../missing/missingCovariance.js';
import type { CovarianceMissingPolicy, MissingReport } from '../types.js';

/** The options every importance function reads its data with. */
export interface ImportanceDataOptions {
  /** Outcome column (e.g. `"recommend"`). */
  readonly outcome: string;
  /** Predictor (driver) columns, at least two, distinct, without the outcome. */
  readonly predictors: readonly string[];
  /** Column of sampling weights (>= 0), rows only: weighted correlations (R `cov.wt`). */
  readonly weights?: string;
  /**
   * `'omit'` (default) drops incomplete rows listwise and reports them; `'fail'` throws;
   * `'pairwise'` correlates each pair over the rows answering both (n = the smallest pair
   * count); `'fiml'` uses the saturated normal model fitted by EM (lavaan `missing = "ml"`).
   * Pairwise and FIML take rows without weights, and have no row bootstrap.
   */
  readonly missing?: CovarianceMissingPolicy;
  /** Numbers that code a missing answer (e.g. `[-99]`). */
  readonly missingCodes?: readonly number[];
}

/** Complete cases as dense columns, kept for resampling. */
export interface ImportanceSample {
  /** Predictor columns in order, then the outcome. */
  readonly columns: readonly Float64Array[];
  readonly weights: Float64Array | undefined;
  /** Position in the input rows of each complete case. */
  readonly index: Int32Array;
}

/** Validated input: the correlation matrix with the outcome last, and where it came from. */
export interface ImportanceData {
  readonly outcome: string;
  readonly predictors: readonly string[];
  /** Row-major (p + 1) x (p + 1) correlation matrix: predictors in order, outcome last. */
  readonly correlation: Float64Array;
  readonly n: number;
  readonly weightSum: number;
  readonly weighted: boolean;
  readonly source: StatisticsSource;
  /** Means of the predictors then the outcome, when known (rows, sufficient statistics, covariance with means). */
  readonly means: readonly number[] | undefined;
  readonly missing: MissingReport;
  /** Present when the input was rows. */
  readonly sample: ImportanceSample | undefined;
}

/** Checks `outcome` and `predictors` (at least `minimumPredictors`, distinct, no outcome among them). */
function checkVariables(options: unknown, minimumPredictors = 2): { outcome: string; predictors: string[] } {
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected an object with outcome and predictors', {
      argument: 'options',
      expected: '{ outcome, predictors }',
    });
  }
  const o = options as { outcome?: unknown; predictors?: unknown };
  if (typeof o.outcome !== 'string' || o.outcome.length === 0) {
    throw new InputError('INVALID_OPTION', `options.outcome: expected a column name, got ${JSON.stringify(o.outcome ?? null)}`, {
      argument: 'options.outcome',
      expected: 'a column name',
    });
  }
  if (!Array.isArray(o.predictors) || o.predictors.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new InputError('INVALID_OPTION', 'options.predictors: expected an array of column names', {
      argument: 'options.predictors',
      expected: 'an array of column names',
    });
  }
  const predictors = o.predictors as string[];
  if (predictors.length < minimumPredictors) {
    throw new InputError(
      'INVALID_OPTION',
      `options.predictors: expected at least ${minimumPredictors} predictors, got ${predictors.length}` +
        (predictors.length === 1
          ? ` ("${predictors[0]}"); with one predictor there is nothing to decompose: its importance is the whole R2, the squared correlation`
          : ''),
      { argument: 'options.predictors', value: predictors.length, expected: `at least ${minimumPredictors} predictors` },
    );
  }
  const seen = new Set<string>();
  for (const v of predictors) {
    if (seen.has(v)) {
      throw new InputError('INVALID_OPTION', `options.predictors: "${v}" is listed twice`, {
        argument: 'options.predictors',
        column: v,
        expected: 'distinct predictors',
      });
    }
    seen.add(v);
  }
  if (seen.has(o.outcome)) {
    throw new InputError('INVALID_OPTION', `options.predictors: the outcome "${o.outcome}" cannot also be a predictor`, {
      argument: 'options.predictors',
      column: o.outcome,
      expected: 'predictors other than the outcome',
    });
  }
  return { outcome: o.outcome, predictors: [...predictors] };
}

/**
 * Reads rows or a summary into an {@link ImportanceData}. Requires at least p + 2 complete cases
 * (a correlation matrix of p + 1 variables from fewer cases is singular), positive variances, a
 * positive-definite predictor correlation matrix and a positive semi-definite full matrix.
 *
 * @throws InputError `EMPTY_INPUT`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `INVALID_OPTION`,
 *   `MISSING_VALUE`; InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE`; NumericalError
 *   `NOT_POSITIVE_DEFINITE`.
 */
export function readImportanceData(data: unknown, options: ImportanceDataOptions, minimumPredictors = 2): ImportanceData {
  const { outcome, predictors } = checkVariables(options, minimumPredictors);
  const p = predictors.length;
  const variables = [...predictors, outcome];
  const minimum = p + 2;
  let sscp: number[][];
  let means: readonly number[] | undefined;
  let n: number;
  let weightSum: number;
  let weighted: boolean;
  let source: StatisticsSource;
  let missing: MissingReport;
  let sample: ImportanceSample | undefined;
  if (isMatrixInput(data)) {
    if (options.weights !== undefined) {
      throw new InputError('INVALID_OPTION', 'options.weights: weights apply to rows; a summary input already carries its weighting', {
        argument: 'options.weights',
        expected: 'no weights option with a summary input',
      });
    }
    const { stats, source: src, hasMeans } = toSufficientStatistics(data);
    const position = variables.map((v) => {
      const i = stats.variables.indexOf(v);
      if (i < 0) {
        const argument = v === outcome ? 'options.outcome' : 'options.predictors';
        throw new InputError(
          'COLUMN_NOT_FOUND',
          `${argument}: variable "${v}" not found in the summary (variables: ${stats.variables.slice(0, 12).join(', ')})`,
          {
            argument,
            column: v,
            expected: 'a variable of the summary',
          },
        );
      }
      return i;
    });
    sscp = position.map((i) => position.map((j) => stats.sscp[i]![j]!));
    means = hasMeans ? position.map((i) => stats.means[i]!) : undefined;
    n = stats.n;
    weightSum = stats.weightSum;
    weighted = stats.weighted;
    source = src;
    missing = stats.missing;
    if (n < minimum) {
      throw new InsufficientDataError('TOO_FEW_CASES', `data.n: ${n} cases for ${p} predictors; need at least ${minimum} (p + 2)`, {
        argument: 'data.n',
        value: n,
        expected: `at least ${minimum}`,
      });
    }
  } else if (options.missing === 'pairwise' || options.missing === 'fiml') {
    if (options.weights !== undefined) {
      throw new InputError('INVALID_OPTION', `options.weights: not with missing: "${options.missing}" (the covariances are unweighted)`, {
        argument: 'options.weights',
        expected: 'no weights with pairwise or FIML',
      });
    }
    const { input, correlation: pairwise } = missingCovariance(data, variables, options.missing, { missingCodes: options.missingCodes });
    const k = variables.length;
    // Pairwise: R's pairwise correlations (each pair's own SDs); FIML: the EM covariance.
    sscp = (pairwise ?? input.covariance).map((row) => row.map((c) => c * (input.n - 1)));
    means = input.means;
    n = input.n;
    weightSum = n;
    weighted = false;
    source = 'rows';
    missing = input.missing;
    if (n < minimum || k < 2) {
      throw new InsufficientDataError('TOO_FEW_CASES', `rows: ${n} cases for ${p} predictors; need at least ${minimum} (p + 2)`, {
        argument: 'rows',
        value: n,
        expected: `at least ${minimum}`,
      });
    }
  } else {
    requireRows(data);
    const read = readColumns(
      data,
      variables.map((column) => ({ column })),
      {
        weights: options.weights,
        missing: options.missing,
        missingCodes: options.missingCodes,
        minimum,
      },
    );
    const cp = centredCrossProducts(read.columns, read.weights);
    sscp = cp.sscp;
    means = cp.means;
    // As R's lm counts them: cases with a positive weight (a zero weight contributes nothing).
    n = read.weights ? read.weights.reduce((count, w) => count + (w > 0 ? 1 : 0), 0) : read.index.length;
    if (n < minimum) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `rows: ${n} complete cases with a positive weight for ${p} predictors; need at least ${minimum} (p + 2)`,
        {
          argument: 'rows',
          value: n,
          expected: `at least ${minimum} cases with a positive weight`,
        },
      );
    }
    weightSum = cp.weightSum;
    weighted = read.weights !== undefined;
    source = 'rows';
    missing = read.missing;
    sample = { columns: read.columns, weights: read.weights, index: read.index };
  }
  const correlation = checkedCorrelation(sscp, variables, outcome);
  return { outcome, predictors, correlation, n, weightSum, weighted, source, means, missing, sample };
}
