import { InputError } from '../errors.js';
import { requireRows } from '../internal/validate.js';
import type { Row } from '../types.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { scaleScores, type ScaleScoresOptions } from './scaleScores.js';
import type { ScaleDefinitions } from './types.js';

/** Options of {@link withScaleScores}: those of {@link scaleScores} plus the new columns' naming. */
export interface WithScaleScoresOptions extends ScaleScoresOptions {
  /** Prefix of the new score columns (default `''`: the columns are named like the scales). */
  readonly prefix?: string;
}

const WITH_SCALE_SCORES_KEYS = optionKeys<WithScaleScoresOptions>({
  prefix: true,
  statistic: true,
  minimumAnswered: true,
  rescale: true,
  missingCodes: true,
});

/**
 * The rows with one new column per scale holding the respondent's driver score (null where
 * none), ready for regression, importance or segmentation on driver scores. Input rows are not
 * modified: each output row is a shallow copy with the score columns added.
 *
 * Method: {@link scaleScores} (same options and rules).
 *
 * @param rows - Plain objects keyed by column.
 * @param scales - {@link ScaleDefinitions}.
 * @param options - {@link ScaleScoresOptions} plus `prefix` for the new column names.
 * @returns New rows, in input order, with a `prefix + scale` column per scale.
 * @throws InputError `INVALID_OPTION` for an unknown option key, when a new column would overwrite an existing one (pass a
 *   `prefix`), and everything {@link scaleScores} throws.
 *
 * @example
 * ```ts
 * import { withScaleScores } from 'loyalty-drivers';
 * const rows = [{ id: 'a', t1: 6, t2: 7 }, { id: 'b', t1: 3, t2: null }];
 * withScaleScores(rows, { trust: ['t1', 't2'] });
 * // => [{ id: 'a', t1: 6, t2: 7, trust: 6.5 }, { id: 'b', t1: 3, t2: null, trust: null }]
 * ```
 */
export function withScaleScores(
  rows: readonly Row[],
  scales: ScaleDefinitions,
  options: WithScaleScoresOptions = {},
): Record<string, unknown>[] {
  checkOptions(options, WITH_SCALE_SCORES_KEYS);
  const data = requireRows(rows, 'rows');
  const prefix = options.prefix ?? '';
  if (typeof prefix !== 'string') {
    throw new InputError('INVALID_OPTION', 'options.prefix: expected a string', { argument: 'options.prefix', expected: 'a string' });
  }
  const { prefix: _prefix, ...scoring } = options;
  const result = scaleScores(data, scales, scoring);
  const columns = result.scaleNames.map((name) => prefix + name);
  for (const column of columns) {
    const clash = data.findIndex((row) => Object.prototype.hasOwnProperty.call(row, column));
    if (clash >= 0) {
      throw new InputError(
        'INVALID_OPTION',
        `rows already have a column "${column}" (row ${clash}); pass options.prefix (e.g. "score_") so the driver scores do not overwrite it`,
        {
          argument: 'options.prefix',
          column,
          row: clash,
          expected: 'a prefix that makes new column names',
        },
      );
    }
  }
  return data.map((row, i) => {
    const out: Record<string, unknown> = { ...row };
    result.scaleNames.forEach((name, j) => {
      out[columns[j]!] = result.scores[name]![i]!;
    });
    return out;
  });
}
