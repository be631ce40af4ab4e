/// <reference types="node" />
/**
 * DuckDB through the optional peer `@duckdb/node-api`: loading it (or `MISSING_DEPENDENCY`), the
 * `FROM` item of a file or a table, running a query, and the engine's errors as the library's.
 * The peer's types are not imported: the declarations of this entry must not need the package.
 * @internal
 */
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { DEFAULT_NA_STRINGS } from '../io/cells.js';

/** What the library uses of a `@duckdb/node-api` connection (`DuckDBConnection`). */
export interface DuckDBConnectionLike {
  runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>;
}

interface DuckDBModule {
  DuckDBInstance: {
    create(
      path?: string,
      options?: Record<string, string>,
    ): Promise<{ connect(): Promise<DuckDBConnectionLike & { closeSync?(): void }>; closeSync?(): void }>;
  };
}

/** The peer's loader, replaceable in tests (as the charts' `vegaPeers`). @internal */
export const duckdbPeer = {
  load: (): Promise<unknown> => import('@duckdb/node-api'),
};

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Cannot find (module|package)|Failed to resolve module/i.test(message);
}

/** Imports `@duckdb/node-api`, or throws `MISSING_DEPENDENCY` naming the install command. */
export async function loadDuckDB(caller: string): Promise<DuckDBModule> {
  try {
    return (await duckdbPeer.load()) as DuckDBModule;
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    throw new InputError(
      'MISSING_DEPENDENCY',
      `${caller} needs @duckdb/node-api, an optional peer dependency that is not installed: npm install @duckdb/node-api`,
      { argument: '@duckdb/node-api', expected: '@duckdb/node-api installed (npm install @duckdb/node-api)' },
    );
  }
}

/** Where the statistics are read from: a file (CSV, TSV or Parquet, by extension), a table, or a query. */
export type DuckDBSource = string | URL | { readonly table: string } | { readonly query: string };

/** Options of the CSV scan. */
export interface CsvScanOptions {
  readonly delimiter?: string;
  readonly naStrings?: readonly string[];
}

const text = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** `parquet` for .parquet/.parq, `tsv` for .tsv/.tab, else `csv` (a .gz suffix is looked through). */
export function fileKind(path: string): 'parquet' | 'csv' | 'tsv' {
  const name = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (name.endsWith('.parquet') || name.endsWith('.parq')) return 'parquet';
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'tsv';
  return 'csv';
}

/**
 * The `FROM` item of a source. Data columns are typed DOUBLE in the CSV scan (`types`), so a
 * text cell in them fails with its line rather than silently turning the column into text.
 */
export async function fromItem(
  source: DuckDBSource,
  numeric: readonly string[],
  csv: CsvScanOptions,
): Promise<{ from: string; name: string }> {
  if (typeof source === 'object' && !(source instanceof URL)) {
    if ('table' in source && typeof source.table === 'string' && source.table !== '') {
      return { from: source.table.split('.').map(ident).join('.'), name: source.table };
    }
    if ('query' in source && typeof source.query === 'string' && source.query.trim() !== '') {
      return { from: `(${source.query}) AS source_query`, name: 'the query' };
    }
    throw new InputError('INVALID_OPTION', 'source: expected a file path, { table } or { query }', {
      argument: 'source',
      expected: 'a file path, { table: name } or { query: sql }',
    });
  }
  const path = source instanceof URL ? decodeURIComponent(source.pathname) : source;
  if (typeof path !== 'string' || path === '') {
    throw new InputError('INVALID_OPTION', 'source: expected a file path, { table } or { query }', {
      argument: 'source',
      expected: 'a file path, { table: name } or { query: sql }',
    });
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : (e as Error).message;
    throw new InputError('INVALID_OPTION', `${path}: cannot read the file (${why})`, {
      argument: 'source',
      value: path,
      expected: 'a readable file',
    });
  }
  const kind = fileKind(path);
  if (kind === 'parquet') return { from: `read_parquet(${text(path)})`, name: path };
  const na = ['', ...(csv.naStrings ?? DEFAULT_NA_STRINGS)];
  const delimiter = csv.delimiter ?? (kind === 'tsv' ? '\t' : undefined);
  const types = numeric.length ? `, types = {${[...new Set(numeric)].map((c) => `${text(c)}: 'DOUBLE'`).join(', ')}}` : '';
  return {
    from: `read_csv(${text(path)}, header = true, nullstr = [${na.map(text).join(', ')}]${delimiter === undefined ? '' : `, delim = ${text(delimiter)}`}${types})`,
    name: path,
  };
}

/** Runs a query; the engine's errors become InputErrors naming the source. */
export async function runQuery(connection: DuckDBConnectionLike, sql: string, name: string): Promise<Record<string, unknown>[]> {
  try {
    return (await connection.runAndReadAll(sql)).getRowObjects();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const column = /Referenced column "([^"]+)" not found|Columns with names: "([^"]+)" do not exist|column "([^"]+)" not found/i.exec(
      message,
    );
    if (column) {
      const missing = column[1] ?? column[2] ?? column[3]!;
      throw new InputError('COLUMN_NOT_FOUND', `${name}: no column "${missing}" (DuckDB: ${message.split('\n')[0]})`, {
        argument: 'source',
        column: missing,
        expected: 'a column of the source',
      });
    }
    if (/Conversion Error|Could not convert|CSV Error/i.test(message)) {
      throw new InputError(
        'NOT_NUMERIC',
        `${name}: a value of a variable is not a number (DuckDB: ${message.split('\n').slice(0, 3).join(' ')})`,
        {
          argument: 'source',
          expected: 'numbers in the variables and the weight',
        },
      );
    }
    if (/Catalog Error: Table/i.test(message)) {
      throw new InputError('INVALID_OPTION', `${name}: no such table (DuckDB: ${message.split('\n')[0]})`, {
        argument: 'source',
        expected: 'a table of the database',
      });
    }
    throw error;
  }
}
