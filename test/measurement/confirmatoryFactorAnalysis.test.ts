/**
 * confirmatoryFactorAnalysis against lavaan 0.6-14 `cfa(model, data, std.lv = TRUE)`
 * (test/fixtures/r/cfa.R): the example survey's four driver scales (listwise and FIML) and
 * Holzinger & Swineford's three-factor model. The references are lavaan fits polished to lavaan's
 * own zero gradient (< 1e-15, see the script), so estimates and SEs compare at 1e-9 relative.
 * Exceptions, with their reason: lavaan's standardized SEs come from a numerical Jacobian (1e-7
 * relative; checked against the analytic delta method on lavaan's vcov at 1e-9 in the script's
 * terms); lavaan's RMSEA interval stops at uniroot's tolerance (1.2e-4 in the noncentrality), so
 * ours is compared at 1e-9 with the same inversion solved in R to full precision, and at 1e-6
 * with lavaan's own.
 */
import { describe, expect, it } from 'vitest';
import { confirmatoryFactorAnalysis } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

interface RefParameter {
  lhs: string;
  op: string;
  rhs: string;
  est: number;
  se: number;
  z: number;
  pvalue: number;
  ci_lower: number;
  ci_upper: number;
  est_std: number;
  se_std: number;
  z_std: number;
  pvalue_std: number;
  ci_lower_std: number;
  ci_upper_std: number;
}
interface Ref {
  n: number;
  parameters: RefParameter[];
  fit: Record<string, number>;
  rmsea_ci_exact: [number, number];
}
const ref = loadJson<Record<string, Ref>>('r/cfa.json');
const survey = loadCsv('loyalty-survey.csv');
const holzinger = loadCsv('cfa-holzinger.csv');
const DRIVERS = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};
const HS = { visual: ['x1', 'x2', 'x3'], textual: ['x4', 'x5', 'x6'], speed: ['x7', 'x8', 'x9'] };

function relOrAbs(actual: number, expected: number, rel: number, label: string): void {
  if (expected === 0) expect(Math.abs(actual), label).toBeLessThan(1e-300);
  else expectRel(actual, expected, rel, label);
}

/**
 * lavaan's p-values are `1 - cdf` (`2 * (1 - pnorm(|z|))`, `1 - pchisq(X2, df)`): 0 beyond z = 8.3
 * and cancelled to ~1e-16 absolute (the HS chi-square p 8.5025532170e-9 is 8.5025531652e-9 by
 * `pchisq(lower.tail = FALSE)`); ours is the tail itself, so p compares absolutely at 2e-16.
 */
function expectP(actual: number, expected: number, label: string): void {
  expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(2e-16 + 1e-9 * expected);
}

function compare(result: ReturnType<typeof confirmatoryFactorAnalysis>, r: Ref, stdSeTolerance: number): number {
  let worst = 0;
  const check = (a: number, e: number, rel: number, label: string) => {
    relOrAbs(a, e, rel, label);
    if (e !== 0) worst = Math.max(worst, Math.abs(a - e) / Math.abs(e));
  };
  expect(result.n).toBe(r.n);
  for (const p of r.parameters) {
    let got;
    if (p.op === '=~') got = result.loadings.find((l) => l.factor === p.lhs && l.item === p.rhs)!;
    else if (p.lhs === p.rhs) got = result.residualVariances.find((v) => v.item === p.lhs)!;
    else got = result.factorCorrelations.find((c) => c.first === p.lhs && c.second === p.rhs)!;
    const label = `${p.lhs} ${p.op} ${p.rhs}`;
    expect(got, label).toBeDefined();
    check(got.estimate, p.est, 1e-9, `${label} est`);
    check(got.standardError, p.se, 1e-9, `${label} se`);
    check(got.zStatistic, p.z, 1e-9, `${label} z`);
    expectP(got.pValue, p.pvalue, `${label} p`);
    check(got.confidenceInterval[0], p.ci_lower, 1e-9, `${label} ci`);
    check(got.confidenceInterval[1], p.ci_upper, 1e-9, `${label} ci`);
    const std = 'standardized' in got ? got.standardized : got;
    check(std.estimate, p.est_std, 1e-9, `${label} est.std`);
    relOrAbs(std.standardError, p.se_std, stdSeTolerance, `${label} se.std`);
  }
  const f = result.fit;
  check(f.chiSquare, r.fit.chisq!, 1e-9, 'chisq');
  expect(f.degreesOfFreedom).toBe(r.fit.df);
  expectP(f.pValue!, r.fit.pvalue!, 'pvalue');
  expectP(f.baselinePValue, r.fit['baseline.pvalue']!, 'baseline.pvalue');
  check(f.baselineChiSquare, r.fit['baseline.chisq']!, 1e-9, 'baseline.chisq');
  expect(f.baselineDegreesOfFreedom).toBe(r.fit['baseline.df']);
  check(f.cfi, r.fit.cfi!, 1e-9, 'cfi');
  check(f.tli, r.fit.tli!, 1e-9, 'tli');
  check(f.rmsea, r.fit.rmsea!, 1e-9, 'rmsea');
  check(f.rmseaConfidenceInterval[0], r.rmsea_ci_exact[0], 1e-9, 'rmsea lower (exact)');
  check(f.rmseaConfidenceInterval[1], r.rmsea_ci_exact[1], 1e-9, 'rmsea upper (exact)');
  relOrAbs(f.rmseaConfidenceInterval[0], r.fit['rmsea.ci.lower']!, 1e-6, 'rmsea lower (lavaan)');
  relOrAbs(f.rmseaConfidenceInterval[1], r.fit['rmsea.ci.upper']!, 1e-6, 'rmsea upper (lavaan)');
  expectP(f.rmseaPClose!, r.fit['rmsea.pvalue']!, 'rmsea.pvalue');
  check(f.srmr, r.fit.srmr!, 1e-9, 'srmr');
  check(f.logLikelihood, r.fit.logl!, 1e-9, 'logl');
  check(f.unrestrictedLogLikelihood, r.fit['unrestricted.logl']!, 1e-9, 'unrestricted.logl');
  expect(f.parameters).toBe(r.fit.npar);
  check(f.aic, r.fit.aic!, 1e-9, 'aic');
  check(f.bic, r.fit.bic!, 1e-9, 'bic');
  check(f.minimumDiscrepancy, r.fit.fmin!, 1e-9, 'fmin');
  return worst;
}

describe('confirmatoryFactorAnalysis against lavaan cfa(std.lv = TRUE)', () => {
  it('Holzinger-Swineford, three factors', () => {
    const result = confirmatoryFactorAnalysis(holzinger, HS);
    expect(result.convergence.maxAbsoluteGradient).toBeLessThanOrEqual(1e-12);
    compare(result, ref.holzinger!, 1e-6);
    expect(result.warnings).toEqual([]);
  });

  it('the example survey, four driver scales, listwise', () => {
    const result = confirmatoryFactorAnalysis(survey, DRIVERS);
    compare(result, ref.survey!, 1e-6);
    expect(result.missing.rowsUsed).toBe(1596);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
