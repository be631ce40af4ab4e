import { InputError } from '../errors.js';
import { readSettings } from './readSettings.js';
import { assembleDataset, rowFeeder } from './rowSources.js';
import type { Dataset, ReadDataOptions, RowChunk } from './types.js';

/**
 * Parses CSV, TSV, JSON or NDJSON text already in memory (synchronously), with the same typing
 * and errors as {@link readData}. `options.format` defaults to CSV; `options.file` names the
 * text in messages (default `"input"`).
 *
 * @param text - The file's content.
 * @param options - See {@link ReadDataOptions} (`onProgress` and `chunkSize` apply as for files).
 * @returns A {@link Dataset}.
 * @throws InputError as {@link readData}.
 *
 * @example
 * ```ts
 * import { parseData } from 'loyalty-drivers/io';
 * import type { InputError } from 'loyalty-drivers';
 * const { rows } = parseData('id,recommend\n"007",10\n"008",-99\n', { missingCodes: [-99] });
 * rows[0]; // => { id: '007', recommend: 10 }
 * rows[1]; // => { id: '008', recommend: null }
 * try {
 *   parseData('id,recommend\n1,10\n2,ten\n', { file: 'nps.csv', columns: { recommend: 'number' } });
 * } catch (e) {
 *   console.log((e as InputError).code, (e as InputError).location.row); // => 'NOT_NUMERIC' 1
 *   console.log((e as InputError).message); // => 'nps.csv, line 3, column 2 ("recommend"): expected a number (column "recommend" is declared numeric), got "ten"'
 * }
 * ```
 */
export function parseData(text: string, options: ReadDataOptions = {}): Dataset {
  if (typeof text !== 'string') {
    throw new InputError(
      'INVALID_OPTION',
      `text: expected the file's content as a string, got ${text === null ? 'null' : typeof text} (to read a file, use readCsv)`,
      { argument: 'text', expected: 'a string' },
    );
  }
  const file = options.file ?? 'input';
  const settings = readSettings({ format: 'csv', ...options }, file);
  const feeder = rowFeeder(settings, file);
  const chunks: RowChunk[] = [...feeder.push(text), ...feeder.end()];
  const dataset = assembleDataset(chunks, feeder, file, settings);
  options.onProgress?.({ rows: dataset.rows.length, bytes: feeder.bytes(), done: true });
  return dataset;
}
