/**
 * relativeImportance and dominanceAnalysis with family 'binomial' and 'ordinal' against R
 * (test/fixtures/r/familyImportance.R): dominanceanalysis on glm (McFadden, Cox-Snell, Estrella:
 * every matrix, contributions by level, general contributions) and a brute force of every subset
 * fit by glm / ordinal::clm with the textbook pseudo-R2s (Nagelkerke included, which
 * dominanceanalysis underflows to Cox-Snell at this n), unweighted and with the sampling weights.
 * Matrices exactly; values 1e-9 relative (R's fits are converged to about 1e-13 in the
 * log-likelihood by the script's tightened control).
 */
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, relativeImportance } from '../../src/index.js';
import { expectRel } from '../helpers/fixtures.js';
import { DRIVERS, familyReference, familyRows } from './familyData.js';

const INDICES = [
  ['mcfadden', 'mcfadden'],
  ['cox-snell', 'cox_snell'],
  ['nagelkerke', 'nagelkerke'],
  ['estrella', 'estrella'],
] as const;

type Ref = {
  complete: number[][];
  conditional: number[][];
  general: number[][];
  contribution_by_level: Record<string, Record<string, number>> | Record<string, number>[];
  general_contribution: Record<string, number>;
  first?: Record<string, number>;
  last?: Record<string, number>;
  total?: number;
};

function levels(ref: Ref): Record<string, number>[] {
  const c = ref.contribution_by_level;
  return Array.isArray(c) ? c : Object.keys(c).map((k) => c[k]!);
}

function expectDominance(d: ReturnType<typeof dominanceAnalysis>, ref: Ref, label: string): void {
  expect(d.complete, `${label} complete`).toEqual(ref.complete);
  expect(d.conditional, `${label} conditional`).toEqual(ref.conditional);
  expect(d.general, `${label} general`).toEqual(ref.general);
  const lv = levels(ref);
  expect(d.contributionByLevel.length).toBe(lv.length);
  d.contributionByLevel.forEach((level, k) => {
    for (const name of DRIVERS) expectRel(level[name]!, lv[k]![name]!, 1e-9, `${label} level ${k} ${name}`);
  });
  for (const name of DRIVERS) expectRel(d.generalContribution[name]!, ref.general_contribution[name]!, 1e-9, `${label} general ${name}`);
}

const cases = [
  ['binomial', 'retained', 'binomial', undefined],
  ['binomial, weighted', 'retained', 'binomial_weighted', 'weight'],
  ['ordinal', 'rec3', 'ordinal', undefined],
  ['ordinal, weighted', 'rec3', 'ordinal_weighted', 'weight'],
] as const;

describe('dominanceAnalysis and relativeImportance for binary and ordinal outcomes vs R', () => {
  for (const [label, outcome, key, weights] of cases) {
    const family = key.startsWith('binomial') ? 'binomial' : 'ordinal';
    for (const [index, refKey] of INDICES) {
      it(`${label}, ${index}: every matrix, contributions by level, general, first, last`, () => {
        const ref = familyReference()[key];
        const options = { outcome, predictors: [...DRIVERS], family, pseudoRSquared: index, ...(weights ? { weights } : {}) } as const;
        const d = dominanceAnalysis(familyRows(), options);
        expect(d.family).toBe(family);
        expect(d.fitIndex).toBe(index);
        expect(d.n).toBe(ref.n === Math.round(ref.n) && !weights ? ref.n : d.n);
        expectDominance(d, ref.indices[refKey], `${label} ${index}`);
        expectRel(d.rSquared, ref.indices[refKey].total, 1e-9, 'total');
        expectRel(d.model!.logLikelihood!.null, ref.null_log_likelihood, 1e-12, 'null LL');
        expectRel(d.model!.logLikelihood!.full, ref.full_log_likelihood, 1e-12, 'full LL');
        const r = relativeImportance(familyRows(), options);
        expect(r.fitIndex).toBe(index);
        for (const name of DRIVERS) {
          expectRel(r.importance.lmg![name]!, ref.indices[refKey].general_contribution[name], 1e-9, `lmg ${name}`);
          expectRel(r.importance.first![name]!, ref.indices[refKey].first[name], 1e-9, `first ${name}`);
          expectRel(r.importance.last![name]!, ref.indices[refKey].last[name], 1e-9, `last ${name}`);
        }
      });
    }
  }

  it('binomial: the matrices and contributions R dominanceanalysis itself reports (glm)', () => {
    const ref = familyReference().binomial;
    for (const [index, refKey] of [
      ['mcfadden', 'mcfadden'],
      ['cox-snell', 'cox_snell'],
      ['estrella', 'estrella'],
    ] as const) {
      const d = dominanceAnalysis(familyRows(), {
        outcome: 'retained',
        predictors: [...DRIVERS],
        family: 'binomial',
        pseudoRSquared: index,
      });
      expectDominance(d, ref.da[refKey], `dominanceanalysis ${index}`);
    }
    // Its r2.n equals its r2.cs here (exp(LL0) underflows at LL0 = -911); ours is the textbook value.
    const n = dominanceAnalysis(familyRows(), {
      outcome: 'retained',
      predictors: [...DRIVERS],
      family: 'binomial',
      pseudoRSquared: 'nagelkerke',
    });
    expectRel(ref.da_nagelkerke_general.satisfaction, ref.indices.cox_snell.general_contribution.satisfaction, 1e-12, 'R underflow');
    expect(n.generalContribution.satisfaction! / ref.da_nagelkerke_general.satisfaction).toBeGreaterThan(1.4);
  });

  it('full-model coefficients match glm and clm (log-odds; clm slopes have the same sign convention)', () => {
    const ref = familyReference();
    const b = relativeImportance(familyRows(), { outcome: 'retained', predictors: [...DRIVERS], family: 'binomial' });
    for (const name of DRIVERS) expectRel(b.model!.coefficients[name]!, ref.binomial.coefficients[name], 1e-7, name);
    const o = relativeImportance(familyRows(), { outcome: 'rec3', predictors: [...DRIVERS], family: 'ordinal' });
    for (const name of DRIVERS) expectRel(o.model!.coefficients[name]!, ref.ordinal.coefficients[name], 1e-7, name);
    expect(o.model!.pseudoRSquared!.mcfadden).toBeCloseTo(o.rSquared, 14);
  });
});
