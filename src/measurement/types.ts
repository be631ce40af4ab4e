/**
 * Scale descriptions shared by every function in `measurement` (and by regression,
 * segmentation, io and the command-line tool, which build driver scores from them).
 *
 * @module measurement
 */

/**
 * One multi-item scale, in full: its items, which of them are reverse-worded, and the answer
 * range. Reverse-worded items are recoded `min + max - x` before anything is computed, so
 * `min` and `max` are required when `reverse` is given; they are also what 0-100 rescaling uses
 * and, when given, every answer is checked to lie in [min, max].
 *
 * @example
 * ```ts
 * const trust: ScaleDefinition = { items: ['tru1', 'tru2', 'tru3'], reverse: ['tru3'], min: 1, max: 7 };
 * ```
 */
export interface ScaleDefinition {
  /** Item (column) names, at least one (at least two for reliability and validity). */
  readonly items: readonly string[];
  /** Items worded in the opposite direction; a subset of `items`. */
  readonly reverse?: readonly string[];
  /** Lowest possible answer, e.g. 1 on a 1-7 Likert scale. */
  readonly min?: number;
  /** Highest possible answer, e.g. 7 on a 1-7 Likert scale. */
  readonly max?: number;
  /** Whether only whole numbers are valid answers (checked when set). */
  readonly integer?: boolean;
}

/**
 * The user's scales, keyed by driver name: either a plain list of item names or a
 * {@link ScaleDefinition}.
 *
 * @example
 * ```ts
 * const scales: ScaleDefinitions = {
 *   satisfaction: ['sat1', 'sat2', 'sat3'],
 *   trust: { items: ['tru1', 'tru2', 'tru3'], reverse: ['tru3'], min: 1, max: 7 },
 * };
 * ```
 */
export type ScaleDefinitions = Readonly<Record<string, readonly string[] | ScaleDefinition>>;

/** A scale after validation: name, items, reverse flags and range. @internal */
export interface NormalizedScale {
  readonly name: string;
  readonly items: readonly string[];
  /** `reversed[j]` is true when `items[j]` is reverse-worded. */
  readonly reversed: readonly boolean[];
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly integer: boolean;
}
