import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import type { Warning } from '../types.js';

/** Revenue movements of a customer cohort over a period, for {@link netRevenueRetention}. */
export interface RevenueMovements {
  /** Recurring revenue of the cohort at the start of the period (> 0). */
  readonly startingRevenue: number;
  /** Added revenue from the same customers (upsell, cross-sell, price). */
  readonly expansion: number;
  /** Lost revenue from customers who stayed (downgrades, discounts). */
  readonly contraction: number;
  /** Revenue of customers who left. */
  readonly churned: number;
}

/** Result of {@link netRevenueRetention}. */
export interface NetRevenueRetentionResult {
  readonly method: 'net-revenue-retention';
  /** NRR: `(start + expansion - contraction - churned) / start`, as a ratio (1 = 100%). */
  readonly estimate: number;
  /** `(start - contraction - churned) / start`: the same without expansion, at most 1. */
  readonly grossRevenueRetention: number;
  /** True above 100%: expansion outweighs contraction and churn ("negative churn"). */
  readonly negativeChurn: boolean;
  readonly inputs: RevenueMovements;
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const MOVEMENT_KEYS = optionKeys<RevenueMovements>({ startingRevenue: true, expansion: true, contraction: true, churned: true });

function amount(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new InputError('OUT_OF_RANGE', `${name}: expected a revenue amount >= 0, got ${String(v)}`, {
      argument: name,
      expected: 'a finite number >= 0',
      value: typeof v === 'number' ? v : String(v),
    });
  }
  return v;
}

/**
 * Net revenue retention (NRR): revenue kept and grown from the customers you had at the start,
 * `(start + expansion - contraction - churned) / start`. Above 100% is "negative churn". Gross
 * revenue retention (no expansion) is reported beside it.
 *
 * Method: arithmetic on the cohort's totals; no sampling error (the cohort is the population).
 *
 * @param movements - Starting revenue, expansion, contraction and churned revenue (all >= 0).
 * @returns NRR and GRR as ratios, and whether churn is negative.
 * @throws InputError `OUT_OF_RANGE` for a negative amount, a zero start, or losses above the start;
 *   `INVALID_OPTION` for an unknown key (`movements.expanson`).
 *
 * @example
 * ```ts
 * import { netRevenueRetention } from 'loyalty-drivers';
 * netRevenueRetention({ startingRevenue: 1000, expansion: 200, contraction: 50, churned: 100 });
 * // => { estimate: 1.05, grossRevenueRetention: 0.85, negativeChurn: true, ... }
 * ```
 */
export function netRevenueRetention(movements: RevenueMovements): NetRevenueRetentionResult {
  if (movements === null || typeof movements !== 'object') {
    throw new InputError('INVALID_OPTION', 'movements: expected { startingRevenue, expansion, contraction, churned }', {
      argument: 'movements',
    });
  }
  checkOptions(movements, MOVEMENT_KEYS, 'movements');
  const s = amount('movements.startingRevenue', movements.startingRevenue);
  const e = amount('movements.expansion', movements.expansion);
  const c = amount('movements.contraction', movements.contraction);
  const ch = amount('movements.churned', movements.churned);
  if (s === 0) {
    throw new InputError('OUT_OF_RANGE', 'movements.startingRevenue: must be above 0 (the ratio divides by it)', {
      argument: 'movements.startingRevenue',
      value: 0,
      expected: '> 0',
    });
  }
  if (c + ch > s) {
    throw new InputError('OUT_OF_RANGE', `movements: contraction + churned (${c + ch}) exceed the starting revenue (${s})`, {
      argument: 'movements',
      expected: 'contraction + churned <= startingRevenue',
    });
  }
  const nrr = (s + e - c - ch) / s;
  return {
    method: 'net-revenue-retention',
    estimate: nrr,
    grossRevenueRetention: (s - c - ch) / s,
    negativeChurn: nrr > 1,
    inputs: { startingRevenue: s, expansion: e, contraction: c, churned: ch },
    warnings: [],
  };
}
