import { describe, expect, it } from 'vitest';
import { InputError, NumericalError } from '../../src/errors.js';
import { ordinalRegression } from '../../src/regression/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

// Reference: MASS::polr with control = list(reltol = 1e-14), test/fixtures/r/ordinal.R.
// and ordinal::clm (gradTol 1e-11). polr's standard errors come from optim's finite-difference
// Hessian, which limits SE agreement to ~1e-6; clm's Hessian is analytic, so it is the 1e-9 reference.
const ref = loadJson('ordinal-polr.json') as Record<
  string,
  {
    coefficients: number[];
    coefficientSE: number[];
    zeta: number[];
    zetaSE: number[];
    logLik: number;
    deviance: number;
    AIC: number;
    fitted: number[][];
    clmCoefficients: number[];
    clmCoefficientSE: number[];
    clmZeta: number[];
    clmZetaSE: number[];
    clmLogLik: number;
  }
>;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function survey() {
  return loadCsv('loyalty-survey.csv').map((r) => ({
    ...r,
    rec3: r.recommend === null ? null : (r.recommend as number) <= 6 ? 1 : (r.recommend as number) <= 8 ? 2 : 3,
  }));
}
const housing = () => loadCsv('housing.csv');
const HP = ['inflMedium', 'inflHigh', 'typeApartment', 'typeAtrium', 'typeTerrace', 'contHigh'];

const cases = [
  ['surveyLogit', () => ordinalRegression(survey(), { outcome: 'rec3', predictors: ['sat1', 'tru1', 'eng1'] })],
  ['surveyProbit', () => ordinalRegression(survey(), { outcome: 'rec3', predictors: ['sat1', 'tru1', 'eng1'], link: 'probit' })],
  ['surveyLogitWeighted', () => ordinalRegression(survey(), { outcome: 'rec3', predictors: ['sat1', 'tru1', 'eng1'], weights: 'weight' })],
  ['housingLogit', () => ordinalRegression(housing(), { outcome: 'sat', predictors: HP, weights: 'Freq' })],
  ['housingProbit', () => ordinalRegression(housing(), { outcome: 'sat', predictors: HP, weights: 'Freq', link: 'probit' })],
] as const;

describe('ordinalRegression against MASS::polr', () => {
  for (const [name, run] of cases) {
    it(name, () => {
      const fit = run();
      const r = ref[name]!;
      let worstEst = 0;
      let worstSe = 0;
      fit.coefficients.forEach((c, j) => {
        worstEst = Math.max(worstEst, rel(c.estimate, r.coefficients[j]!));
        worstSe = Math.max(worstSe, rel(c.standardError, r.coefficientSE[j]!));
      });
      fit.thresholds.forEach((c, j) => {
        worstEst = Math.max(worstEst, rel(c.estimate, r.zeta[j]!));
        worstSe = Math.max(worstSe, rel(c.standardError, r.zetaSE[j]!));
      });
      let clmEst = 0;
      let clmSe = 0;
      fit.coefficients.forEach((c, j) => {
        clmEst = Math.max(clmEst, rel(c.estimate, r.clmCoefficients[j]!));
        clmSe = Math.max(clmSe, rel(c.standardError, r.clmCoefficientSE[j]!));
      });
      fit.thresholds.forEach((c, j) => {
        clmEst = Math.max(clmEst, rel(c.estimate, r.clmZeta[j]!));
        clmSe = Math.max(clmSe, rel(c.standardError, r.clmZetaSE[j]!));
      });
      // ordinal::clm (analytic Hessian, gradTol 1e-11): 1e-9 (measured <= 2.8e-10).
      expect(clmEst).toBeLessThan(1e-9);
      expect(clmSe).toBeLessThan(1e-9);
      // MASS::polr (finite-difference Hessian from optim): 1e-5 for SEs.
      expect(worstEst).toBeLessThan(1e-6);
      expect(worstSe).toBeLessThan(1e-5);
      expect(rel(fit.logLikelihood, r.logLik)).toBeLessThan(1e-9);
      expect(rel(fit.deviance, r.deviance)).toBeLessThan(1e-9);
      expect(rel(fit.aic, r.AIC)).toBeLessThan(1e-9);
      r.fitted.forEach((row, i) => row.forEach((v, k) => expect(rel(fit.fittedProbabilities[i]![k]!, v)).toBeLessThan(1e-6)));
      expect(fit.convergence.converged).toBe(true);
      expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
    });
  }
});

describe('ordinalRegression errors and weights', () => {
  it('two levels: typed error suggesting logisticRegression', () => {
    const rows = [1, 2, 1, 2, 1, 2].map((y, i) => ({ y, x: i }));
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['x'] })).toThrow(InputError);
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['x'] })).toThrow(/logisticRegression/);
  });
  it('collinear predictors: RANK_DEFICIENT naming them', () => {
    const rows = [1, 2, 3, 1, 2, 3, 2, 3, 1, 3].map((y, i) => ({ y, a: i % 4, b: 2 * (i % 4) + 1 }));
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['a', 'b'] })).toThrow(NumericalError);
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['a', 'b'] })).toThrow(/"b"/);
  });
  it('separation: typed error', () => {
    const rows = [1, 1, 1, 2, 2, 2, 3, 3, 3].map((y, i) => ({ y, x: i }));
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['x'] })).toThrow(NumericalError);
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['x'] })).toThrow(/"x" diverge/);
  });
  it('a predictor on a large scale (thresholds far from 0) is not taken for separation', () => {
    const rows = [1, 2, 3, 1, 2, 3, 2, 3, 1, 3, 2, 1].map((y, i) => ({ y, x: 1000 + [1, 2, 3, 2, 1, 3, 3, 2, 2, 1, 4, 1][i]! }));
    expect(ordinalRegression(rows, { outcome: 'y', predictors: ['x'] }).convergence.converged).toBe(true);
  });
  it('missing column and non-numeric value: InputError', () => {
    const rows = [1, 2, 3, 1, 2, 3].map((y, i) => ({ y, x: i === 2 ? 'abc' : i }));
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['nope'] })).toThrow(InputError);
    expect(() => ordinalRegression(rows, { outcome: 'y', predictors: ['x'] })).toThrow(InputError);
  });
  it('integer weights equal replicated rows', () => {
    const base = [1, 2, 3, 1, 2, 3, 2, 3, 1, 3, 2, 1].map((y, i) => ({ y, x: [1, 2, 3, 2, 1, 3, 3, 2, 2, 1, 4, 1][i]!, w: (i % 3) + 1 }));
    const rep = base.flatMap((r) => Array.from({ length: r.w }, () => r));
    const a = ordinalRegression(base, { outcome: 'y', predictors: ['x'], weights: 'w' });
    const b = ordinalRegression(rep, { outcome: 'y', predictors: ['x'] });
    expect(rel(a.coefficients[0]!.estimate, b.coefficients[0]!.estimate)).toBeLessThan(1e-9);
    expect(rel(a.coefficients[0]!.standardError, b.coefficients[0]!.standardError)).toBeLessThan(1e-9);
  });
});
