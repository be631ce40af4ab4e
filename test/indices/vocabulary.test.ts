// The one vocabulary (docs/guides/conventions.md) on the index results, and strict options:
// a misspelled option key is refused with INVALID_OPTION naming the nearest valid key.
import { describe, expect, it } from 'vitest';
import {
  churnRate,
  csat,
  customerLifetimeValue,
  customerLoyaltyIndex,
  InputError,
  netRevenueRetention,
  nps,
  repeatPurchaseRate,
  retentionRate,
  revenueAtRisk,
  shareOfWallet,
} from '../../src/index.js';
import { expectError } from '../helpers/fixtures.js';

const VOCABULARY = ['estimate', 'standardError', 'confidenceInterval', 'confidenceLevel', 'intervalMethod'] as const;
const KEBAB = /^[a-z]+(-[a-z]+)*$/;
// Names the conventions retire: the headline is `estimate`, the interval's method `intervalMethod`.
const RETIRED = ['nps', 'csat', 'customerLoyaltyIndex', 'rate', 'interval', 'proportion', 'notes'];

function expectEstimateFields(e: Record<string, unknown>, what: string): void {
  for (const key of VOCABULARY) expect(e, `${what}.${key}`).toHaveProperty(key);
  expect(typeof e['estimate'], `${what}.estimate`).toBe('number');
  expect(typeof e['standardError'], `${what}.standardError`).toBe('number');
  const ci = e['confidenceInterval'] as unknown[];
  expect(Array.isArray(ci) && ci.length === 2 && ci.every((v) => typeof v === 'number'), `${what}.confidenceInterval is a pair`).toBe(true);
  expect(e['confidenceLevel'], `${what}.confidenceLevel`).toBe(0.95);
  expect(e['intervalMethod'], `${what}.intervalMethod`).toMatch(KEBAB);
}

function expectResultFields(r: Record<string, unknown>, method: string): void {
  expect(r['method']).toBe(method);
  expect(r['method']).toMatch(KEBAB);
  expect(typeof r['n']).toBe('number');
  expect(r['missing']).toMatchObject({ policy: 'omit' });
  expect(r['warnings']).toEqual([]);
  for (const key of RETIRED) expect(r, `${method}: no field "${key}"`).not.toHaveProperty(key);
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
}

const rows = [
  { rec: 10, rep: 8, up: 6, w: 1 },
  { rec: 4, rep: 6, up: 2, w: 2 },
  { rec: 9, rep: 9, up: 7, w: 1 },
];

describe('the vocabulary of the index results', () => {
  it('nps, csat, customerLoyaltyIndex, retentionRate: estimate, SE, interval pair, level, intervalMethod, n, missing, method, warnings', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [nps([10, 9, 8, 3]) as never, 'nps', 'adjusted-wald'],
      [nps([10, 9, 8, 3], { weights: [1, 2, 1, 1] }) as never, 'nps', 'wald'],
      [csat([5, 4, 2, 1, 5]) as never, 'csat', 'wilson'],
      [customerLoyaltyIndex(rows, { items: ['rec', 'rep', 'up'] }) as never, 'customer-loyalty-index', 't'],
      [customerLoyaltyIndex(rows, { items: ['rec', 'rep', 'up'], method: 'net' }) as never, 'customer-loyalty-index', 'wald'],
      [retentionRate([1, 1, 0, 1]) as never, 'retention-rate', 'wilson'],
      [churnRate([1, 1, 0, 1]) as never, 'churn-rate', 'wilson'],
      [repeatPurchaseRate([0, 1, 2, 5]) as never, 'repeat-purchase-rate', 'wilson'],
    ];
    for (const [r, method, intervalMethod] of cases) {
      expectEstimateFields(r, method);
      expectResultFields(r, method);
      expect(r['intervalMethod']).toBe(intervalMethod);
    }
    expect(nps([10, 9, 8, 3]).estimate).toBe(25);
    expect(retentionRate([1, 1, 0, 1]).estimate).toBe(0.75);
  });
  it('shareOfWallet: each of ratioOfSums and meanOfRatios carries the estimate fields', () => {
    const r = shareOfWallet([50, 10, 0, 30], [100, 10, 0, 120]);
    expectResultFields(r as never, 'share-of-wallet');
    expectEstimateFields(r.ratioOfSums as never, 'ratioOfSums');
    expectEstimateFields(r.meanOfRatios as never, 'meanOfRatios');
    expect([r.ratioOfSums.intervalMethod, r.meanOfRatios.intervalMethod]).toEqual(['wald', 't']);
  });
  it('the revenue indices: estimate as the headline, kebab-case method, warnings', () => {
    const nrr = netRevenueRetention({ startingRevenue: 1000, expansion: 200, contraction: 50, churned: 100 });
    const clv = customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1 });
    const rar = revenueAtRisk({ customers: 100, revenuePerCustomer: 100, satisfiedShare: 0.9, churnIfDissatisfied: 0.95 });
    expect([nrr.method, clv.method, rar.method]).toEqual(['net-revenue-retention', 'customer-lifetime-value', 'revenue-at-risk']);
    for (const r of [nrr, clv, rar]) {
      expect(typeof r.estimate).toBe('number');
      expect(r.warnings).toEqual([]);
      expect(r).not.toHaveProperty(r.method.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
    }
  });
});

describe('strict options', () => {
  const typo = (fn: () => unknown, key: string, suggestion: string) =>
    expectError(fn, InputError, 'INVALID_OPTION', [key, `did you mean "${suggestion}"`]);
  it('a misspelled key names the nearest valid one', () => {
    typo(() => nps([9, 10], { weight: [1, 1] } as never), 'options.weight', 'weights');
    // The retired name is too far from its successor for a suggestion; the message lists it.
    expectError(() => nps([9, 10], { interval: 'wald' } as never), InputError, 'INVALID_OPTION', [
      'options.interval: unknown option',
      '"intervalMethod"',
    ]);
    typo(() => nps([9, 10], { intervalMethd: 'wald' } as never), 'options.intervalMethd', 'intervalMethod');
    typo(() => csat([4, 5], { satisfiedMn: 4 } as never), 'options.satisfiedMn', 'satisfiedMin');
    typo(() => customerLoyaltyIndex(rows, { items: ['rec'], weight: 'w' } as never), 'options.weight', 'weights');
    typo(() => retentionRate([1, 0], { confidenceLvel: 0.9 } as never), 'options.confidenceLvel', 'confidenceLevel');
    typo(() => churnRate([1, 0], { missingCode: [9] } as never), 'options.missingCode', 'missingCodes');
    typo(() => repeatPurchaseRate([1, 2], { weight: [1, 1] } as never), 'options.weight', 'weights');
    typo(() => shareOfWallet([1, 2], [2, 2], { weight: [1, 1] } as never), 'options.weight', 'weights');
  });
  it('nested option objects and the input objects are checked too', () => {
    typo(() => nps([9, 10], { scale: { min: 0, maxi: 10 } } as never), 'options.scale.maxi', 'max');
    typo(() => csat([4, 5], { scale: { mni: 1, max: 5 } } as never), 'options.scale.mni', 'min');
    typo(
      () => customerLoyaltyIndex(rows, { items: ['rec'], scale: { min: 0, max: 10, integr: true } } as never),
      'options.scale.integr',
      'integer',
    );
    typo(() => retentionRate({ atStart: 10, atEnd: 8, acquire: 1 } as never), 'data.acquire', 'acquired');
    typo(
      () => netRevenueRetention({ startingRevenue: 10, expanson: 1, contraction: 0, churned: 0 } as never),
      'movements.expanson',
      'expansion',
    );
    typo(() => customerLifetimeValue({ margin: 1, retention: 0.5, discountRate: 0.1, horizn: 3 } as never), 'inputs.horizn', 'horizon');
    typo(
      () => revenueAtRisk({ customers: 1, revenuePerCustomer: 1, satisfiedShare: 0.5, churnIfDisatisfied: 0.5 } as never),
      'inputs.churnIfDisatisfied',
      'churnIfDissatisfied',
    );
  });
});
