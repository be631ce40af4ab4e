import { openSource } from './openSource.js';
import { readSettings } from './readSettings.js';
import { rowFeeder } from './rowSources.js';
import type { DataSource, ReadDataOptions, RowChunk } from './types.js';

/**
 * Reads a CSV, TSV, NDJSON or JSON source chunk by chunk (`chunkSize` rows, default 65,536), so
 * a file larger than memory can be processed row by row: only one chunk of rows is held at a
 * time (JSON documents are the exception: they are parsed whole; use NDJSON for large data).
 *
 * Typing: declared columns (`columns`, `model`) are parsed as declared; any other column is
 * numeric when every non-missing cell of the first chunk is an unquoted number, else text
 * (a later text cell in a column read as numeric is a `NOT_NUMERIC` error telling you to
 * declare it). Empty cells, the `naStrings` and the `missingCodes` become `null`.
 *
 * @param source - A path, a `file:` URL, a stream or an iterable of text/byte chunks.
 * @param options - See {@link ReadDataOptions}; `onProgress` is called after each chunk.
 * @returns An async iterable of {@link RowChunk}s.
 * @throws InputError `NOT_NUMERIC`, `OUT_OF_RANGE`, `COLUMN_NOT_FOUND`, `LENGTH_MISMATCH`
 *   (ragged rows, broken quotes, stray byte-order marks), `EMPTY_INPUT`, `INVALID_OPTION`;
 *   messages name the file, the 1-based line and the column.
 *
 * @example
 * ```ts
 * import { readRowChunks } from 'loyalty-drivers/io';
 * let promoters = 0;
 * let chunks = 0;
 * for await (const chunk of readRowChunks('examples/data/loyalty-survey.csv', { columns: { recommend: 'number' }, chunkSize: 500 })) {
 *   chunks++;
 *   for (const row of chunk.rows) if ((row.recommend as number) >= 9) promoters++;
 * }
 * console.log(chunks, promoters); // => 4 435
 * ```
 */
export async function* readRowChunks(source: DataSource, options: ReadDataOptions = {}): AsyncGenerator<RowChunk, void, undefined> {
  const settings = readSettings(
    options,
    options.file ?? (typeof source === 'string' ? source : source instanceof URL ? source.pathname : undefined),
  );
  const opened = await openSource(source, options.file);
  const feeder = rowFeeder(settings, opened.file);
  let rows = 0;
  const progress = (done: boolean): void => {
    if (options.onProgress === undefined) return;
    const bytes = feeder.bytes();
    const total = opened.totalBytes;
    options.onProgress({
      rows,
      bytes,
      ...(total === undefined ? {} : { totalBytes: total, fraction: total === 0 ? 1 : Math.min(1, bytes / total) }),
      done,
    });
  };
  for await (const chunk of opened.chunks) {
    for (const rowChunk of feeder.push(chunk)) {
      rows += rowChunk.rows.length;
      progress(false);
      yield rowChunk;
    }
  }
  for (const rowChunk of feeder.end()) {
    rows += rowChunk.rows.length;
    yield rowChunk;
  }
  progress(true);
}
