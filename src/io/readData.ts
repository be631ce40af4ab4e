import { openSource } from './openSource.js';
import { readSettings } from './readSettings.js';
import { assembleDataset, rowFeeder } from './rowSources.js';
import type { DataSource, Dataset, ReadDataOptions, RowChunk } from './types.js';

/**
 * Reads a whole CSV, TSV, JSON or NDJSON file (format from the extension, or `options.format`)
 * into typed rows, ready for any function of the library.
 *
 * CSV is parsed by csv-parse (RFC 4180 quotes, CRLF/LF/CR line ends, quoted line breaks).
 * Typing as in {@link readRowChunks}: declared columns (`columns`, or a `model` file) as
 * declared, other columns numeric when every non-missing cell of the first 65,536 rows is an
 * unquoted number, else text (so quoted ids like `"00123"` keep their zeros). Empty cells,
 * `NA`-like strings and declared `missingCodes` (e.g. -99) become `null` and are counted in
 * `missingCells`. A leading UTF-8 byte-order mark (as Excel writes) is stripped and reported in
 * `source.byteOrderMark`; one anywhere else is an error. Blank lines are skipped.
 *
 * @param source - A path, a `file:` URL, a stream or an iterable of text/byte chunks.
 * @param options - See {@link ReadDataOptions}.
 * @returns A {@link Dataset}: `rows`, `columns`, `columnTypes`, missing counts, the line of each row.
 * @throws InputError with the file, the 1-based line and the column in the message:
 *   `NOT_NUMERIC` (text in a numeric column), `OUT_OF_RANGE` (outside a declared range),
 *   `COLUMN_NOT_FOUND` (a declared or model column missing from the header), `MALFORMED_INPUT`
 *   (ragged row, unterminated quote, stray byte-order mark, empty or duplicate header name),
 *   `EMPTY_INPUT` (no header), `INVALID_OPTION` (bad option, unreadable file).
 *
 * @example
 * ```ts
 * import { readData } from 'loyalty-drivers/io';
 * import { nps } from 'loyalty-drivers';
 * const survey = await readData('examples/data/loyalty-survey.csv', { missingCodes: [-99] });
 * survey.rows.length; // => 2000
 * survey.columnTypes.region; // => 'string'
 * survey.missingCells.sat1; // => 39  (empty cells)
 * survey.rows[0]; // => { respondent_id: 'R00001', wave: 1, region: 'South', sat1: 5, ... }
 * nps(survey.rows.map((r) => r.recommend)).estimate; // => -16.2
 * ```
 */
export async function readData(source: DataSource, options: ReadDataOptions = {}): Promise<Dataset> {
  const name = options.file ?? (typeof source === 'string' ? source : source instanceof URL ? source.pathname : undefined);
  const settings = readSettings(options, name);
  const opened = await openSource(source, options.file);
  const feeder = rowFeeder(settings, opened.file);
  const chunks: RowChunk[] = [];
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
  const keep = (list: RowChunk[]): void => {
    for (const c of list) {
      chunks.push(c);
      rows += c.rows.length;
      progress(false);
    }
  };
  for await (const chunk of opened.chunks) keep(feeder.push(chunk));
  keep(feeder.end());
  progress(true);
  return assembleDataset(chunks, feeder, opened.file, settings);
}
