import type { Row } from '../types.js';
import { fromDataFrame } from './fromDataFrame.js';
import { isPlainObject } from './flatten.js';
import type { DataFrameLike } from './types.js';

function isDataFrame(x: unknown): x is DataFrameLike {
  return (
    x !== null &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    !isPlainObject(x) &&
    Array.isArray((x as DataFrameLike).columns) &&
    Array.isArray((x as DataFrameLike).values)
  );
}

/**
 * Wraps any function of the library that takes rows first so that it also takes a danfojs
 * DataFrame there (converted with {@link fromDataFrame}); everything else is passed through.
 *
 * @param fn - A function whose first argument is rows, e.g. `ols`, `relativeImportance`, `segmentLoyalty`.
 * @returns The same function, accepting a DataFrame or rows as its first argument.
 *
 * @example
 * ```ts
 * import { withDataFrames } from 'loyalty-drivers/dataframe';
 * import { customerLoyaltyIndex } from 'loyalty-drivers';
 * class Frame { columns = ['r', 'p', 'u']; values = [[10, 8, 6], [4, 6, 5]]; }
 * const cli = withDataFrames(customerLoyaltyIndex);
 * cli(new Frame() as never, { items: ['r', 'p', 'u'] }).estimate; // => 65
 * ```
 */
export function withDataFrames<A extends unknown[], R>(
  fn: (rows: readonly Row[], ...rest: A) => R,
): (data: readonly Row[] | DataFrameLike, ...rest: A) => R {
  return (data, ...rest) => fn(isDataFrame(data) ? fromDataFrame(data) : (data as readonly Row[]), ...rest);
}
