import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { flattenRecord, isPlainObject, tableShape, toRecords } from './flatten.js';
import { resultTables } from './resultTables.js';
import type { FlatRecord, TableOptions } from './types.js';

/** The keys of {@link TableOptions}. @internal */
export const TABLE_KEYS = optionKeys<TableOptions>({ table: true, index: true });

/**
 * Turns a result object (or rows) into flat records, one per table row, ready for a DataFrame,
 * a CSV writer or `console.table`. Nested objects become dotted columns (`nps.standardError`),
 * intervals `.lower`/`.upper`; an object keyed by name becomes one row per name with the keys in
 * an `index` column (`name` by default): `importance` (metric -> driver -> value) gives one row
 * per driver with a column per metric.
 *
 * @param result - A result of the library, an array of rows, or any plain JSON object.
 * @param options - `table`: which table (a path from {@link resultTables}; default the first);
 *   `index`: name of the key column (default `'name'`).
 * @returns Flat records (scalar cells; NaN and undefined as null).
 * @throws InputError `INVALID_OPTION` when the result has no such table (the message lists those it has).
 *
 * @example
 * ```ts
 * import { resultToRecords } from 'loyalty-drivers/dataframe';
 * const result = { importance: { lmg: { trust: 0.21, image: 0.09 }, first: { trust: 0.3, image: 0.2 } } };
 * resultToRecords(result, { index: 'driver' });
 * // => [{ driver: 'trust', lmg: 0.21, first: 0.3 }, { driver: 'image', lmg: 0.09, first: 0.2 }]
 * resultToRecords({ estimate: 2, confidenceInterval: [1, 3] })[0]; // => { estimate: 2, 'confidenceInterval.lower': 1, ... }
 * ```
 */
export function resultToRecords(result: unknown, options: TableOptions = {}): FlatRecord[] {
  checkOptions(options, TABLE_KEYS);
  const index = options.index ?? 'name';
  if (Array.isArray(result)) {
    if (!result.every(isPlainObject)) {
      throw new InputError('INVALID_OPTION', 'result: expected an array of plain objects (rows)', { argument: 'result', expected: 'rows' });
    }
    return result.map((r) => flattenRecord(r));
  }
  if (!isPlainObject(result)) {
    throw new InputError('INVALID_OPTION', `result: expected a result object or rows, got ${result === null ? 'null' : typeof result}`, {
      argument: 'result',
      expected: 'an object',
    });
  }
  const tables = resultTables(result);
  if (options.table === undefined) {
    // A result without tables is itself one row (e.g. nps(): { nps, standardError, ... }).
    if (tables.length === 0) return [flattenRecord(result)];
    const first = tables[0]!;
    return toRecords(at(result, first), tableShape(at(result, first))!, index);
  }
  const value = at(result, options.table);
  const shape = tableShape(value);
  if (shape === undefined) {
    throw new InputError(
      'INVALID_OPTION',
      `options.table: "${options.table}" is not a table of this result (tables: ${tables.join(', ') || 'none'})`,
      {
        argument: 'options.table',
        value: options.table,
        expected: tables.join(' | ') || 'a table',
      },
    );
  }
  return toRecords(value, shape, index);
}

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) v = isPlainObject(v) ? v[key] : undefined;
  return v;
}
