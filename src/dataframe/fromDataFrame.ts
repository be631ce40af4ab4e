import { InputError } from '../errors.js';
import { rowFactory } from '../internal/rowShape.js';
import type { Row } from '../types.js';
import { cell } from './flatten.js';
import type { DataFrameLike } from './types.js';

/**
 * Converts a danfojs DataFrame into rows (plain objects keyed by column), the input every
 * function of the library accepts. Missing values (danfojs `NaN`, `null`, `undefined`) become
 * `null`; numbers, text and booleans are kept. Rows (an array of objects) pass through unchanged,
 * so a function can accept either.
 *
 * @param data - A danfojs `DataFrame` (anything with `columns` and row-major `values`), or rows.
 * @returns One plain object per row.
 * @throws InputError `INVALID_OPTION` when `data` is neither a DataFrame nor rows.
 *
 * @example
 * ```ts
 * import { fromDataFrame } from 'loyalty-drivers/dataframe';
 * import { nps } from 'loyalty-drivers';
 * // Any object with columns and values works; a danfojs DataFrame has both.
 * const df = { columns: ['id', 'recommend'], values: [['a', 10], ['b', NaN], ['c', 3]] };
 * const rows = fromDataFrame(df); // => [{ id: 'a', recommend: 10 }, { id: 'b', recommend: null }, ...]
 * nps(rows.map((r) => r.recommend)).estimate; // => 0
 * ```
 */
export function fromDataFrame(data: DataFrameLike | readonly Row[]): Row[] {
  if (Array.isArray(data)) return data as Row[];
  const df = data as DataFrameLike;
  if (df === null || typeof df !== 'object' || !Array.isArray(df.columns) || !Array.isArray(df.values)) {
    throw new InputError('INVALID_OPTION', 'data: expected a danfojs DataFrame (with columns and values) or an array of rows', {
      argument: 'data',
      expected: 'a DataFrame or rows',
    });
  }
  const columns = df.columns;
  const values = df.values as readonly unknown[];
  const newRow = rowFactory(columns);
  // A one-column frame may hold a flat array of values.
  return values.map((v) => {
    const cells = Array.isArray(v) ? v : [v];
    const row = newRow();
    columns.forEach((c, j) => {
      row[c] = cell(cells[j]);
    });
    return row;
  });
}
