import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import type { Warning } from '../types.js';

/**
 * When margins arrive relative to retention:
 * - `'retention-first'` (Gupta & Lehmann 2003): the customer must survive each period before its
 *   margin counts; period t contributes `m r^t / (1 + d)^t`.
 * - `'margin-first'`: the first period's margin is certain; period t contributes
 *   `m r^(t-1) / (1 + d)^t`. It is `1 / r` times the retention-first value.
 */
export type ClvTiming = 'retention-first' | 'margin-first';

/** Inputs of {@link customerLifetimeValue}. */
export interface ClvInputs {
  /** Margin per customer per period (m). */
  readonly margin: number;
  /** Retention rate per period (r), 0 <= r < 1. */
  readonly retention: number;
  /** Discount rate per period (d), >= 0 (e.g. 0.1 for 10%). */
  readonly discountRate: number;
  /** Number of periods T; omit (or Infinity) for the infinite-horizon formula. */
  readonly horizon?: number;
  /** Timing convention; default `'retention-first'` for the infinite horizon and `'margin-first'` for a finite one. */
  readonly timing?: ClvTiming;
}

/** Result of {@link customerLifetimeValue}. */
export interface ClvResult {
  readonly method: 'customer-lifetime-value';
  /** The customer lifetime value, in the units of `margin`. */
  readonly estimate: number;
  readonly horizon: number | 'infinite';
  readonly timing: ClvTiming;
  /** The infinite-horizon value under the same timing, for comparison with a finite horizon. */
  readonly infiniteHorizonValue: number;
  /** `m / (1 + d - r)` over m: the margin multiple of Gupta & Lehmann under this timing. */
  readonly marginMultiple: number;
  readonly inputs: { readonly margin: number; readonly retention: number; readonly discountRate: number };
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const CLV_KEYS = optionKeys<ClvInputs>({ margin: true, retention: true, discountRate: true, horizon: true, timing: true });

/**
 * Customer lifetime value under the simple constant-retention model.
 *
 * Method: infinite horizon `CLV = m r / (1 + d - r)` (Gupta & Lehmann 2003, "Customers as
 * assets", J. Interactive Marketing 17(1)), margins at the end of each period survived
 * (`'retention-first'`); finite horizon `sum_{t=1..T} m r^(t-1) / (1 + d)^t` (`'margin-first'`,
 * the first period's margin certain), summed in closed form `m/(1+d) (1 - q^T)/(1 - q)`,
 * `q = r/(1+d)`. Either timing can be asked for either horizon; the result names the one used.
 *
 * @param inputs - Margin, retention, discount rate, optional horizon and timing.
 * @returns CLV, the convention used and the infinite-horizon value under the same timing.
 * @throws InputError `INVALID_OPTION` for retention outside [0, 1), a negative discount rate or
 *   a horizon that is not a whole number >= 1, or an unknown key (`inputs.horizn`).
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'loyalty-drivers';
 * customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1 }).estimate;
 * // => 266.666...  (100 * 0.8 / (1 + 0.1 - 0.8))
 * customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1, horizon: 2 }).estimate;
 * // => 157.024...  (100 / 1.1 + 100 * 0.8 / 1.1^2)
 * ```
 */
export function customerLifetimeValue(inputs: ClvInputs): ClvResult {
  if (inputs === null || typeof inputs !== 'object') {
    throw new InputError('INVALID_OPTION', 'inputs: expected { margin, retention, discountRate, horizon? }', { argument: 'inputs' });
  }
  checkOptions(inputs, CLV_KEYS, 'inputs');
  const m = checkNumberOption('inputs.margin', inputs.margin);
  const r = checkNumberOption('inputs.retention', inputs.retention, { min: 0, max: 1, exclusiveMax: true });
  const d = checkNumberOption('inputs.discountRate', inputs.discountRate, { min: 0 });
  const infinite = inputs.horizon === undefined || inputs.horizon === Infinity;
  const horizon = infinite ? Infinity : checkNumberOption('inputs.horizon', inputs.horizon, { min: 1, integer: true });
  const timing = checkOption('inputs.timing', inputs.timing ?? (infinite ? 'retention-first' : 'margin-first'), [
    'retention-first',
    'margin-first',
  ] as const);
  const first = timing === 'retention-first' ? r : 1;
  const marginMultiple = first / (1 + d - r);
  const infiniteHorizonValue = m * marginMultiple;
  let value = infiniteHorizonValue;
  if (!infinite) {
    const q = r / (1 + d);
    // sum_{t=1..T} first * m * q^(t-1) / (1 + d); expm1/log1p keep 1 - q^T accurate when q ~ 1.
    const geometric = q === 0 ? 1 : -Math.expm1(horizon * Math.log(q)) / (1 - q);
    value = ((first * m) / (1 + d)) * geometric;
  }
  return {
    method: 'customer-lifetime-value',
    estimate: value,
    horizon: infinite ? 'infinite' : horizon,
    timing,
    infiniteHorizonValue,
    marginMultiple,
    inputs: { margin: m, retention: r, discountRate: d },
    warnings: [],
  };
}
