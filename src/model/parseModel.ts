import { InputError } from '../errors.js';
import { checkOptions } from '../internal/options.js';
import { CHECK_MODEL_KEYS } from './problems.js';
import { parseJsonText } from './jsonText.js';
import type { CheckModelOptions, LoyaltyModel } from './types.js';
import { validateModel } from './validateModel.js';

/**
 * Parses the text of a model file and validates it ({@link validateModel}). A JSON syntax error
 * names the file, line and column (`model.json, line 4, column 7: not valid JSON (Expected ','
 * or '}' after property value in JSON)`); a bad key is named by its JSON path.
 *
 * @param text - The model file's content.
 * @param options - `file`: the name used in messages (default `"model"`); `columns`: the data's columns.
 * @returns The validated {@link LoyaltyModel}.
 * @throws InputError `INVALID_OPTION` (syntax error, bad key), `COLUMN_NOT_FOUND` (unknown column).
 *
 * @example
 * ```ts
 * import { parseModel, type InputError } from 'loyalty-drivers';
 * parseModel('{ "recommend": "recommend" }').recommend; // => { column: 'recommend', promoterMin: 9, detractorMax: 6 }
 * try {
 *   parseModel('{ "recommend": "recommend", }', { file: 'model.json' });
 * } catch (e) {
 *   console.log((e as InputError).message); // => 'model.json, line 1, column 29: not valid JSON (Expected double-quoted property name in JSON)'
 * }
 * ```
 */
export function parseModel(text: string, options: CheckModelOptions & { readonly file?: string } = {}): LoyaltyModel {
  checkOptions(options, [...CHECK_MODEL_KEYS, 'file']);
  const file = options.file ?? 'model';
  const parsed = parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if ('problem' in parsed) {
    const { line, column, reason } = parsed.problem;
    throw new InputError('INVALID_OPTION', `${file}, line ${line}, column ${column}: not valid JSON (${reason})`, {
      argument: file,
      expected: 'a JSON object',
    });
  }
  try {
    const { file: _file, ...checkOptionsOnly } = options;
    return validateModel(parsed.value, checkOptionsOnly);
  } catch (e) {
    if (e instanceof InputError && file !== 'model') {
      throw new InputError(e.code, `${file}: ${e.message}`, e.location);
    }
    throw e;
  }
}
