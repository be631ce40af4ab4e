/**
 * Public types of the `loyalty-drivers/io` entry point.
 *
 * @module io
 */
import type { ColumnDeclaration, ColumnType, LoyaltyModel, LoyaltyModelFile } from '../model/types.js';
import type { Row } from '../types.js';

/**
 * Where data come from: a file path (string or `file:` URL), or the content itself as a Node
 * readable stream, a web `ReadableStream`, or any (async) iterable of text or byte chunks
 * (`[csvText]` works).
 */
export type DataSource = string | URL | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** File formats the readers understand. `json`: an array of row objects or an object of columns; `ndjson`: one row object per line. */
export type DataFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

/** How far a streamed read has got. */
export interface ReadProgress {
  /** Data rows read so far. */
  readonly rows: number;
  /** Bytes read so far. */
  readonly bytes: number;
  /** Size of the file, when reading a file. */
  readonly totalBytes?: number;
  /** `bytes / totalBytes`, when the size is known. */
  readonly fraction?: number;
  /** True on the last call. */
  readonly done: boolean;
}

/** Options of every reader. */
export interface ReadDataOptions {
  /** File name used in messages (default: the path, or `"input"` for streams). */
  readonly file?: string;
  /** Default: from the extension (`.csv`, `.tsv`/`.tab`, `.json`, `.ndjson`/`.jsonl`), else CSV. */
  readonly format?: DataFormat;
  /** Field delimiter of CSV (default `,`; `\t` for TSV). */
  readonly delimiter?: string;
  /** Quote character of CSV (default `"`). */
  readonly quote?: string;
  /** Text encoding of the bytes (default `utf8`; `latin1` for Latin-1/Windows-1252 exports). */
  readonly encoding?: 'utf8' | 'latin1';
  /** Numbers written with a decimal comma (`3,5`); use with `delimiter: ';'`. */
  readonly decimalComma?: boolean;
  /** Column declarations: `"number"`, `"string"`, or `{ type, min, max, integer, missingCodes }`. Declared columns must exist. */
  readonly columns?: Readonly<Record<string, ColumnType | ColumnDeclaration>>;
  /** Numbers that code a missing answer in every numeric column, e.g. `[-99]`. */
  readonly missingCodes?: readonly number[];
  /** Text cells read as missing when unquoted (and in numeric columns always). Default `NA`, `N/A`, `#N/A`, `NaN`, `NULL`, `null`. */
  readonly naStrings?: readonly string[];
  /** A model file (validated or not): its columns, ranges and missing codes are declared, and it is checked against the header. */
  readonly model?: LoyaltyModel | LoyaltyModelFile;
  /** Rows per chunk for chunked reading and type inference (default 65,536). */
  readonly chunkSize?: number;
  /** Called after each chunk and once at the end. */
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** Rows read from a file, with what the reader learned about the columns. */
export interface Dataset {
  /** One plain object per data row: numbers, text, or `null` for missing. */
  readonly rows: Row[];
  /** Column names in file order. */
  readonly columns: readonly string[];
  /** Each column's type: declared, or inferred from the first chunk (`'empty'`: no value at all). */
  readonly columnTypes: Readonly<Record<string, 'number' | 'string' | 'empty'>>;
  /** Cells read as missing per column (empty, missing strings, missing codes); columns with none are left out. */
  readonly missingCells: Readonly<Record<string, number>>;
  /** Of those, cells that held a declared missing code. */
  readonly missingCodeCells: Readonly<Record<string, number>>;
  /** 1-based line of each row in the file (JSON arrays: 0, no line numbers). */
  readonly rowLines: readonly number[];
  readonly source: {
    readonly file: string;
    readonly format: DataFormat;
    /** Whether a leading UTF-8 byte-order mark was found (and stripped). */
    readonly byteOrderMark: boolean;
    readonly bytes: number;
  };
}

/** One chunk of rows from {@link readRowChunks}. */
export interface RowChunk {
  readonly rows: Row[];
  /** 0-based index of the chunk's first row in the whole file. */
  readonly firstRow: number;
  /** 1-based line of each row (0 when the format has no lines). */
  readonly rowLines: readonly number[];
  readonly columns: readonly string[];
  /** Column types as known when the chunk was read. */
  readonly columnTypes: Readonly<Record<string, 'number' | 'string' | 'empty'>>;
}
