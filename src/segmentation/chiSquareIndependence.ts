import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError, InsufficientDataError } from '../errors.js';
import { chiSquareUpperTail } from '../internal/distributions.js';
import { sum } from '../internal/sums.js';

/** Options of {@link chiSquareIndependence}. */
export interface ChiSquareOptions {
  /**
   * Yates' continuity correction, applied only to a 2 x 2 table (as R `chisq.test`, whose default
   * is `correct = TRUE`). Default `false`: the plain Pearson statistic, R `chisq.test(correct = FALSE)`.
   */
  readonly continuityCorrection?: boolean;
}

/** Result of {@link chiSquareIndependence}. */
export interface ChiSquareResult {
  readonly method: 'pearson-chi-square';
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Total count. */
  readonly n: number;
  /** Expected counts under independence, for the rows and columns kept. */
  readonly expected: readonly (readonly number[])[];
  readonly minimumExpected: number;
  /** Cells with an expected count below 5 (R warns "Chi-squared approximation may be incorrect"). */
  readonly cellsExpectedBelowFive: number;
  /** Cramer's V `sqrt(X^2 / (n (min(r, c) - 1)))`. */
  readonly cramersV: number;
  /** Rows and columns with a zero total, left out (their expected counts would be 0). */
  readonly droppedRows: readonly number[];
  readonly droppedColumns: readonly number[];
  /** Whether Yates' correction was applied (only ever to a 2 x 2 table). */
  readonly continuityCorrection: boolean;
}

/**
 * Pearson's chi-square test of independence on an r x c contingency table (segments x
 * categories, say).
 *
 * Method: expected counts `E_ij = row_i col_j / n`, `X^2 = sum (O - E)^2 / E` on
 * `(r - 1)(c - 1)` df, p from the upper regularized gamma. Rows or columns with a zero total are
 * left out and reported (R `chisq.test` would return NaN). For a 2 x 2 table R applies Yates'
 * correction by default; here it is off unless `continuityCorrection: true`, which then uses
 * R's `min(0.5, |O - E|)`. Counts may be non-integer (weighted counts; the test then assumes
 * they behave like counts). Reference: R `chisq.test`.
 *
 * @param table - Rows of non-negative counts, all rows the same length.
 * @param options - `continuityCorrection` (2 x 2 only; default false).
 * @returns X^2, df, p, n, expected counts, the smallest expected count, Cramer's V, dropped rows/columns.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `OUT_OF_RANGE` (a negative count),
 *   `LENGTH_MISMATCH` (ragged rows); InsufficientDataError `TOO_FEW_CASES` (fewer than 2 rows or
 *   columns with a positive total).
 *
 * @example
 * ```ts
 * import { chiSquareIndependence } from 'loyalty-drivers';
 * // expected 12, 18, 28, 42; X^2 = 4 (1/12 + 1/18 + 1/28 + 1/42) = 50 / 63
 * chiSquareIndependence([[10, 20], [30, 40]]); // => { statistic: 0.793650..., df: 1, pValue: 0.372998..., n: 100, minimumExpected: 12, ... }
 * ```
 */
export function chiSquareIndependence(table: readonly (readonly number[])[], options: ChiSquareOptions = {}): ChiSquareResult {
  checkOptions(options, CHI_SQUARE_KEYS);
  if (!Array.isArray(table) || table.length === 0) {
    throw new InputError('EMPTY_INPUT', 'table: expected a non-empty array of rows of counts', {
      argument: 'table',
      expected: 'rows of counts',
    });
  }
  const width = Array.isArray(table[0]) ? table[0].length : 0;
  if (width === 0)
    throw new InputError('EMPTY_INPUT', 'table[0]: expected a non-empty row of counts', {
      argument: 'table',
      row: 0,
      expected: 'a row of counts',
    });
  table.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== width) {
      throw new InputError(
        'LENGTH_MISMATCH',
        `table[${i}]: expected ${width} counts like table[0], got ${Array.isArray(r) ? r.length : typeof r}`,
        {
          argument: 'table',
          row: i,
          expected: `${width} counts`,
        },
      );
    }
    r.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError('NOT_NUMERIC', `table[${i}][${j}]: expected a count, got ${JSON.stringify(v)}`, {
          argument: 'table',
          row: i,
          expected: 'a finite count',
        });
      }
      if (v < 0)
        throw new InputError('OUT_OF_RANGE', `table[${i}][${j}]: counts must be >= 0, got ${v}`, {
          argument: 'table',
          row: i,
          value: v,
          expected: '>= 0',
        });
    });
  });
  const rowTotals = table.map((r) => sum(r));
  const colTotals = Array.from({ length: width }, (_, j) => sum(table.map((r) => r[j]!)));
  const rows = rowTotals.map((t, i) => (t > 0 ? i : -1)).filter((i) => i >= 0);
  const cols = colTotals.map((t, j) => (t > 0 ? j : -1)).filter((j) => j >= 0);
  if (rows.length < 2 || cols.length < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `table: ${rows.length} row(s) and ${cols.length} column(s) have a positive total; need at least 2 of each`,
      {
        argument: 'table',
        expected: 'at least 2 non-empty rows and columns',
      },
    );
  }
  const n = sum(rows.map((i) => rowTotals[i]!));
  const yates = options.continuityCorrection === true && rows.length === 2 && cols.length === 2;
  const expected: number[][] = [];
  const terms: number[] = [];
  let minimumExpected = Infinity;
  let below = 0;
  for (const i of rows) {
    const e: number[] = [];
    for (const j of cols) {
      const eij = (rowTotals[i]! * colTotals[j]!) / n;
      e.push(eij);
      if (eij < minimumExpected) minimumExpected = eij;
      if (eij < 5) below++;
      let d = Math.abs(table[i]![j]! - eij);
      if (yates) d -= Math.min(0.5, d);
      terms.push((d * d) / eij);
    }
    expected.push(e);
  }
  const statistic = sum(terms);
  const df = (rows.length - 1) * (cols.length - 1);
  return {
    method: 'pearson-chi-square',
    statistic,
    df,
    pValue: chiSquareUpperTail(statistic, df),
    n,
    expected,
    minimumExpected,
    cellsExpectedBelowFive: below,
    cramersV: Math.sqrt(statistic / (n * (Math.min(rows.length, cols.length) - 1))),
    droppedRows: rowTotals.map((t, i) => (t > 0 ? -1 : i)).filter((i) => i >= 0),
    droppedColumns: colTotals.map((t, j) => (t > 0 ? -1 : j)).filter((j) => j >= 0),
    continuityCorrection: yates,
  };
}

/** The keys of {@link ChiSquareOptions}. */
const CHI_SQUARE_KEYS = optionKeys<ChiSquareOptions>({ continuityCorrection: true });
