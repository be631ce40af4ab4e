import { collinearityDiagnostics } from '../internal/collinearity.js';
import { InputError, InsufficientDataError, NumericalError } from '../errors.js';
import { normalQuantile, tTwoSidedP } from '../internal/distributions.js';
import { symmetricEigen } from '../internal/matrix.js';
import { centredCrossProducts, correlationFromCovariance } from '../internal/sums.js';
import { checkConfidenceLevel, readColumns, requireRows, type ReadOptions } from '../internal/validate.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { missingCovariance } from '../missing/missingCovariance.js';
import type { CovarianceMissingPolicy, MissingReport, Row, Warning } from '../types.js';
import { SCALE_SCORES_KEYS, scaleScores, type ScaleScoresOptions } from './scaleScores.js';
import type { ScaleDefinitions } from './types.js';

/** Options of {@link driverCorrelations}. */
export interface DriverCorrelationsOptions extends Omit<ReadOptions, 'missing'> {
  /**
   * `'omit'` (default): respondents with every driver score; `'fail'` throws on a missing score;
   * `'pairwise'`: each correlation over the respondents with both scores (its p-value and interval
   * on that pair's n, as psych `corr.test`); `'fiml'`: the saturated normal model by EM (lavaan
   * `lavCor(missing = "ml")`), n = respondents with any score.
   */
  readonly missing?: CovarianceMissingPolicy;
  /** Confidence level of the correlations' intervals (default 0.95). */
  readonly confidenceLevel?: number;
  /** With scales: how scores are made (see {@link scaleScores}; default mean of all items). */
  readonly scores?: Omit<ScaleScoresOptions, 'missingCodes'>;
}

const DRIVER_CORRELATIONS_KEYS = optionKeys<DriverCorrelationsOptions>({
  confidenceLevel: true,
  scores: true,
  missing: true,
  missingCodes: true,
});
const SCORES_KEYS = SCALE_SCORES_KEYS.filter((key) => key !== 'missingCodes');

/** Result of {@link driverCorrelations}. */
export interface DriverCorrelationsResult {
  readonly method: 'pearson';
  /** `'scales'` when scores were built from scale definitions, `'columns'` when read as given. */
  readonly input: 'scales' | 'columns';
  readonly drivers: readonly string[];
  /**
   * Respondents used: with every driver score (listwise); under `'pairwise'` the smallest pair
   * count (each pair's own is in `missing.pairwise.counts`); under `'fiml'` those with any score.
   */
  readonly n: number;
  /** Pearson correlation matrix, in `drivers` order. */
  readonly correlation: readonly (readonly number[])[];
  /** Two-sided p-values of `r = 0` (t on n - 2 df, as cor.test); 0 on the diagonal. */
  readonly pValues: readonly (readonly number[])[];
  /** Fisher-z confidence limits (as cor.test); 1 on the diagonal. */
  readonly lower: readonly (readonly number[])[];
  readonly upper: readonly (readonly number[])[];
  readonly confidenceLevel: number;
  readonly means: Readonly<Record<string, number>>;
  readonly standardDeviations: Readonly<Record<string, number>>;
  /** Variance inflation factor of each driver among the others, `(R^-1)_jj = 1 / (1 - R_j^2)`. */
  readonly vif: Readonly<Record<string, number>>;
  /** Eigenvalues of the correlation matrix, largest first. */
  readonly eigenvalues: readonly number[];
  /** `sqrt(largest / smallest eigenvalue)` (Belsley, Kuh & Welsch 1980, on standardized drivers). */
  readonly conditionNumber: number;
  /** `sqrt(largest / eigenvalue_j)` for each eigenvalue. */
  readonly conditionIndices: readonly number[];
  readonly missing: MissingReport;
  /** Collinearity cautions: `HIGH_VIF` (a VIF above 5), `HIGH_CONDITION_NUMBER` (above 30). */
  readonly warnings: readonly Warning[];
}

function scoreColumns(
  rows: readonly Row[],
  scales: ScaleDefinitions,
  options: DriverCorrelationsOptions,
): { names: string[]; columns: Float64Array[]; missing: MissingReport } {
  const result = scaleScores(rows, scales, { ...(options.scores ?? {}), missingCodes: options.missingCodes });
  const names = [...result.scaleNames];
  if (options.missing === 'pairwise' || options.missing === 'fiml') {
    const byColumn: Record<string, number> = {};
    for (const s of names) if (result.scales[s]!.unscored > 0) byColumn[s] = result.scales[s]!.unscored;
    return {
      names,
      columns: names.map((s) => Float64Array.from(result.scores[s]!, (v) => (v === null ? NaN : v))),
      missing: { policy: options.missing, rowsIn: result.n, rowsUsed: result.n, rowsDropped: 0, byColumn },
    };
  }
  const keep: number[] = [];
  for (let i = 0; i < result.n; i++) {
    const unscored = names.find((s) => result.scores[s]![i] === null);
    if (unscored === undefined) keep.push(i);
    else if (options.missing === 'fail') {
      throw new InputError('MISSING_VALUE', `row ${i}: no "${unscored}" score (too few items answered) and options.missing is "fail"`, {
        argument: 'rows',
        row: i,
        column: unscored,
        expected: 'a value',
      });
    }
  }
  const byColumn: Record<string, number> = {};
  for (const s of names) if (result.scales[s]!.unscored > 0) byColumn[s] = result.scales[s]!.unscored;
  return {
    names,
    columns: names.map((s) => Float64Array.from(keep, (i) => result.scores[s]![i]!)),
    missing: { policy: options.missing ?? 'omit', rowsIn: result.n, rowsUsed: keep.length, rowsDropped: result.n - keep.length, byColumn },
  };
}

/**
 * Correlations between driver scores, with the collinearity diagnostics that decide how far a
 * driver regression can be read: variance inflation factors and the condition number. In
 * loyalty data the drivers correlate (a satisfied customer tends to trust), so this is the
 * normal case, and the reason `relativeImportance` exists.
 *
 * Method: scores per {@link scaleScores} (mean of all items by default), listwise over drivers;
 * Pearson correlations from corrected two-pass cross-products; p-values from
 * `t = r sqrt((n-2)/(1-r^2))` on n - 2 df and Fisher-z intervals `tanh(atanh r -/+ z/sqrt(n-3))`
 * (as R cor.test); VIF = diagonal of `R^-1`; condition number `sqrt(l_max / l_min)` of R.
 * Reference: R `cor`, `cor.test`, `diag(solve(R))`, `eigen` (tests, 1e-9).
 *
 * @param rows - Plain objects keyed by column.
 * @param drivers - {@link ScaleDefinitions} (scores are built), or names of columns that already
 *   hold driver scores.
 * @param options - `confidenceLevel` (0.95), `scores` (scoring options), `missing`, `missingCodes`.
 *   Unknown keys (also within `scores`) are refused.
 * @returns A {@link DriverCorrelationsResult}.
 * @throws InputError `INVALID_OPTION` (fewer than two drivers), `COLUMN_NOT_FOUND`,
 *   `NOT_NUMERIC`, `OUT_OF_RANGE`, `MISSING_VALUE`; InsufficientDataError `TOO_FEW_CASES` (fewer
 *   than 4 complete respondents), `ZERO_VARIANCE` (a constant driver); NumericalError
 *   `RANK_DEFICIENT` (a driver is an exact linear combination of others).
 *
 * @example
 * ```ts
 * import { driverCorrelations } from 'loyalty-drivers';
 * const rows = [
 *   { sat: 1, tru: 2, img: 1 }, { sat: 2, tru: 1, img: 2 }, { sat: 3, tru: 4, img: 2 },
 *   { sat: 4, tru: 3, img: 5 }, { sat: 5, tru: 5, img: 4 },
 * ];
 * const d = driverCorrelations(rows, ['sat', 'tru', 'img']);
 * d.correlation[0][1].toFixed(3); // => '0.800'
 * d.vif.sat.toFixed(2); // => '17.01'  (sat is nearly tru + img: see d.warnings)
 * d.conditionNumber.toFixed(2); // => '8.30'
 * ```
 */
export function driverCorrelations(
  rows: readonly Row[],
  drivers: ScaleDefinitions | readonly string[],
  options: DriverCorrelationsOptions = {},
): DriverCorrelationsResult {
  checkOptions(options, DRIVER_CORRELATIONS_KEYS);
  checkOptions(options.scores, SCORES_KEYS, 'options.scores');
  const data = requireRows(rows, 'rows');
  const level = checkConfidenceLevel(options.confidenceLevel);
  let names: string[];
  let columns: readonly Float64Array[];
  let missing: MissingReport;
  const input = Array.isArray(drivers) ? 'columns' : 'scales';
  const policy = options.missing ?? 'omit';
  if (policy === 'pairwise' || policy === 'fiml') {
    return incompleteCorrelations(data, drivers, policy, level, options);
  }
  if (Array.isArray(drivers)) {
    const sample = readColumns(
      data,
      drivers.map((column: string) => ({ column })),
      { argument: 'rows', missing: policy, missingCodes: options.missingCodes, minimum: 0 },
    );
    names = [...drivers];
    columns = sample.columns;
    missing = sample.missing;
  } else {
    ({ names, columns, missing } = scoreColumns(data, drivers as ScaleDefinitions, options));
  }
  if (names.length < 2 || new Set(names).size !== names.length) {
    throw new InputError(
      'INVALID_OPTION',
      `drivers: expected at least two distinct drivers, got ${names.length === 0 ? 'none' : names.join(', ')}`,
      {
        argument: 'drivers',
        expected: 'two or more distinct drivers',
      },
    );
  }
  const { means, sscp } = centredCrossProducts(columns);
  return driverCorrelationsFromMoments(input, names, columns[0]!.length, means, sscp, missing, level, (j) => columns[j]![0]!);
}

/** Pairwise or FIML: the covariance of the (possibly incomplete) driver columns, then the one result. */
function incompleteCorrelations(
  data: readonly Row[],
  drivers: ScaleDefinitions | readonly string[],
  policy: 'pairwise' | 'fiml',
  level: number,
  options: DriverCorrelationsOptions,
): DriverCorrelationsResult {
  const input = Array.isArray(drivers) ? 'columns' : 'scales';
  let names: string[];
  let source: readonly Row[];
  let scoreMissing: MissingReport | undefined;
  if (Array.isArray(drivers)) {
    names = [...drivers];
    source = data;
  } else {
    const scored = scoreColumns(data, drivers as ScaleDefinitions, options);
    names = scored.names;
    scoreMissing = scored.missing;
    source = Array.from({ length: scored.columns[0]?.length ?? 0 }, (_, i) =>
      Object.fromEntries(names.map((name, j) => [name, Number.isNaN(scored.columns[j]![i]!) ? null : scored.columns[j]![i]!])),
    );
  }
  if (names.length < 2 || new Set(names).size !== names.length) {
    throw new InputError(
      'INVALID_OPTION',
      `drivers: expected at least two distinct drivers, got ${names.length === 0 ? 'none' : names.join(', ')}`,
      {
        argument: 'drivers',
        expected: 'two or more distinct drivers',
      },
    );
  }
  const m = missingCovariance(source, names, policy, { missingCodes: input === 'columns' ? options.missingCodes : undefined });
  const n = m.input.n;
  const sscp = m.input.covariance.map((row) => row.map((c) => c * (n - 1)));
  const missing: MissingReport = scoreMissing
    ? { ...m.input.missing, rowsIn: scoreMissing.rowsIn, byColumn: scoreMissing.byColumn }
    : m.input.missing;
  const pairN = m.input.missing.pairwise?.counts;
  const used = policy === 'pairwise' ? m.input.missing.pairwise!.min : missing.rowsUsed;
  const first = (j: number) => m.columns[j]!.find((v) => !Number.isNaN(v)) ?? Number.NaN;
  return driverCorrelationsFromMoments(input, names, used, m.input.means ?? [], sscp, missing, level, first, pairN, m.correlation);
}

/**
 * The tail of {@link driverCorrelations} from moments (n, means, centred SSCP), shared with the
 * streaming `analyzeSource`. `first(j)` is driver j's value in the first case (named when a
 * driver is constant); under pairwise deletion `pairN` gives each pair's own n and
 * `pairwiseCorrelation` the pairwise correlations.
 * @internal
 */
export function driverCorrelationsFromMoments(
  input: 'scales' | 'columns',
  names: string[],
  n: number,
  means: readonly number[],
  sscp: readonly (readonly number[])[],
  missing: MissingReport,
  level: number,
  first: (j: number) => number,
  pairN?: readonly (readonly number[])[],
  pairwiseCorrelation?: readonly (readonly number[])[],
): DriverCorrelationsResult {
  if (n < 4) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `drivers ${names.join(', ')}: ${n} respondent${n === 1 ? '' : 's'} ${missing.policy === 'pairwise' ? 'in the smallest pair' : 'with every score'} of ${missing.rowsIn}; need at least 4`,
      {
        argument: 'rows',
        expected: 'at least 4 complete respondents',
      },
    );
  }
  names.forEach((name, j) => {
    if (!(sscp[j]![j]! > 0)) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `driver "${name}" has the same score (${first(j)}) for all ${n} respondents; a constant cannot be correlated`,
        {
          argument: 'drivers',
          column: name,
          expected: 'a driver whose scores vary',
        },
      );
    }
  });
  const r = pairwiseCorrelation ? pairwiseCorrelation.map((row) => [...row]) : correlationFromCovariance(sscp);
  const { values } = symmetricEigen(r);
  const largest = values[0]!;
  const smallest = values[values.length - 1]!;
  if (!(smallest > names.length * 16 * Number.EPSILON * largest)) {
    throw new NumericalError(
      'RANK_DEFICIENT',
      `drivers ${names.join(', ')}: the correlation matrix is singular (smallest eigenvalue ${smallest.toPrecision(3)}): one driver is a linear combination of the others`,
      {
        argument: 'drivers',
        expected: 'linearly independent drivers',
      },
    );
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const nOf = (i: number, j: number) => pairN?.[i]?.[j] ?? n;
  const pValues = r.map((row, i) =>
    row.map((v, j) => (i === j || Math.abs(v) >= 1 ? 0 : tTwoSidedP(v * Math.sqrt((nOf(i, j) - 2) / (1 - v * v)), nOf(i, j) - 2))),
  );
  const limit = (sign: number) =>
    r.map((row, i) =>
      row.map((v, j) => (i === j ? 1 : Math.abs(v) >= 1 ? v : Math.tanh(Math.atanh(v) + (sign * z) / Math.sqrt(nOf(i, j) - 3)))),
    );
  // The one collinearity rule (src/internal/collinearity.ts), as regression and importance use it.
  const diagnosis = collinearityDiagnostics(r, names, 'driver');
  const vif = diagnosis.vif;
  const conditionNumber = diagnosis.conditionNumber;
  const warnings: Warning[] = [...diagnosis.warnings];
  return {
    method: 'pearson',
    input,
    drivers: names,
    n,
    correlation: r,
    pValues,
    lower: limit(-1),
    upper: limit(1),
    confidenceLevel: level,
    means: Object.fromEntries(names.map((name, j) => [name, means[j]!])),
    standardDeviations: Object.fromEntries(names.map((name, j) => [name, Math.sqrt(sscp[j]![j]! / (n - 1))])),
    vif,
    eigenvalues: values,
    conditionNumber,
    conditionIndices: values.map((v) => Math.sqrt(largest / v)),
    missing,
    warnings,
  };
}
