import { isPlainObject, tableShape } from './flatten.js';

/**
 * Lists the tables inside a result object, as property paths that {@link resultToRecords} and
 * {@link toDataFrame} accept as `table`: arrays of row objects (`coefficients`, `profiles`),
 * objects of objects keyed by name (`importance`, `shares`: metric -> driver -> value), objects
 * of equally long arrays, and objects of two or more numbers (`vif`). Nested results are
 * searched too (`bootstrap.intervals`), in property order.
 *
 * @param result - Any result object of the library (or any plain JSON object).
 * @returns Property paths, in the order they appear.
 *
 * @example
 * ```ts
 * import { resultTables } from 'loyalty-drivers/dataframe';
 * resultTables({ n: 3, coefficients: [{ term: 'x', estimate: 1 }], vif: { x: 1, z: 2 } });
 * // => ['coefficients', 'vif']
 * ```
 */
export function resultTables(result: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (!isPlainObject(value) || depth > 3) return;
    for (const [key, child] of Object.entries(value)) {
      const p = path ? `${path}.${key}` : key;
      if (tableShape(child) !== undefined) out.push(p);
      else walk(child, p, depth + 1);
    }
  };
  walk(result, '', 0);
  return out;
}
