/**
 * The columnar reading path: only the requested columns of a file, chunk by chunk, as typed
 * arrays (numbers as Float64Array with NaN for missing; text and labels dictionary-coded), with
 * no row objects kept. The analyses that stream (`analyzeSource`, the tool's large-file path)
 * consume these chunks; every error names file, line and column as the row readers do.
 *
 * Cells are typed exactly as {@link readRowChunks} types them (declarations from the model and
 * `columns`, missing codes and strings to missing), so a section computed from the chunks equals
 * the same section computed from the rows.
 */
import { InputError } from '../errors.js';
import { cellError } from './cells.js';
import { CsvColumnReader, LevelDictionary } from './csvColumnReader.js';
import { openSource } from './openSource.js';
import { readRowChunks } from './readRowChunks.js';
import { readSettings } from './readSettings.js';
import { canReadInWorker, readColumnChunksInWorker } from './workerColumnChunks.js';
import type { Row } from '../types.js';
import type { DataSource, ReadDataOptions } from './types.js';

/** How a requested column is delivered: `number` (Float64Array, NaN = missing) or `category` (codes into a level list). */
export type ColumnKind = 'number' | 'category';

/** The columns to read and how: `{ recommend: 'number', wave: 'category' }`. */
export type ColumnRequest = Readonly<Record<string, ColumnKind>>;

/**
 * A dictionary-coded column. `levels` is shared by every chunk of one read and only grows (a
 * level's code never changes), holding each distinct value as the row readers type it (a number
 * when the column is numeric, else the text).
 */
export interface CategoryColumn {
  /** Code of each row's value in `levels`; -1 when missing. */
  readonly codes: Int32Array;
  readonly levels: readonly (string | number)[];
}

/** One chunk of requested columns. */
export interface ColumnChunk {
  /** Rows in this chunk. */
  readonly length: number;
  /** 0-based data-row index (header excluded) of the chunk's first row in the whole file. */
  readonly firstRow: number;
  /** 1-based file line of each row (0 when the format has no lines, as JSON arrays). */
  readonly lines: Int32Array;
  readonly numbers: Readonly<Record<string, Float64Array>>;
  readonly categories: Readonly<Record<string, CategoryColumn>>;
}

/** Options of {@link readColumnChunks}: the reader options plus the columns wanted. */
export interface ColumnChunkOptions extends ReadDataOptions {
  readonly request: ColumnRequest;
  /**
   * Rows per chunk. Default 8,192 for CSV and TSV, whose chunks
   * are typed arrays; 65,536 for the formats read as rows (JSON, NDJSON).
   */
  readonly chunkSize?: number;
  /**
   * Read and type the file in a worker thread while the caller consumes the chunks (default
   * false): the same chunks in the same order, the same progress events and errors, with reading
   * and computing on two cores. Only for a file path or URL, and only from the built package
   * (dist/columnChunkWorker.js); otherwise the file is read in the calling thread.
   */
  readonly worker?: boolean;
}

/**
 * Rows per column chunk of a CSV or TSV file by default. Small enough that one chunk of every
 * column a section reads stays in the processor's cache while the sections pass over it, one
 * after another (8,192 rows of 20 columns is 1.3 MB): on 1M rows of the example survey `analyzeSource`
 * took 3.0-3.1 s with chunks of 4,096 or 8,192 rows, 3.4 s with 16,384 and 3.7 s with 65,536
 * (the rows' default); 1,024 was slower again (3.2-3.3 s, the per-chunk work). Measured with
 * `analyzeSource` in one process on the 2-core machine.
 */
export const COLUMN_CHUNK_SIZE = 8_192;

/** Builds chunks from rows (the row readers' output, or rows held in memory). */
class ChunkBuilder {
  private readonly dictionaries = new Map<string, LevelDictionary>();
  constructor(
    private readonly request: ColumnRequest,
    private readonly file: string,
  ) {
    for (const [name, kind] of Object.entries(request)) if (kind === 'category') this.dictionaries.set(name, new LevelDictionary());
  }

  build(rows: readonly Row[], firstRow: number, rowLines: readonly number[] | undefined): ColumnChunk {
    const n = rows.length;
    const numbers: Record<string, Float64Array> = {};
    const categories: Record<string, CategoryColumn> = {};
    const lines = new Int32Array(n);
    if (rowLines) for (let i = 0; i < n; i++) lines[i] = rowLines[i]!;
    for (const [name, kind] of Object.entries(this.request)) {
      if (kind === 'number') {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const v = rows[i]![name];
          if (v === null || v === undefined) out[i] = NaN;
          else if (typeof v === 'number') out[i] = v;
          else {
            throw cellError(
              'NOT_NUMERIC',
              { file: this.file, line: lines[i]!, row: firstRow + i, field: -1, column: name },
              `expected a number, got ${JSON.stringify(v)}`,
              { expected: 'a number' },
            );
          }
        }
        numbers[name] = out;
      } else {
        const dictionary = this.dictionaries.get(name)!;
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const v = rows[i]![name];
          codes[i] = v === null || v === undefined || v === '' ? -1 : dictionary.code(typeof v === 'number' ? v : String(v));
        }
        categories[name] = { codes, levels: dictionary.levels };
      }
    }
    return { length: n, firstRow, lines, numbers, categories };
  }
}

/**
 * Reads the requested columns of a CSV, TSV, NDJSON or JSON source as {@link ColumnChunk}s of
 * `chunkSize` rows. Requested columns must exist (`COLUMN_NOT_FOUND` naming the file).
 *
 * CSV and TSV go through a byte-level tokenizer that types only the requested columns, straight
 * into typed arrays (memory: one chunk of those columns, whatever the file's size). Typing and
 * errors are those of {@link readRowChunks} (same codes, messages, lines and columns), except
 * that cells of columns not requested are not typed, so a bad cell there is not an error (the
 * structure of every record is checked). JSON, NDJSON and UTF-16 files are read by the row
 * reader and turned into columns.
 *
 * @example
 * ```ts
 * import { readColumnChunks } from 'loyalty-drivers/io';
 * let n = 0;
 * for await (const chunk of readColumnChunks('examples/data/loyalty-survey.csv', { request: { recommend: 'number' } })) n += chunk.length;
 * n; // => 2000
 * ```
 */
export async function* readColumnChunks(source: DataSource, options: ColumnChunkOptions): AsyncGenerator<ColumnChunk, void, undefined> {
  if (options.worker !== undefined && typeof options.worker !== 'boolean') {
    throw new InputError('INVALID_OPTION', `options.worker: expected true or false, got ${JSON.stringify(options.worker)}`, {
      argument: 'options.worker',
      expected: 'a boolean',
    });
  }
  if (options.worker === true && canReadInWorker(source)) {
    yield* readColumnChunksInWorker(source, options);
    return;
  }
  const { request, worker: _worker, ...readOptions } = options;
  const name = options.file ?? (typeof source === 'string' ? source : source instanceof URL ? source.pathname : undefined);
  const settings = readSettings(readOptions.chunkSize === undefined ? { ...readOptions, chunkSize: COLUMN_CHUNK_SIZE } : readOptions, name);
  if ((settings.format !== 'csv' && settings.format !== 'tsv') || !CsvColumnReader.supports(settings)) {
    yield* columnChunksOfRows(source, options);
    return;
  }
  const opened = await openSource(source, options.file);
  const iterator = (Symbol.asyncIterator in opened.chunks ? opened.chunks[Symbol.asyncIterator]() : opened.chunks[Symbol.iterator]()) as
    | AsyncIterator<Uint8Array | string>
    | Iterator<Uint8Array | string>;
  // A UTF-16 byte-order mark makes csv-parse decode UTF-16: that rare file goes the row way.
  const head: (Uint8Array | string)[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 2) {
    const step = await iterator.next();
    if (step.done) {
      done = true;
      break;
    }
    head.push(step.value);
    headBytes += typeof step.value === 'string' ? Buffer.byteLength(step.value) : step.value.length;
  }
  const first =
    head.length === 0 ? undefined : typeof head[0] === 'string' ? Buffer.from(head.join(''), 'utf8') : Buffer.concat(head as Uint8Array[]);
  if (first !== undefined && first[0] === 0xff && first[1] === 0xfe) {
    const rest = async function* (): AsyncGenerator<Uint8Array | string> {
      yield* head;
      if (done) return;
      for (;;) {
        const step = await iterator.next();
        if (step.done) return;
        yield step.value;
      }
    };
    yield* columnChunksOfRows(rest(), { ...options, file: opened.file });
    return;
  }
  const reader = new CsvColumnReader(settings, opened.file, request);
  let rows = 0;
  const progress = (finished: boolean): void => {
    if (options.onProgress === undefined) return;
    const total = opened.totalBytes;
    options.onProgress({
      rows,
      bytes: reader.bytes,
      ...(total === undefined ? {} : { totalBytes: total, fraction: total === 0 ? 1 : Math.min(1, reader.bytes / total) }),
      done: finished,
    });
  };
  for (const part of head) {
    for (const chunk of reader.push(part)) {
      rows += chunk.length;
      progress(false);
      yield chunk;
    }
  }
  while (!done) {
    const step = await iterator.next();
    if (step.done) break;
    for (const chunk of reader.push(step.value)) {
      rows += chunk.length;
      progress(false);
      yield chunk;
    }
  }
  for (const chunk of reader.end()) {
    rows += chunk.length;
    yield chunk;
  }
  progress(true);
}

/**
 * The row path: {@link readRowChunks}, each chunk of rows turned into columns (JSON, NDJSON, unusual CSV).
 * @internal
 */
export async function* columnChunksOfRows(source: DataSource, options: ColumnChunkOptions): AsyncGenerator<ColumnChunk, void, undefined> {
  const { request, worker: _worker, ...readOptions } = options;
  const file = options.file ?? (typeof source === 'string' ? source : source instanceof URL ? source.pathname : 'input');
  const builder = new ChunkBuilder(request, file);
  let checked = false;
  for await (const chunk of readRowChunks(source, readOptions)) {
    if (!checked) {
      checked = true;
      for (const name of Object.keys(request)) {
        if (!chunk.columns.includes(name)) {
          throw cellError('COLUMN_NOT_FOUND', { file, line: 1, row: -1, field: -1, column: name }, `no column "${name}" in the header`, {
            expected: 'a column of the file',
          });
        }
      }
    }
    yield builder.build(chunk.rows, chunk.firstRow, chunk.rowLines);
  }
}

/**
 * The same chunks from rows held in memory (for tests, and for callers that already have rows):
 * `rows` split every `chunkSize` rows, lines 0.
 *
 * @example
 * ```ts
 * import { columnChunksFromRows } from 'loyalty-drivers/io';
 * const chunks = [...columnChunksFromRows([{ a: 1, g: 'x' }, { a: null, g: 'y' }], { a: 'number', g: 'category' }, 1)];
 * chunks.length; // => 2
 * chunks[1]!.categories.g!.levels; // => ['x', 'y']
 * ```
 */
export function* columnChunksFromRows(rows: readonly Row[], request: ColumnRequest, chunkSize = 65_536): Generator<ColumnChunk> {
  const builder = new ChunkBuilder(request, 'rows');
  for (let start = 0; start < rows.length; start += chunkSize) {
    yield builder.build(rows.slice(start, start + chunkSize), start, undefined);
  }
}
