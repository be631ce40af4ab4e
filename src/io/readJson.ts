import { InputError } from '../errors.js';
import { formatFromName } from './openSource.js';
import { readData } from './readData.js';
import type { DataSource, Dataset, ReadDataOptions } from './types.js';

/**
 * Reads a JSON file or stream into typed rows: an array of row objects (`[{"id": 1, ...}, ...]`,
 * as R's `jsonlite::write_json(df)` writes), an object of equally long column arrays
 * (`{"id": [1, 2], ...}`), or NDJSON (one object per line; `.ndjson`/`.jsonl` names or
 * `format: 'ndjson'`). JSON strings are text (as quoted CSV cells); in a column declared
 * numeric, numeric strings are parsed and `true`/`false` read as 1/0. NDJSON streams chunk by
 * chunk; a JSON document is parsed whole.
 *
 * @param source - A path, a `file:` URL, a stream or an iterable of text/byte chunks.
 * @param options - See {@link ReadDataOptions}.
 * @returns A {@link Dataset}; `rowLines` gives the line where each record starts.
 * @throws InputError `MALFORMED_INPUT` (not valid JSON, with line and column), `LENGTH_MISMATCH` (columns of unequal
 *   length), `NOT_NUMERIC`, `OUT_OF_RANGE`, `COLUMN_NOT_FOUND`, `EMPTY_INPUT`.
 *
 * @example
 * ```ts
 * import { readJson } from 'loyalty-drivers/io';
 * // Any iterable of text chunks is a source; a path or a stream works the same way.
 * const json = '[{"id": "a", "recommend": 10}, {"id": "b", "recommend": -99}, {"id": "c", "recommend": 6}]';
 * const { rows, columnTypes } = await readJson([json], { missingCodes: [-99] });
 * rows[1]; // => { id: 'b', recommend: null }
 * columnTypes.recommend; // => 'number'
 * ```
 */
export function readJson(source: DataSource, options: ReadDataOptions = {}): Promise<Dataset> {
  if (options.format !== undefined && options.format !== 'json' && options.format !== 'ndjson') {
    return Promise.reject(
      new InputError(
        'INVALID_OPTION',
        `options.format: readJson reads "json" or "ndjson", got "${options.format}" (use readData or readCsv)`,
        { argument: 'options.format', expected: 'json | ndjson' },
      ),
    );
  }
  const name = options.file ?? (typeof source === 'string' ? source : undefined);
  const format = options.format ?? (formatFromName(name) === 'ndjson' ? 'ndjson' : 'json');
  return readData(source, { ...options, format });
}
