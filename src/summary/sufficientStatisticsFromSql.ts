import { InputError, InsufficientDataError } from '../errors.js';
import type { MissingReport } from '../types.js';
import { resolveSqlPlan, type ResolvedSqlPlan, type SufficientStatisticsSqlPlan } from './sqlPlan.js';
import type { SufficientStatistics } from './sufficientStatistics.js';

/** A group's value of a grouping column, as JSON: text, number, boolean or null. */
export type SqlGroupValue = string | number | boolean | null;

/** One group of a grouped {@link sufficientStatisticsFromSql} answer. */
export interface SufficientStatisticsGroup {
  /** The group's value of each `groupBy` column. */
  readonly group: Readonly<Record<string, SqlGroupValue>>;
  readonly statistics: SufficientStatistics;
}

/** A row of the engine's answer: column name (any case) -> value (number, bigint, numeric text or null). */
export type SqlAnswerRow = Readonly<Record<string, unknown>>;

function groupValue(x: unknown): SqlGroupValue {
  if (x === null || x === undefined) return null;
  if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? Number(x) : String(x);
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  if (x instanceof Date) return x.toISOString();
  return String(x);
}

/**
 * Turns the rows of the query {@link sufficientStatisticsSql} wrote (as the engine or its client
 * returns them: plain objects, numbers as `number`, `bigint` or numeric text) into the library's
 * {@link SufficientStatistics}, which `relativeImportance`, `ols`, `dominanceAnalysis` and
 * `reliability` take in place of rows. Pass the same `plan` that wrote the query.
 *
 * Method: the corrected two-pass step: `m = m1 + d / W` and `S = s - d d' / W`, where `m1` are
 * the first-pass means and `d` the sums of weighted centred values. The checks the file readers
 * make on each cell are made here on the group's minimum, maximum and count of non-integers of
 * every declared column, so out-of-range data fail the same way (without the row number).
 *
 * @param rows - The engine's answer: one row (no `groupBy`) or one row per group.
 * @param plan - The plan passed to {@link sufficientStatisticsSql}.
 * @returns Without `groupBy`, the {@link SufficientStatistics}; with it, one
 *   {@link SufficientStatisticsGroup} per row, in the answer's order.
 * @throws InputError `EMPTY_INPUT` (no rows), `OUT_OF_RANGE` (a declared range or a negative or
 *   all-zero weight), `INVALID_OPTION` (rows not from this plan's query); InsufficientDataError
 *   `TOO_FEW_CASES` (a group without a complete case); InputError `NOT_NUMERIC` (NaN or
 *   infinite values in the data).
 *
 * @example
 * ```ts
 * import { sufficientStatisticsFromSql } from 'loyalty-drivers';
 * // What the query answers for x = 1, 2, 3 and y = 2, 4, 7 (d: the centred values' sums, 0 here)
 * const answer = [{ rows_in: 3, rows_used: 3, n: 3, weight_sum: 3, m0: 2, m1: 13 / 3, na0: 0, na1: 0,
 *   d0: 0, d1: 0, s0_0: 2, s0_1: 5, s1_1: 38 / 3 }];
 * const s = sufficientStatisticsFromSql(answer, { variables: ['x', 'y'] });
 * s.sscp; // => [[2, 5], [5, 12.666...]]
 * ```
 */
export function sufficientStatisticsFromSql(
  rows: readonly SqlAnswerRow[],
  plan: SufficientStatisticsSqlPlan & { readonly groupBy?: undefined },
): SufficientStatistics;
export function sufficientStatisticsFromSql(
  rows: readonly SqlAnswerRow[],
  plan: SufficientStatisticsSqlPlan & { readonly groupBy: string | readonly string[] },
): SufficientStatisticsGroup[];
export function sufficientStatisticsFromSql(
  rows: readonly SqlAnswerRow[],
  plan: SufficientStatisticsSqlPlan,
): SufficientStatistics | SufficientStatisticsGroup[];
export function sufficientStatisticsFromSql(
  rows: readonly SqlAnswerRow[],
  plan: SufficientStatisticsSqlPlan,
): SufficientStatistics | SufficientStatisticsGroup[] {
  const p = resolveSqlPlan(plan);
  if (!Array.isArray(rows)) {
    throw new InputError('INVALID_OPTION', 'rows: expected the array of rows the query answered', {
      argument: 'rows',
      expected: 'an array of rows',
    });
  }
  if (p.groupBy.length === 0) {
    if (rows.length !== 1) {
      throw new InputError('INVALID_OPTION', `rows: the query without groupBy answers one row, got ${rows.length}`, {
        argument: 'rows',
        expected: 'one row',
      });
    }
    return readRow(rows[0]!, p, '', 0);
  }
  if (rows.length === 0)
    throw new InputError('EMPTY_INPUT', 'rows: no groups (the source has no rows)', { argument: 'rows', expected: 'at least one row' });
  return rows.map((row, i) => {
    const r = lower(row, i);
    const group: Record<string, SqlGroupValue> = {};
    p.groupBy.forEach((column, c) => {
      group[column] = groupValue(r.get(`g${c}`));
    });
    const label = ` (group ${p.groupBy.map((c) => `${c} = ${JSON.stringify(group[c])}`).join(', ')})`;
    return { group, statistics: readRow(row, p, label, i) };
  });
}

function lower(row: SqlAnswerRow, i: number): Map<string, unknown> {
  if (row === null || typeof row !== 'object') {
    throw new InputError('INVALID_OPTION', `rows[${i}]: expected an object of the query's columns`, {
      argument: `rows[${i}]`,
      expected: 'an object',
    });
  }
  return new Map(Object.entries(row).map(([key, value]) => [key.toLowerCase(), value]));
}

function readRow(row: SqlAnswerRow, p: ResolvedSqlPlan, label: string, i: number): SufficientStatistics {
  const r = lower(row, i);
  const num = (key: string, nullable = false): number => {
    if (!r.has(key)) {
      throw new InputError(
        'INVALID_OPTION',
        `rows[${i}]: no column "${key}"; pass the rows of the query sufficientStatisticsSql wrote with this plan`,
        {
          argument: `rows[${i}]`,
          expected: `a column ${key}`,
        },
      );
    }
    const x = r.get(key);
    if (x === null || x === undefined) return nullable ? NaN : 0;
    const v = typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : typeof x === 'string' ? Number(x) : Number(x as number);
    if (Number.isNaN(v) && typeof x !== 'number') {
      throw new InputError('INVALID_OPTION', `rows[${i}].${key}: expected a number, got ${JSON.stringify(String(x))}`, {
        argument: `rows[${i}].${key}`,
        expected: 'a number',
      });
    }
    return v;
  };
  const names = p.variables.map((v) => v.name);
  const rowsIn = num('rows_in');
  if (rowsIn === 0)
    throw new InputError('EMPTY_INPUT', `the source has no rows${label}`, { argument: 'rows', expected: 'at least one data row' });
  // The checks the readers make on every cell, made on each declared column's extremes.
  p.cells.forEach((c, j) => {
    const range = `${c.integer ? 'an integer' : 'a number'}${c.min !== undefined ? ` from ${c.min}` : ''}${c.max !== undefined ? ` to ${c.max}` : ''}`;
    const bad = (value: number | undefined, what: string): never => {
      throw new InputError(
        'OUT_OF_RANGE',
        `column "${c.column}"${label}: expected ${range}, got ${what} (if it codes a missing answer, declare it in missingCodes)`,
        { argument: 'rows', column: c.column, ...(value === undefined ? {} : { value }), expected: range },
      );
    };
    const lo = c.min === undefined ? NaN : num(`lo${j}`, true);
    const hi = c.max === undefined ? NaN : num(`hi${j}`, true);
    if (c.min !== undefined && lo < c.min) bad(lo, String(lo));
    if (c.max !== undefined && hi > c.max) bad(hi, String(hi));
    if (c.integer && num(`ni${j}`) > 0) bad(undefined, `${num(`ni${j}`)} values that are not whole numbers`);
  });
  const rowsUsed = num('rows_used');
  const expected = `at least 1 complete case`;
  if (rowsUsed === 0) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `0 complete cases of ${rowsIn} on ${names.join(', ')}${p.weights ? ` (weights ${p.weights})` : ''}${label}; need at least 1`,
      { argument: 'rows', expected },
    );
  }
  const w = num('weight_sum');
  if (p.weights !== undefined && !(w > 0)) {
    throw new InputError('OUT_OF_RANGE', `every weight in column "${p.weights}" is zero${label}; expected at least one positive weight`, {
      argument: 'rows',
      column: p.weights,
      expected: 'at least one positive weight',
    });
  }
  const k = names.length;
  const d = names.map((_, j) => num(`d${j}`));
  const means = names.map((_, j) => num(`m${j}`, true) + d[j]! / w);
  const sscp: number[][] = names.map(() => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    for (let l = j; l < k; l++) {
      const s = num(`s${j}_${l}`) - (d[j]! * d[l]!) / w;
      sscp[j]![l] = s;
      sscp[l]![j] = s;
    }
  }
  if (!means.every(Number.isFinite) || !sscp.every((row) => row.every(Number.isFinite))) {
    throw new InputError(
      'NOT_NUMERIC',
      `the statistics of ${names.join(', ')}${label} are not finite: the data hold NaN or infinite values (NULL is the missing value in SQL)`,
      {
        argument: 'rows',
        expected: 'finite values',
      },
    );
  }
  const byColumn: Record<string, number> = {};
  names.forEach((name, j) => {
    const m = num(`na${j}`);
    if (m > 0) byColumn[name] = m;
  });
  if (p.weights !== undefined) {
    const m = num('na_w');
    if (m > 0) byColumn[p.weights] = m;
  }
  const missing: MissingReport = { policy: 'omit', rowsIn, rowsUsed, rowsDropped: rowsIn - rowsUsed, byColumn };
  return {
    kind: 'sufficient-statistics',
    variables: names,
    n: num('n'),
    weightSum: w,
    weighted: p.weights !== undefined,
    means,
    sscp,
    missing,
  };
}
