import { InputError } from '../errors.js';
import { checkOptions } from '../internal/options.js';
import { CHECK_MODEL_KEYS } from './problems.js';
import { checkModel } from './checkModel.js';
import type { CheckModelOptions, LoyaltyModel } from './types.js';

/**
 * Validates a model file (parsed JSON) and returns it normalized: every shorthand expanded
 * (`"trust": ["tru1", "tru2", "tru3"]` becomes `{ items, reverse: [] }`, `"recommend": "recommend"`
 * becomes `{ column, promoterMin: 9, detractorMax: 6 }`), `drivers` defaulting to every scale,
 * `missingCodes` to `[]`. See {@link checkModel} for what is checked; this throws the first
 * problem, naming the bad key and saying how many more there are.
 *
 * @param model - The parsed JSON of a model file ({@link LoyaltyModelFile}).
 * @param options - `columns`: the data's column names, so every column the model names is checked.
 * @returns The validated {@link LoyaltyModel} (plain JSON).
 * @throws InputError `COLUMN_NOT_FOUND` (a named column is not in the data), `INVALID_OPTION`
 *   (anything else); `location.argument` is the JSON path of the key, e.g. `model.scales.trust.items[2]`.
 *
 * @example
 * ```ts
 * import { validateModel, type InputError } from 'loyalty-drivers';
 * const model = validateModel({ scales: { trust: ['tru1', 'tru2', 'tru3'] }, recommend: 'recommend' });
 * model.scales.trust; // => { items: ['tru1', 'tru2', 'tru3'], reverse: [] }
 * model.drivers; // => ['trust']
 * model.recommend; // => { column: 'recommend', promoterMin: 9, detractorMax: 6 }
 * try {
 *   validateModel({ scales: { trust: { items: ['tru1', 'tru2', 'tru4'] } } }, { columns: ['tru1', 'tru2', 'tru3'] });
 * } catch (e) {
 *   console.log((e as InputError).code); // => 'COLUMN_NOT_FOUND'
 *   console.log((e as InputError).message); // => 'model.scales.trust.items[2]: "tru4" is not a column of the data (did you mean "tru3"?)'
 * }
 * ```
 */
export function validateModel(model: unknown, options: CheckModelOptions = {}): LoyaltyModel {
  checkOptions(options, CHECK_MODEL_KEYS);
  const check = checkModel(model, options);
  const first = check.errors[0];
  if (first !== undefined || check.model === null) {
    const more = check.errors.length - 1;
    const rest =
      more > 0
        ? ` (and ${more} more problem${more === 1 ? '' : 's'}: ${check.errors
            .slice(1, 4)
            .map((e) => e.message)
            .join('; ')}${more > 3 ? '; ...' : ''})`
        : '';
    throw new InputError(first?.code ?? 'INVALID_OPTION', `${first?.message ?? 'model: invalid'}${rest}`, {
      argument: first?.path ?? 'model',
      ...(first?.column === undefined ? {} : { column: first.column }),
      expected: 'a valid model file',
    });
  }
  VALIDATED.add(check.model);
  return check.model;
}

/** Models returned by {@link validateModel} (normalized: every shorthand expanded). */
const VALIDATED = new WeakSet<object>();

/**
 * The model as the analyses take it: one returned by {@link validateModel} as is, anything else
 * validated now (a parsed model file passed without `validateModel`, or a validated model copied
 * with a change): so a model file's shorthands never reach an analysis unexpanded, and a bad
 * model is an `InputError` naming its field, not a crash inside.
 * @internal
 */
export function validatedModel(model: unknown): LoyaltyModel {
  if (model !== null && typeof model === 'object' && VALIDATED.has(model)) return model as LoyaltyModel;
  if (model === null || typeof model !== 'object' || Array.isArray(model)) {
    throw new InputError('INVALID_OPTION', 'model: expected a validated model (validateModel or readModel)', { argument: 'model' });
  }
  return validateModel(model);
}
