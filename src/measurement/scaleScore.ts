/**
 * The one rule that turns a respondent's item answers into a driver score, shared by
 * `scaleScores` (rows in memory) and the streaming reader (`io`), so both score alike. Pure, no
 * Node built-ins, no allocation per call.
 *
 * @module measurement
 */
import type { NormalizedScale } from './types.js';

/** How one scale is scored, fixed before the first row is read. @internal */
export interface ScaleScoreRule {
  /** Position of each item's answer in the cells passed to {@link scaleScore}, in item order. */
  readonly cells: readonly number[];
  /** `reversed[j]`: item j is recoded `top - x`. */
  readonly reversed: readonly boolean[];
  /** `min + max` of the scale (0 when it declares no range; then no item is reversed). */
  readonly top: number;
  /** Fewest answered items for a score. */
  readonly minimum: number;
  readonly statistic: 'mean' | 'sum';
  /** Rescale the mean to 0-100 through `(mean - min) / (max - min) x 100`. */
  readonly rescale: boolean;
  readonly min: number;
  readonly max: number;
}

/**
 * The scoring rule of a validated scale. `cells` defaults to `0..k-1` (the answers passed in
 * item order).
 * @internal
 */
export function scaleScoreRule(
  scale: NormalizedScale,
  minimum: number,
  statistic: 'mean' | 'sum',
  rescale: boolean,
  cells?: readonly number[],
): ScaleScoreRule {
  return {
    cells: cells ?? scale.items.map((_, j) => j),
    reversed: scale.reversed,
    top: (scale.min ?? 0) + (scale.max ?? 0),
    minimum,
    statistic,
    rescale,
    min: scale.min ?? 0,
    max: scale.max ?? 1,
  };
}

/**
 * One respondent's score: reverse-worded answers recoded `min + max - x`, then the mean of the
 * answered items (psych `scoreItems(impute = "none")`), or the prorated sum `mean x k`, or the
 * mean rescaled to 0-100. `NaN` when fewer than `rule.minimum` items were answered.
 *
 * @param rule - From {@link scaleScoreRule}.
 * @param cells - The answers (validated numbers, `NaN` for missing), read at `rule.cells`.
 * @internal
 */
export function scaleScore(rule: ScaleScoreRule, cells: ArrayLike<number>): number {
  const positions = rule.cells;
  const k = positions.length;
  let total = 0;
  let answered = 0;
  for (let j = 0; j < k; j++) {
    const v = cells[positions[j]!]!;
    if (v !== v) continue;
    total += rule.reversed[j] ? rule.top - v : v;
    answered++;
  }
  if (answered < rule.minimum) return NaN;
  const m = total / answered;
  return rule.rescale ? ((m - rule.min) / (rule.max - rule.min)) * 100 : rule.statistic === 'sum' ? m * k : m;
}
