import { InputError } from '../errors.js';
import { mean, standardDeviation } from '../internal/sums.js';
import { checkNumberOption, checkOption, readCell, requireRows, type CellRule } from '../internal/validate.js';
import type { Row } from '../types.js';
import { normalizeScales } from './normalizeScales.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { requireItems } from './requireItems.js';
import { scaleScore, scaleScoreRule } from './scaleScore.js';
import type { NormalizedScale, ScaleDefinitions } from './types.js';

/** Options of {@link scaleScores}. */
export interface ScaleScoresOptions {
  /** `'mean'` (default) of the items, or `'sum'` (prorated, `mean x k`, when items are missing). */
  readonly statistic?: 'mean' | 'sum';
  /**
   * Fewest answered items for a score: default every item (so a respondent with any item
   * missing gets no score, and models on the scores are listwise on items). A number applies to
   * every scale; an object sets it per scale (scales not named keep the default).
   */
  readonly minimumAnswered?: number | Readonly<Record<string, number>>;
  /** `'0-100'` rescales each score `(mean - min) / (max - min) x 100` (needs min and max); default `'none'`. */
  readonly rescale?: 'none' | '0-100';
  /** Numbers that code a missing answer (e.g. -99, or 8 for "don't know"). */
  readonly missingCodes?: readonly number[];
}

/** The keys of {@link ScaleScoresOptions}. @internal */
export const SCALE_SCORES_KEYS = optionKeys<ScaleScoresOptions>({
  statistic: true,
  minimumAnswered: true,
  rescale: true,
  missingCodes: true,
});

/** How one scale was scored. */
export interface ScaleScoreReport {
  readonly items: readonly string[];
  readonly reversed: readonly string[];
  readonly minimumAnswered: number;
  /** Respondents with a score. */
  readonly scored: number;
  /** Respondents with a score computed from fewer than all items. */
  readonly partial: number;
  /** Respondents without a score: `noneAnswered + tooFewAnswered`. */
  readonly unscored: number;
  /** Unscored because no item was answered. */
  readonly noneAnswered: number;
  /** Unscored because some, but fewer than `minimumAnswered`, items were answered. */
  readonly tooFewAnswered: number;
  /** Missing answers per item. */
  readonly missingByItem: Readonly<Record<string, number>>;
  /** Mean and standard deviation (n - 1) of the scores; null with fewer than 1 (2) scores. */
  readonly mean: number | null;
  readonly standardDeviation: number | null;
}

/** Result of {@link scaleScores}. */
export interface ScaleScoresResult {
  readonly method: 'scale-scores';
  readonly statistic: 'mean' | 'sum';
  readonly rescale: 'none' | '0-100';
  readonly scaleNames: readonly string[];
  /** Rows in. */
  readonly n: number;
  /** Per scale, one score per input row, in row order; null where the respondent got no score. */
  readonly scores: Readonly<Record<string, readonly (number | null)[]>>;
  /** Per scale, how it was scored and why respondents got no score. */
  readonly scales: Readonly<Record<string, ScaleScoreReport>>;
  /** Rows with a score on every scale. */
  readonly complete: number;
}

/** Fewest answered items for a score of `s` under the `minimumAnswered` option. @internal */
export function minimumFor(s: NormalizedScale, option: ScaleScoresOptions['minimumAnswered']): number {
  const k = s.items.length;
  if (option === undefined) return k;
  if (typeof option === 'number') {
    return Math.min(k, checkNumberOption('options.minimumAnswered', option, { min: 1, integer: true }));
  }
  if (option === null || typeof option !== 'object') {
    throw new InputError('INVALID_OPTION', 'options.minimumAnswered: expected a number or an object of numbers per scale', {
      argument: 'options.minimumAnswered',
      expected: 'a positive integer',
    });
  }
  const v = option[s.name];
  if (v === undefined) return k;
  return checkNumberOption(`options.minimumAnswered.${s.name}`, v, { min: 1, max: k, integer: true });
}

/**
 * Per-respondent driver scores: the mean (or sum) of each scale's items, after recoding
 * reverse-worded items `min + max - x`, with a stated rule for missing answers, optionally
 * rescaled to 0-100 (as ACSI-style indices report). Returns one score per input row (null where
 * none), aligned with the rows, so other analyses can join them back.
 *
 * Method: a respondent gets a score when they answered at least `minimumAnswered` of the
 * scale's items (default: all of them); the score is the mean of the answered items (psych
 * `scoreItems(impute = "none")`), or the prorated sum `mean x k`. 0-100 rescaling maps the
 * mean through `(mean - min) / (max - min) x 100`. Every answer is validated once: numbers only,
 * within [min, max] when the scale declares them.
 *
 * @param rows - Plain objects keyed by column (e.g. parsed CSV).
 * @param scales - {@link ScaleDefinitions}, e.g. `{ satisfaction: ['sat1', 'sat2', 'sat3'] }`.
 * @param options - `statistic` ('mean' | 'sum'), `minimumAnswered`, `rescale` ('none' | '0-100'),
 *   `missingCodes`. Unknown keys are refused.
 * @returns {@link ScaleScoresResult}: `scores[scale][row]`, and per scale the counts of scored, partial
 *   and unscored respondents and the missing answers per item.
 * @throws InputError `EMPTY_INPUT`, `INVALID_OPTION` (bad scale description, bad or unknown option; rescaling
 *   without min/max), `COLUMN_NOT_FOUND` (naming scale and item), `NOT_NUMERIC`, `OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * import { scaleScores } from 'loyalty-drivers';
 * const rows = [{ s1: 5, s2: 7, s3: 2 }, { s1: 4, s2: null, s3: 4 }];
 * const scales = { satisfaction: { items: ['s1', 's2', 's3'], reverse: ['s3'], min: 1, max: 7 } };
 * // s3 is reverse-worded: 1 + 7 - 2 = 6, so row 0 scores (5 + 7 + 6) / 3 = 6.
 * const s = scaleScores(rows, scales);
 * s.scores.satisfaction[0]; // => 6
 * s.scores.satisfaction[1] === null; // => true  (s2 missing; every item is required by default)
 * s.scales.satisfaction.missingByItem.s2; // => 1
 * scaleScores(rows, scales, { minimumAnswered: 2 }).scores.satisfaction; // => [6, 4]
 * scaleScores(rows, scales, { rescale: '0-100' }).scores.satisfaction[0]; // => 83.33333333333334
 * ```
 */
export function scaleScores(rows: readonly Row[], scales: ScaleDefinitions, options: ScaleScoresOptions = {}): ScaleScoresResult {
  checkOptions(options, SCALE_SCORES_KEYS);
  const data = requireRows(rows, 'rows');
  const list = normalizeScales(scales, 'scales', 1);
  const statistic = checkOption('options.statistic', options.statistic ?? 'mean', ['mean', 'sum'] as const);
  const rescale = checkOption('options.rescale', options.rescale ?? 'none', ['none', '0-100'] as const);
  requireItems(data, list, 'rows');
  const scores: Record<string, (number | null)[]> = {};
  const reports: Record<string, ScaleScoreReport> = {};
  const completeRow = new Uint8Array(data.length).fill(1);
  for (const s of list) {
    if (rescale === '0-100' && (s.min === undefined || s.max === undefined)) {
      throw new InputError(
        'INVALID_OPTION',
        `options.rescale: scale "${s.name}" needs min and max to be rescaled to 0-100 (e.g. { items: [...], min: 1, max: 7 })`,
        {
          argument: 'options.rescale',
          value: '0-100',
          expected: 'scales with min and max',
        },
      );
    }
    const k = s.items.length;
    const minimum = minimumFor(s, options.minimumAnswered);
    const rules: CellRule[] = s.items.map((item) => ({
      argument: 'rows',
      column: item,
      scale: { min: s.min, max: s.max, integer: s.integer },
      missingCodes: options.missingCodes,
    }));
    const rule = scaleScoreRule(s, minimum, statistic, rescale === '0-100');
    const answers = new Float64Array(k);
    const out = new Array<number | null>(data.length);
    const missingByItem = new Array<number>(k).fill(0);
    let partial = 0;
    let none = 0;
    let tooFew = 0;
    const kept: number[] = [];
    for (let i = 0; i < data.length; i++) {
      const row = data[i];
      if (row === null || typeof row !== 'object') {
        throw new InputError('NOT_NUMERIC', `rows[${i}]: expected a plain object, got ${row === null ? 'null' : typeof row}`, {
          argument: 'rows',
          row: i,
          expected: 'a plain object',
        });
      }
      let answered = 0;
      for (let j = 0; j < k; j++) {
        const v = readCell(row[s.items[j]!], i, rules[j]!);
        if (v === null) {
          missingByItem[j]!++;
          answers[j] = NaN;
        } else {
          answers[j] = v;
          answered++;
        }
      }
      const score = scaleScore(rule, answers);
      if (score !== score) {
        out[i] = null;
        completeRow[i] = 0;
        if (answered === 0) none++;
        else tooFew++;
        continue;
      }
      if (answered < k) partial++;
      out[i] = score;
      kept.push(score);
    }
    scores[s.name] = out;
    reports[s.name] = {
      items: [...s.items],
      reversed: s.items.filter((_, j) => s.reversed[j]),
      minimumAnswered: minimum,
      scored: kept.length,
      partial,
      unscored: none + tooFew,
      noneAnswered: none,
      tooFewAnswered: tooFew,
      missingByItem: Object.fromEntries(s.items.map((item, j) => [item, missingByItem[j]!])),
      mean: kept.length > 0 ? mean(kept) : null,
      standardDeviation: kept.length > 1 ? standardDeviation(kept) : null,
    };
  }
  let complete = 0;
  for (let i = 0; i < data.length; i++) complete += completeRow[i]!;
  return {
    method: 'scale-scores',
    statistic,
    rescale,
    scaleNames: list.map((s) => s.name),
    n: data.length,
    scores,
    scales: reports,
    complete,
  };
}
