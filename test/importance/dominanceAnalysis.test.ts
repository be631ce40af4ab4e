/**
 * dominanceAnalysis against R: dominanceanalysis values in the shared references (loyalty-survey.json
 * dominance, wide-10.json dominance_*), and brute-force R (test/fixtures/r/importance.R: R2 of every
 * subset by lm, strict comparisons as dominanceanalysis) for weights and 12 predictors.
 * Matrices exactly; contributions 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, relativeImportance } from '../../src/index.js';
import { expectRel } from '../helpers/fixtures.js';
import { DRIVERS, P12, WIDE, driverRows, p12Rows, plainCorrelation, rReference, survey, wide, wideRows } from './data.js';

function expectLevels(
  result: ReturnType<typeof dominanceAnalysis>,
  byLevel: Record<string, Record<string, number>>,
  firstKey: number,
  names: readonly string[],
): void {
  expect(result.contributionByLevel.length).toBe(names.length);
  result.contributionByLevel.forEach((level, k) => {
    for (const name of names) expectRel(level[name]!, byLevel[String(k + firstKey)]![name]!, 1e-9, `level ${k} ${name}`);
  });
}

describe('dominanceAnalysis: loyalty survey vs dominanceanalysis (loyalty-survey.json dominance)', () => {
  const ref = survey().dominance;
  const options = { outcome: 'recommend', predictors: [...DRIVERS] };
  for (const [label, data] of [
    ['rows', () => driverRows()],
    [
      'correlation matrix',
      () => ({ correlation: plainCorrelation(driverRows(), ['recommend', ...DRIVERS]), variables: ['recommend', ...DRIVERS], n: 1596 }),
    ],
  ] as const) {
    it(`from ${label}: the three matrices exactly, contributions by level and general to 1e-9`, () => {
      const d = dominanceAnalysis(data(), options);
      expect(d.complete).toEqual(ref.complete);
      expect(d.conditional).toEqual(ref.conditional);
      expect(d.general).toEqual(ref.general);
      expectLevels(d, ref.contribution_by_level, 0, DRIVERS);
      for (const name of DRIVERS) expectRel(d.generalContribution[name]!, ref.general_contribution[name], 1e-9, name);
      expect(d.subsets).toBe(16);
    });
  }

  it('general dominance equals lmg; level 0 is first and level p-1 is last', () => {
    const d = dominanceAnalysis(driverRows(), options);
    const r = relativeImportance(driverRows(), options);
    for (const name of DRIVERS) {
      expectRel(d.generalContribution[name]!, r.importance.lmg![name]!, 1e-13, `lmg ${name}`);
      expectRel(d.contributionByLevel[0]![name]!, r.importance.first![name]!, 1e-13, `first ${name}`);
      expectRel(d.contributionByLevel[3]![name]!, r.importance.last![name]!, 1e-11, `last ${name}`);
    }
    expectRel(d.rSquared, r.rSquared, 1e-14, 'R2');
    expect(d.ranks).toEqual(r.ranks.lmg);
  });

  it('complete: false skips the table and returns null', () => {
    const d = dominanceAnalysis(driverRows(), { ...options, complete: false });
    expect(d.complete).toBeNull();
    expect(d.conditional).toEqual(ref.conditional);
  });

  it('sampling weights: matrices and contributions as brute-force weighted lm in R', () => {
    const w = rReference().weighted.dominance;
    const d = dominanceAnalysis(driverRows(), { ...options, weights: 'weight' });
    expect(d.complete).toEqual(w.complete);
    expect(d.conditional).toEqual(w.conditional);
    expect(d.general).toEqual(w.general);
    expectLevels(d, w.contribution_by_level, 1, DRIVERS);
  });
});

describe('dominanceAnalysis: wide-10 vs dominanceanalysis (wide-10.json)', () => {
  it('complete, conditional and general matrices exactly', () => {
    const ref = wide();
    const d = dominanceAnalysis(wideRows(), { outcome: 'y', predictors: WIDE });
    expect(d.complete).toEqual(ref.dominance_complete);
    expect(d.conditional).toEqual(ref.dominance_conditional);
    expect(d.general).toEqual(ref.dominance_general);
    for (const name of WIDE) expectRel(d.generalContribution[name]!, ref.lmg[name], 1e-9, name);
  });
});

describe('dominanceAnalysis: 12 predictors vs brute force in R', () => {
  it('matrices exactly (with complete dominance both ways), contributions by level to 1e-9', () => {
    const ref = rReference().p12.dominance;
    const d = dominanceAnalysis(p12Rows(), { outcome: 'y', predictors: P12 });
    expect(d.complete).toEqual(ref.complete);
    expect(d.conditional).toEqual(ref.conditional);
    expect(d.general).toEqual(ref.general);
    expectLevels(d, ref.contribution_by_level, 1, P12);
    // the reference has complete dominance in some pairs and not in others
    expect(d.complete!.flat().filter((v) => v === 1).length).toBeGreaterThan(10);
    expect(d.complete!.flat().filter((v) => v === 0.5).length).toBeGreaterThan(12);
  });
});
