/**
 * The one reading of a change between waves: its direction and whether it is significant.
 * @module
 */
import type { Interval } from '../types.js';

/** The reading of one change between waves (see {@link changeLabel}). */
export interface ChangeLabel {
  /** Sign of the point estimate: `'up'`, `'down'`, or `'none'` for exactly 0. */
  readonly direction: 'up' | 'down' | 'none';
  /** Whether the change is significant at the result's level (see {@link changeLabel}). */
  readonly significant: boolean;
  /** `'up, significant'`, `'down, not significant'`, `'no change'`. */
  readonly text: string;
}

/**
 * Reads a change between waves (a `compareNps`, `compareProportions` or `compareMeans` result,
 * or a bootstrap interval of an importance difference from `compareWaves`): its direction, and
 * whether it is significant at `1 - confidenceLevel`. With a p-value, significant means
 * `pValue < 1 - confidenceLevel`; without one (a bootstrap interval), the interval excludes 0.
 * The report and the command-line tool both label changes with it.
 *
 * @param change - `{ estimate, confidenceInterval, confidenceLevel, pValue? }`, as the
 *   differences of `compareWaves` carry them.
 * @returns Direction, significance and a short text.
 *
 * @example
 * ```ts
 * import { changeLabel } from 'loyalty-drivers';
 * changeLabel({ estimate: 4.2, confidenceInterval: [1.1, 7.3], confidenceLevel: 0.95, pValue: 0.008 }).text; // => 'up, significant'
 * changeLabel({ estimate: -0.01, confidenceInterval: [-0.03, 0.01], confidenceLevel: 0.95 }).text; // => 'down, not significant'
 * ```
 */
export function changeLabel(change: {
  readonly estimate: number;
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly pValue?: number | null;
}): ChangeLabel {
  const [lower, upper] = change.confidenceInterval;
  const significant =
    change.pValue === undefined || change.pValue === null ? lower > 0 || upper < 0 : change.pValue < 1 - change.confidenceLevel;
  const direction = change.estimate > 0 ? 'up' : change.estimate < 0 ? 'down' : 'none';
  const text = direction === 'none' ? 'no change' : `${direction}, ${significant ? 'significant' : 'not significant'}`;
  return { direction, significant, text };
}
