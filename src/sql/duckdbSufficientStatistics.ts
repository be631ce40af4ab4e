/// <reference types="node" />
import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { PLAN_KEYS, resolveSqlPlan, type SufficientStatisticsSqlPlan } from '../summary/sqlPlan.js';
import type { SufficientStatistics } from '../summary/sufficientStatistics.js';
import { sufficientStatisticsFromSql, type SufficientStatisticsGroup } from '../summary/sufficientStatisticsFromSql.js';
import { sufficientStatisticsSql } from '../summary/sufficientStatisticsSql.js';
import { type DuckDBConnectionLike, type DuckDBSource, fromItem, loadDuckDB, runQuery } from './duckdb.js';

/** Options of {@link duckdbSufficientStatistics}: the plan, and how DuckDB is reached. */
export interface DuckDBStatisticsOptions extends SufficientStatisticsSqlPlan {
  /** A DuckDB database file to open (for `{ table }` sources); default an in-memory database. */
  readonly database?: string;
  /** A connection of your own (`DuckDBConnection` from `@duckdb/node-api`), used instead of opening one. */
  readonly connection?: DuckDBConnectionLike;
  /** CSV field delimiter (default: DuckDB's detection; tab for .tsv). */
  readonly delimiter?: string;
  /** CSV cells that mean "missing" (default: `''`, NA, N/A, #N/A, NaN, NULL, null, as the file readers). */
  readonly naStrings?: readonly string[];
  /** DuckDB threads (default: DuckDB's, every core). */
  readonly threads?: number;
}

const KEYS = [
  ...PLAN_KEYS,
  ...optionKeys<Omit<DuckDBStatisticsOptions, keyof SufficientStatisticsSqlPlan>>({
    database: true,
    connection: true,
    delimiter: true,
    naStrings: true,
    threads: true,
  }),
];

/**
 * Computes {@link loyalty-drivers!SufficientStatistics} inside DuckDB, over a CSV, TSV or Parquet
 * file (by extension), a table of a DuckDB database, or a query: the query of
 * {@link loyalty-drivers!sufficientStatisticsSql} (dialect `duckdb`) runs in the engine, which reads the file
 * in parallel and never hands rows to JavaScript, and its one row per group is read back by
 * {@link loyalty-drivers!sufficientStatisticsFromSql}. Pass the result to `relativeImportance`, `ols`,
 * `dominanceAnalysis` or `reliability` where rows are accepted.
 *
 * Needs the optional peer `@duckdb/node-api` (`npm install @duckdb/node-api`).
 *
 * Differences from `streamSufficientStatistics`: listwise deletion only (no `missing: 'fail'`),
 * no `derive` function, no JSON input; range errors name the column but not the row; CSV
 * cells of the variables are parsed by DuckDB as DOUBLE (the same numbers; DuckDB also accepts
 * `inf` and `nan`, which then fail as `NOT_NUMERIC`).
 *
 * @param source - A file path (`.csv`, `.tsv`, `.parquet`, optionally `.gz`), `{ table: 'name' }`
 *   (with `database`) or `{ query: 'SELECT ...' }`.
 * @param options - The plan (`variables`, `weights`, `groupBy`, `model`, `scales`, `scoring`,
 *   `missingCodes`, `columns`) and `database`, `connection`, `delimiter`, `naStrings`, `threads`.
 * @returns The statistics; with `groupBy`, one {@link loyalty-drivers!SufficientStatisticsGroup} per group.
 * @throws InputError `MISSING_DEPENDENCY` (no `@duckdb/node-api`), `COLUMN_NOT_FOUND`,
 *   `NOT_NUMERIC`, `OUT_OF_RANGE`, `EMPTY_INPUT`, `INVALID_OPTION`; InsufficientDataError `TOO_FEW_CASES`.
 *
 * @example
 * ```ts
 * import { duckdbSufficientStatistics } from 'loyalty-drivers/sql';
 * import { parseModel, relativeImportance } from 'loyalty-drivers';
 * import { readFileSync } from 'node:fs';
 * const model = parseModel(readFileSync('examples/data/model.json', 'utf8'));
 * const stats = await duckdbSufficientStatistics('examples/data/loyalty-survey.csv', {
 *   model, variables: ['satisfaction', 'image', 'trust', 'engagement', 'recommend'],
 * });
 * stats.n; // => 1596
 * const imp = relativeImportance(stats, { outcome: 'recommend', predictors: ['satisfaction', 'image', 'trust', 'engagement'] });
 * imp.n; // => 1596
 * ```
 */
export async function duckdbSufficientStatistics(
  source: DuckDBSource,
  options: DuckDBStatisticsOptions & { readonly groupBy?: undefined },
): Promise<SufficientStatistics>;
export async function duckdbSufficientStatistics(
  source: DuckDBSource,
  options: DuckDBStatisticsOptions & { readonly groupBy: string | readonly string[] },
): Promise<SufficientStatisticsGroup[]>;
export async function duckdbSufficientStatistics(
  source: DuckDBSource,
  options: DuckDBStatisticsOptions,
): Promise<SufficientStatistics | SufficientStatisticsGroup[]>;
export async function duckdbSufficientStatistics(
  source: DuckDBSource,
  options: DuckDBStatisticsOptions,
): Promise<SufficientStatistics | SufficientStatisticsGroup[]> {
  checkOptions(options, KEYS);
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected the plan { variables, weights?, groupBy?, model? ... }', {
      argument: 'options',
      expected: 'an object',
    });
  }
  const { database, connection, delimiter, naStrings, threads, ...plan } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new InputError('INVALID_OPTION', `options.threads: expected a whole number >= 1, got ${String(threads)}`, {
      argument: 'options.threads',
      expected: 'a whole number >= 1',
    });
  }
  const resolved = resolveSqlPlan(plan, 'options');
  const numeric = resolved.cells.map((c) => c.column);
  const { from, name } = await fromItem(source, numeric, { delimiter, naStrings });
  const sql = sufficientStatisticsSql(plan, { dialect: 'duckdb', source: from });
  let rows: Record<string, unknown>[];
  if (connection !== undefined) rows = await runQuery(connection, sql, name);
  else {
    const duckdb = await loadDuckDB('duckdbSufficientStatistics');
    const instance = await duckdb.DuckDBInstance.create(
      database ?? ':memory:',
      threads === undefined ? undefined : { threads: String(threads) },
    );
    const own = await instance.connect();
    try {
      rows = await runQuery(own, sql, name);
    } finally {
      own.closeSync?.();
      instance.closeSync?.();
    }
  }
  return sufficientStatisticsFromSql(rows, plan);
}
