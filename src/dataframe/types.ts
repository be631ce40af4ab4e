/**
 * Structural types for danfojs, so this entry point never imports danfojs itself.
 *
 * @module dataframe
 */

/** What this module reads from a DataFrame: its column names and row-major values (danfojs `DataFrame`). */
export interface DataFrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[] | readonly unknown[];
}

/** The parts of a danfojs `DataFrame` that {@link loadDanfo} users get typed. */
export interface DanfoDataFrame extends DataFrameLike {
  readonly shape: readonly [number, number];
  print(): void;
}

/** What this module needs of the danfojs module: its `DataFrame` constructor (`import * as dfd from 'danfojs-node'`). */
export interface DanfoLike<T = DataFrameLike> {
  readonly DataFrame: new (data: unknown, options?: { columns?: string[] }) => T;
}

/** A flat record: one table row with scalar cells, as DataFrames hold them. */
export type FlatRecord = Record<string, string | number | boolean | null>;

/** Options of {@link resultToRecords} and {@link toDataFrame}. */
export interface TableOptions {
  /**
   * Which table of a result to take, as a property path: `'coefficients'`, `'importance'`,
   * `'shares'`, `'profiles'`, `'bootstrap.intervals'`... Default: the first table the result has
   * (see {@link resultTables}).
   */
  readonly table?: string;
  /** Name of the column holding the keys when an object of objects is turned into rows (default `'name'`). */
  readonly index?: string;
}
