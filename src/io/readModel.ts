/// <reference types="node" />
import { checkOptions } from '../internal/options.js';
import { CHECK_MODEL_KEYS } from '../model/problems.js';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { parseModel } from '../model/parseModel.js';
import type { CheckModelOptions, LoyaltyModel } from '../model/types.js';

/**
 * Reads and validates a model file (JSON). Syntax errors name the file, line and column; bad
 * keys are named by their JSON path (`model.json: model.scales.trust.items[2]: "tru4" is not a
 * column of the data`). Pass the data's `columns` (e.g. `dataset.columns`) to check every column
 * the model names.
 *
 * @param path - Path of the model file.
 * @param options - `columns`: the data's column names.
 * @returns The validated {@link LoyaltyModel}.
 * @throws InputError `INVALID_OPTION` (unreadable file, invalid JSON, bad key), `COLUMN_NOT_FOUND`.
 *
 * @example
 * ```ts
 * import { readData, readModel } from 'loyalty-drivers/io';
 * const survey = await readData('examples/data/loyalty-survey.csv');
 * const model = await readModel('examples/data/model.json', { columns: survey.columns });
 * model.drivers; // => ['satisfaction', 'image', 'trust', 'engagement']
 * model.recommend; // => { column: 'recommend', promoterMin: 9, detractorMax: 6 }
 * ```
 */
export async function readModel(path: string, options: CheckModelOptions = {}): Promise<LoyaltyModel> {
  checkOptions(options, CHECK_MODEL_KEYS);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new InputError('INVALID_OPTION', `${path}: cannot read the model file (${why})`, {
      argument: 'path',
      value: path,
      expected: 'a readable JSON file',
    });
  }
  return parseModel(text, { ...options, file: path });
}
