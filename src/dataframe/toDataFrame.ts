import { InputError } from '../errors.js';
import { checkOptions } from '../internal/options.js';
import { TABLE_KEYS } from './resultToRecords.js';
import { resultToRecords } from './resultToRecords.js';
import type { DanfoLike, DataFrameLike, TableOptions } from './types.js';

/**
 * Turns a result (coefficients, importance, segment profiles, ...) or rows into a danfojs
 * DataFrame, through {@link resultToRecords}. Pass the danfojs module: this entry point never
 * imports danfojs itself, so the library works without it (see {@link loadDanfo}).
 *
 * @param result - A result object of the library, or rows.
 * @param danfo - The danfojs module (`import * as dfd from 'danfojs-node'`), or anything with a `DataFrame` constructor.
 * @param options - `table` (which table of the result) and `index` (name of the key column).
 * @returns A new DataFrame with one row per record.
 * @throws InputError `INVALID_OPTION` (no `DataFrame` constructor, unknown table, or an empty table).
 *
 * @example
 * ```ts
 * import { toDataFrame } from 'loyalty-drivers/dataframe';
 * // A stand-in for `import * as dfd from 'danfojs-node'` (the real module works the same way):
 * class DataFrame { constructor(readonly records: object[]) {} }
 * const df = toDataFrame({ coefficients: [{ term: '(Intercept)', estimate: 1.2 }, { term: 'trust', estimate: 0.4 }] }, { DataFrame });
 * df.records.length; // => 2
 * ```
 */
export function toDataFrame<T = DataFrameLike>(result: unknown, danfo: DanfoLike<T>, options: TableOptions = {}): T {
  checkOptions(options, TABLE_KEYS);
  if (danfo === null || typeof danfo !== 'object' || typeof danfo.DataFrame !== 'function') {
    throw new InputError(
      'INVALID_OPTION',
      'danfo: expected the danfojs module (import * as dfd from "danfojs-node"), with a DataFrame constructor',
      {
        argument: 'danfo',
        expected: 'the danfojs module',
      },
    );
  }
  const records = resultToRecords(result, options);
  if (records.length === 0) {
    throw new InputError('INVALID_OPTION', 'result: the table is empty; a DataFrame needs at least one row', {
      argument: 'result',
      expected: 'a non-empty table',
    });
  }
  // Every record gets every column (missing ones null), in first-seen order.
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const rows = records.map((r) => columns.map((c) => r[c] ?? null));
  return new danfo.DataFrame(rows, { columns });
}
