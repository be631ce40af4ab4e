/**
 * confirmatoryFactorAnalysis against lavaan 0.6-14 `cfa(model, data, std.lv = TRUE)`
 * (test/fixtures/r/cfa.R): the example survey's four driver scales (listwise and FIML) and
 * Holzinger & Swineford's three-factor model. The references are lavaan fits polished to lavaan's
 * own zero gradient (< 1e-15, see the script), so estimates and SEs compare at 1e-9 relative.
 * Exceptions, with their reason: lavaan's standardized SEs come from a numerical Jacobian (they
 * differ from the analytic delta method by up to 3.6e-8 relative), so ours compare at 1e-9 with the
 * analytic delta method applied in R to lavaan's vcov, and at 1e-7 with lavaan's; lavaan's RMSEA interval stops at uniroot's tolerance (1.2e-4 in the noncentrality), so
 * ours is compared at 1e-9 with the same inversion solved in R to full precision, and at 1e-6
 * with lavaan's own.
 */
import { describe, expect, it } from 'vitest';
import { InputError, NumericalError, confirmatoryFactorAnalysis, reliability, sufficientStatistics } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';
import { completePatterns, evaluateCasewise, observedCfaInformation } from '../../src/measurement/cfaInformation.js';
import { observedHessian } from '../../src/measurement/fitCfa.js';
import { expectEstimateFields, expectNoRetiredKeys, expectWarnings, KEBAB } from '../helpers/vocabulary.js';

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
  se_std_delta: number;
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
    check(std.standardError, p.se_std_delta, 1e-9, `${label} se.std (analytic delta method on lavaan's vcov)`);
    relOrAbs(std.standardError, p.se_std, stdSeTolerance, `${label} se.std (lavaan, numerical Jacobian)`);
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
    // Fisher scoring alone takes 63 iterations here (rate ~0.7); the Newton end-game takes 12.
    expect(result.convergence.newtonSteps).toBeGreaterThan(0);
    expect(result.convergence.iterations).toBeLessThan(20);
    compare(result, ref.holzinger!, 1e-7);
    expect(result.warnings).toEqual([]);
  });

  it('the example survey, four driver scales, listwise', () => {
    const result = confirmatoryFactorAnalysis(survey, DRIVERS);
    compare(result, ref.survey!, 1e-7);
    expect(result.missing.rowsUsed).toBe(1596);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('confirmatoryFactorAnalysis on a misspecified model', () => {
  it('two factors for the four drivers: large misfit, lavaan still matched', () => {
    const result = confirmatoryFactorAnalysis(survey, {
      a: [...DRIVERS.satisfaction, ...DRIVERS.image],
      b: [...DRIVERS.trust, ...DRIVERS.engagement],
    });
    compare(result, ref.surveyMisfit!, 1e-7);
    expect(result.fit.rmseaConfidenceInterval[0]).toBeGreaterThan(0);
  });
});

describe('confirmatoryFactorAnalysis with FIML (lavaan missing = "ml")', () => {
  it('the example survey, every respondent with an item', () => {
    const result = confirmatoryFactorAnalysis(survey, DRIVERS, { missing: 'fiml' });
    compare(result, ref.surveyFiml!, 1e-7);
  });
});

/** Correlation matrix of the model `Lambda Phi Lambda' + Theta` (unit variances), for exact-fit cases. */
function population(loadings: number[][], phi: number[][]): { correlation: number[][]; variables: string[] } {
  const items = loadings.flatMap((ls, a) => ls.map((l) => ({ a, l })));
  const correlation = items.map((x, i) => items.map((y, j) => (i === j ? 1 : x.l * y.l * phi[x.a]![y.a]!)));
  return { correlation, variables: items.map((_, i) => `v${i + 1}`) };
}

describe('confirmatoryFactorAnalysis: properties and errors', () => {
  it('recovers the population solution of an exactly fitting matrix', () => {
    const loadings = [
      [0.8, 0.7, 0.6],
      [0.5, 0.9, 0.75, 0.4],
      [0.65, 0.55],
    ];
    const phi = [
      [1, 0.4, -0.3],
      [0.4, 1, 0.5],
      [-0.3, 0.5, 1],
    ];
    const { correlation, variables } = population(loadings, phi);
    const result = confirmatoryFactorAnalysis(
      { correlation, variables, n: 400 },
      { a: variables.slice(0, 3), b: variables.slice(3, 7), c: variables.slice(7) },
    );
    loadings.flat().forEach((l, i) => expectRel(result.loadings[i]!.standardized.estimate, l, 1e-10, `loading ${i}`));
    expectRel(result.factorCorrelations[0]!.estimate, 0.4, 1e-10);
    expectRel(result.factorCorrelations[1]!.estimate, -0.3, 1e-10);
    expectRel(result.factorCorrelations[2]!.estimate, 0.5, 1e-10);
    expect(result.fit.chiSquare).toBeLessThan(1e-9);
    expect(result.fit.cfi).toBe(1);
    expect(result.fit.rmsea).toBe(0);
    expect(result.source).toBe('correlation');
  });

  it('a covariance matrix (divisor n - 1) with n gives the fit of the rows', () => {
    const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'];
    const n = holzinger.length;
    const mean = names.map((v) => holzinger.reduce((s, r) => s + (r[v] as number), 0) / n);
    const covariance = names.map((a, i) =>
      names.map((b, j) => holzinger.reduce((s, r) => s + ((r[a] as number) - mean[i]!) * ((r[b] as number) - mean[j]!), 0) / (n - 1)),
    );
    const fromRows = confirmatoryFactorAnalysis(holzinger, HS);
    const fromCov = confirmatoryFactorAnalysis({ covariance, variables: names, n }, HS);
    fromRows.loadings.forEach((l, i) => {
      expectRel(fromCov.loadings[i]!.estimate, l.estimate, 1e-10);
      expectRel(fromCov.loadings[i]!.standardError, l.standardError, 1e-10);
    });
    expectRel(fromCov.fit.chiSquare, fromRows.fit.chiSquare, 1e-10);
    expectRel(fromCov.fit.logLikelihood, fromRows.fit.logLikelihood, 1e-10);
    expect(fromCov.source).toBe('covariance');
    const fromStats = confirmatoryFactorAnalysis(sufficientStatistics(holzinger, { columns: names }), HS);
    expectRel(fromStats.fit.chiSquare, fromRows.fit.chiSquare, 1e-10);
    expectRel(fromStats.factorCorrelations[2]!.estimate, fromRows.factorCorrelations[2]!.estimate, 1e-10);
  });

  it('one factor is the one-factor model reliability fits (a second, independent optimizer)', () => {
    const items = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
    const cfa = confirmatoryFactorAnalysis(holzinger, { f: items });
    const one = reliability(holzinger, { f: items }).scales.f!.factorModel!;
    for (const l of cfa.loadings) {
      expectRel(l.standardized.estimate, one.standardizedLoadings[l.item]!, 1e-9, l.item);
      expectRel(l.estimate, one.loadings![l.item]!, 1e-9, l.item);
      expectRel(l.standardError, one.loadingStandardErrors![l.item]!, 1e-9, l.item);
    }
    expectRel(cfa.fit.chiSquare, one.fit.chiSquare, 1e-9);
    expectRel(cfa.fit.srmr, one.fit.srmr, 1e-9);
    expectRel(cfa.fit.tli, one.fit.tli, 1e-9);
  });

  it('warns of a Heywood case (negative residual variance), estimated as lavaan does', () => {
    const correlation = (ref.heywood as Ref & { correlation: number[][] }).correlation;
    const variables = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
    const result = confirmatoryFactorAnalysis({ correlation, variables, n: 300 }, { a: ['a1', 'a2', 'a3'], b: ['b1', 'b2', 'b3'] });
    expect(result.heywoodItems).toEqual(['a1']);
    expect(result.residualVariances[0]!.estimate).toBeLessThan(0);
    expect(result.loadings[0]!.standardized.estimate).toBeGreaterThan(1);
    expect(result.warnings.map((w) => w.code)).toEqual(['HEYWOOD_CASE']);
    // lavaan on the same matrix (sample.cov, sample.nobs = 300): the same improper solution.
    compare(result, ref.heywood!, 1e-7);
  });

  it('warns when the factor correlation matrix is not positive definite', () => {
    const variables = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
    const correlation = variables.map((x, i) => variables.map((y, j) => (i === j ? 1 : x[0] === y[0] ? 0.5 : 0.55)));
    const result = confirmatoryFactorAnalysis({ correlation, variables, n: 300 }, { a: ['a1', 'a2', 'a3'], b: ['b1', 'b2', 'b3'] });
    expectRel(result.factorCorrelations[0]!.estimate, 1.1, 1e-10);
    expect(result.warnings.map((w) => w.code)).toEqual(['FACTOR_CORRELATION_NOT_POSITIVE_DEFINITE']);
  });

  it('echoes its options with the defaults filled in', () => {
    const result = confirmatoryFactorAnalysis(holzinger, HS, { confidenceLevel: 0.9 });
    expect(result.options).toEqual({ missing: 'omit', missingCodes: [], confidenceLevel: 0.9, maxIterations: 1000, tolerance: 1e-12 });
    expect(result.loadings[0]!.confidenceLevel).toBe(0.9);
    expect(result.method).toBe('confirmatory-factor-analysis');
  });

  it('refuses what it cannot fit, with typed errors', () => {
    expectError(() => confirmatoryFactorAnalysis(survey, DRIVERS, { missing: 'pairwise' as 'omit' }), InputError, 'INVALID_OPTION', [
      'pairwise',
    ]);
    expectError(
      () => confirmatoryFactorAnalysis(holzinger, { a: ['x1', 'x2', 'x3'], b: ['x3', 'x4', 'x5'] }),
      InputError,
      'INVALID_OPTION',
      ['"x3"'],
    );
    expectError(() => confirmatoryFactorAnalysis(holzinger, { a: ['x1', 'x2'] }), InputError, 'INVALID_OPTION', ['not identified']);
    expectError(() => confirmatoryFactorAnalysis(holzinger, { a: ['x1'], b: ['x2', 'x3'] }), InputError, 'INVALID_OPTION');
    expectError(() => confirmatoryFactorAnalysis(holzinger, HS, { tolerence: 1e-9 } as object), InputError, 'INVALID_OPTION', [
      'tolerance',
    ]);
    expectError(() => confirmatoryFactorAnalysis(holzinger, HS, { maxIterations: 2 }), NumericalError, 'NO_CONVERGENCE', [
      '2 Fisher-scoring iterations',
    ]);
    expectError(() => confirmatoryFactorAnalysis(survey, DRIVERS, { missing: 'fail' }), InputError, 'MISSING_VALUE');
    const summary = {
      correlation: [
        [1, 0.5, 0.5],
        [0.5, 1, 0.5],
        [0.5, 0.5, 1],
      ],
      variables: ['a', 'b', 'c'],
      n: 50,
    };
    expectError(() => confirmatoryFactorAnalysis(summary, { f: ['a', 'b', 'c'] }, { missing: 'fiml' }), InputError, 'INVALID_OPTION', [
      'fiml',
    ]);
  });
});

describe('confirmatoryFactorAnalysis result fields (the vocabulary of docs/guides/conventions.md)', () => {
  it('every estimate carries the five fields; warnings and method follow the rules', () => {
    const result = confirmatoryFactorAnalysis(holzinger, HS);
    expect(result.method).toMatch(KEBAB);
    for (const l of result.loadings) {
      expectEstimateFields(l, `loading ${l.item}`, { intervalMethod: 'wald' });
      expectEstimateFields(l.standardized, `standardized loading ${l.item}`, { intervalMethod: 'wald' });
    }
    for (const v of result.residualVariances) expectEstimateFields(v, `residual ${v.item}`, { intervalMethod: 'wald' });
    for (const c of result.factorCorrelations) expectEstimateFields(c, `${c.first}-${c.second}`, { intervalMethod: 'wald' });
    expectWarnings(result, 'cfa');
    expect(expectNoRetiredKeys(result, 'cfa')).toBeGreaterThan(20);
    expect(result.missing).toMatchObject({ policy: 'omit', rowsIn: 301, rowsUsed: 301, rowsDropped: 0 });
  });
});

describe('the two observed informations agree', () => {
  it('the analytic Hessian of F equals (2 / n) times the casewise observed information of one complete pattern', () => {
    const { correlation } = population(
      [
        [0.8, 0.7, 0.6],
        [0.5, 0.9, 0.75],
      ],
      [
        [1, 0.4],
        [0.4, 1],
      ],
    );
    // Away from the optimum, so every curvature term counts: a perturbed point on a misfitting matrix.
    const r = correlation.map((row, i) => row.map((v, j) => (i === j ? 1 : v + 0.03 * Math.sin(1 + i + j + i * j))));
    const structure = { factorOf: [0, 0, 0, 1, 1, 1], factors: 2 };
    const x = [0.75, 0.72, 0.58, 0.52, 0.85, 0.7, 0.4, 0.5, 0.6, 0.7, 0.3, 0.45, 0.35];
    const n = 250;
    const h = observedHessian(structure, r, x)!;
    const data = completePatterns(r, n);
    const y = [0, 0, 0, 0, 0, 0, ...x];
    const info = observedCfaInformation(structure, data, y, evaluateCasewise(structure, data, y)!);
    h.forEach((row, k) =>
      row.forEach((v, l) => expect(Math.abs(v - (2 / n) * info[6 + k]![6 + l]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(v)))),
    );
  });
});
