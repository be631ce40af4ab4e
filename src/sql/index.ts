/**
 * The SQL-engine entry point (Node): the library's sufficient statistics computed inside DuckDB
 * over CSV, Parquet or a table, through the optional peer `@duckdb/node-api`. The SQL itself
 * (`sufficientStatisticsSql`, `sufficientStatisticsFromSql`, for DuckDB, PostgreSQL, Spark SQL
 * and BigQuery) is pure and lives in the main entry, so a warehouse's answer can be read
 * anywhere, a browser included.
 *
 * @packageDocumentation
 */
export { duckdbSufficientStatistics } from './duckdbSufficientStatistics.js';
export type { DuckDBStatisticsOptions } from './duckdbSufficientStatistics.js';
export type { DuckDBConnectionLike, DuckDBSource } from './duckdb.js';
