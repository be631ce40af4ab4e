/**
 * Shared public types: rows, scales, the missing-value policy and its report.
 *
 * @module types
 */

/** One respondent or customer: a plain object keyed by column name, as parsed from CSV or JSON. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * What to do with a missing value (`null`, `undefined`, `''`, `NaN` or a declared missing code):
 * `'omit'` (default) drops the case listwise and reports it; `'fail'` throws `MISSING_VALUE`.
 */
export type MissingPolicy = 'omit' | 'fail';

/** The declared range of a scale, e.g. `{ min: 0, max: 10, integer: true }` for likelihood to recommend. */
export interface ScaleRange {
  readonly min?: number;
  readonly max?: number;
  /** Whether only whole numbers are valid answers. */
  readonly integer?: boolean;
}

/**
 * How many cases came in, how many were used, and why the others were dropped.
 * `byColumn[c]` counts the cases whose column `c` was missing (a case missing two columns counts
 * in both, so the counts may add up to more than `rowsDropped`).
 */
export interface MissingReport {
  readonly policy: MissingPolicy;
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly rowsDropped: number;
  readonly byColumn: Readonly<Record<string, number>>;
}

/** A two-sided confidence interval `[lower, upper]`. */
export type Interval = readonly [number, number];
