import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption } from '../internal/validate.js';
import type { Warning } from '../types.js';

/** Inputs of {@link revenueAtRisk}. */
export interface RevenueAtRiskInputs {
  /** Number of customers. */
  readonly customers: number;
  /** Revenue per customer per period (e.g. per month). */
  readonly revenuePerCustomer: number;
  /** Share of satisfied customers, 0-1 (e.g. CSAT / 100). */
  readonly satisfiedShare: number;
  /** Share of dissatisfied customers expected to churn, 0-1. */
  readonly churnIfDissatisfied: number;
}

/** Result of {@link revenueAtRisk}. */
export interface RevenueAtRiskResult {
  readonly method: 'revenue-at-risk';
  /** Revenue at risk: revenue per period expected to leave with dissatisfied customers. */
  readonly estimate: number;
  /** Customers expected to churn: `customers (1 - satisfied) churnIfDissatisfied`. */
  readonly customersAtRisk: number;
  /** Extra revenue at risk for each percentage point of satisfaction lost. */
  readonly perSatisfactionPoint: number;
  readonly inputs: RevenueAtRiskInputs;
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const RAR_KEYS = optionKeys<RevenueAtRiskInputs>({
  customers: true,
  revenuePerCustomer: true,
  satisfiedShare: true,
  churnIfDissatisfied: true,
});

/**
 * Revenue at risk from dissatisfaction:
 * `customers x (1 - satisfied share) x churn rate of the dissatisfied x revenue per customer`.
 *
 * Method: expected value under the stated churn rate; no sampling error (feed it a CSAT
 * interval's ends to see the range).
 *
 * @param inputs - Customers, revenue per customer, satisfied share, churn among the dissatisfied.
 * @returns Revenue and customers at risk per period, and the revenue each satisfaction point moves.
 * @throws InputError `INVALID_OPTION` for a negative count or revenue, a share outside 0-1, or an unknown key.
 *
 * @example
 * ```ts
 * import { revenueAtRisk } from 'loyalty-drivers';
 * // 100 customers spending 100 a month, 90% satisfied, 95% of the dissatisfied churn:
 * revenueAtRisk({ customers: 100, revenuePerCustomer: 100, satisfiedShare: 0.9, churnIfDissatisfied: 0.95 });
 * // => { estimate: 950, customersAtRisk: 9.5, perSatisfactionPoint: 95, ... }
 * ```
 */
export function revenueAtRisk(inputs: RevenueAtRiskInputs): RevenueAtRiskResult {
  if (inputs === null || typeof inputs !== 'object') {
    throw new InputError('INVALID_OPTION', 'inputs: expected { customers, revenuePerCustomer, satisfiedShare, churnIfDissatisfied }', {
      argument: 'inputs',
    });
  }
  checkOptions(inputs, RAR_KEYS, 'inputs');
  const customers = checkNumberOption('inputs.customers', inputs.customers, { min: 0 });
  const revenue = checkNumberOption('inputs.revenuePerCustomer', inputs.revenuePerCustomer, { min: 0 });
  const satisfied = checkNumberOption('inputs.satisfiedShare', inputs.satisfiedShare, { min: 0, max: 1 });
  const churn = checkNumberOption('inputs.churnIfDissatisfied', inputs.churnIfDissatisfied, { min: 0, max: 1 });
  const customersAtRisk = customers * (1 - satisfied) * churn;
  return {
    method: 'revenue-at-risk',
    estimate: customersAtRisk * revenue,
    customersAtRisk,
    perSatisfactionPoint: customers * 0.01 * churn * revenue,
    inputs: { customers, revenuePerCustomer: revenue, satisfiedShare: satisfied, churnIfDissatisfied: churn },
    warnings: [],
  };
}
