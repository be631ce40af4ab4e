import { InputError } from '../errors.js';
import { formatFromName } from './openSource.js';
import { readData } from './readData.js';
import type { DataSource, Dataset, ReadDataOptions } from './types.js';

/**
 * Reads a CSV (or TSV) file or stream into typed rows: {@link readData} with the format fixed
 * to CSV (TSV for `.tsv`/`.tab` names or `delimiter: '\t'`).
 *
 * @param source - A path, a `file:` URL, a stream or an iterable of text/byte chunks.
 * @param options - See {@link ReadDataOptions}.
 * @returns A {@link Dataset}.
 * @throws InputError as {@link readData}, naming file, line and column.
 *
 * @example
 * ```ts
 * import { readCsv } from 'loyalty-drivers/io';
 * const { rows, rowLines } = await readCsv('examples/data/loyalty-survey.csv', { missingCodes: [-99], columns: { respondent_id: 'string' } });
 * rows[1]; // => { respondent_id: 'R00002', wave: 1, region: 'West', channel: 'store', sat1: 4, ... }
 * rowLines[1]; // => 3  (the header is line 1)
 * ```
 */
export function readCsv(source: DataSource, options: ReadDataOptions = {}): Promise<Dataset> {
  if (options.format !== undefined && options.format !== 'csv' && options.format !== 'tsv') {
    return Promise.reject(
      new InputError('INVALID_OPTION', `options.format: readCsv reads "csv" or "tsv", got "${options.format}" (use readData or readJson)`, {
        argument: 'options.format',
        expected: 'csv | tsv',
      }),
    );
  }
  const name = options.file ?? (typeof source === 'string' ? source : undefined);
  const format = options.format ?? (formatFromName(name) === 'tsv' ? 'tsv' : 'csv');
  return readData(source, { ...options, format });
}
