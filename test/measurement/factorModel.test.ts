/**
 * The ML iteration on its own: exact recovery of known population loadings (the ML estimate of
 * an exactly fitting correlation matrix is the population solution, up to the factor's sign),
 * convergence on hard cases, and invariances any correct ML fit must have.
 */
import { describe, expect, it } from 'vitest';
import { reliability } from '../../src/measurement/index.js';
import { createRandom } from '../../src/internal/random.js';
import { expectRel } from '../helpers/fixtures.js';

function population(loadings: readonly number[]): number[][] {
  return loadings.map((a, i) => loadings.map((b, j) => (i === j ? 1 : a * b)));
}

function fitCorrelation(correlation: number[][], n = 500) {
  const variables = correlation.map((_, i) => `x${i + 1}`);
  const r = reliability({ correlation, variables, n }, { scale: variables });
  return r.scales.scale!.factorModel!;
}

describe('one-factor ML: exact recovery of population loadings', () => {
  const cases: Record<string, number[]> = {
    'four strong items': [0.9, 0.8, 0.7, 0.6],
    'twelve mixed-strength items': [0.3, 0.45, 0.9, 0.55, 0.62, 0.71, 0.38, 0.83, 0.5, 0.66, 0.77, 0.41],
    'weak items': [0.3, 0.25, 0.2, 0.35, 0.28],
    'near-Heywood item': [0.99, 0.5, 0.5, 0.5],
    'reverse-worded items left undeclared': [0.8, -0.7, 0.6, 0.5, -0.4],
  };
  for (const [name, loadings] of Object.entries(cases)) {
    it(name, () => {
      const m = fitCorrelation(population(loadings));
      expect(m.convergence.converged).toBe(true);
      expect(m.convergence.maxAbsoluteGradient).toBeLessThanOrEqual(1e-12);
      loadings.forEach((l, i) => expectRel(m.standardizedLoadings[`x${i + 1}`]!, l, 1e-8, `x${i + 1}`));
      expect(m.fit.chiSquare).toBeLessThan(1e-8);
      expect(m.fit.cfi).toBe(1);
    });
  }

  it('three items solve in closed form: l1^2 = r12 r13 / r23', () => {
    // r12 = 0.72, r13 = 0.63, r23 = 0.56 -> l1 = sqrt(0.72 x 0.63 / 0.56) = 0.9, l2 = 0.8, l3 = 0.7.
    const m = fitCorrelation([
      [1, 0.72, 0.63],
      [0.72, 1, 0.56],
      [0.63, 0.56, 1],
    ]);
    expect(m.convergence.method).toBe('closed-form');
    expectRel(m.standardizedLoadings.x1!, 0.9, 1e-14);
    expectRel(m.standardizedLoadings.x2!, 0.8, 1e-14);
    expectRel(m.standardizedLoadings.x3!, 0.7, 1e-14);
    expect(m.identification).toBe('just-identified');
    // omega = 2.4^2 / (2.4^2 + (0.19 + 0.36 + 0.51)) = 5.76 / 6.82; AVE = (0.81 + 0.64 + 0.49) / 3.
    expectRel(m.omegaTotal, 5.76 / 6.82, 1e-13);
    expectRel(m.averageVarianceExtracted, 1.94 / 3, 1e-13);
  });

  it('three items without an exact solution (r12 r13 r23 < 0): no ML estimate exists, reported as not converged', () => {
    // lavaan 0.6-14 on this matrix (sample.cov, n = 500) also stops with "the optimizer warns
    // that a solution has NOT been found" and x1's loading running off (49.9, residual -2490).
    const correlation = [
      [1, 0.5, 0.4],
      [0.5, 1, -0.1],
      [0.4, -0.1, 1],
    ];
    const r = reliability({ correlation, variables: ['x1', 'x2', 'x3'], n: 500 }, { scale: ['x1', 'x2', 'x3'] }, { maxIterations: 200 });
    const m = r.scales.scale!.factorModel!;
    expect(m.convergence.method).toBe('fisher-scoring');
    expect(m.convergence.converged).toBe(false);
    expect(m.convergence.iterations).toBe(200);
    expect(m.standardizedLoadingStandardErrors).toBeNull();
    expect(r.warnings.some((w) => w.code === 'NOT_CONVERGED' && w.message.includes('did not converge'))).toBe(true);
  });
});

describe('one-factor ML: misfitting data from seeded simulations', () => {
  // Two correlated factors (r = rho) with 3 + 3 items each: the one-factor model is wrong, the
  // harder the lower rho. Every fit must converge to a stationary point of F.
  function twoFactorSample(seed: number, rho: number, n: number) {
    const random = createRandom(seed);
    const rows: Record<string, number>[] = [];
    for (let i = 0; i < n; i++) {
      const f1 = random.normal();
      const f2 = rho * f1 + Math.sqrt(1 - rho * rho) * random.normal();
      const row: Record<string, number> = {};
      [0.8, 0.7, 0.6].forEach((l, j) => {
        row[`a${j + 1}`] = l * f1 + Math.sqrt(1 - l * l) * random.normal();
        row[`b${j + 1}`] = l * f2 + Math.sqrt(1 - l * l) * random.normal();
      });
      rows.push(row);
    }
    return rows;
  }
  const items = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];

  for (const [seed, rho] of [
    [1, 0.9],
    [2, 0.5],
    [3, 0.2],
    [4, 0.05],
  ] as const) {
    it(`rho = ${rho}: converges, and the fit does not depend on item order or units`, () => {
      const rows = twoFactorSample(seed, rho, 400);
      const m = reliability(rows, { s: items }).scales.s!.factorModel!;
      expect(m.convergence.converged).toBe(true);
      expect(m.convergence.iterations).toBeLessThan(200);
      // Item order: the same solution, permuted.
      const shuffled = ['b2', 'a3', 'b1', 'a1', 'b3', 'a2'];
      const p = reliability(rows, { s: shuffled }).scales.s!.factorModel!;
      for (const item of items) expectRel(p.standardizedLoadings[item]!, m.standardizedLoadings[item]!, 1e-8, `order ${item}`);
      expectRel(p.fit.chiSquare, m.fit.chiSquare, 1e-8, 'order chi-square');
      // Units: item a1 in cents instead of units rescales its raw loading only.
      const scaled = rows.map((r) => ({ ...r, a1: r.a1! * 100 }));
      const u = reliability(scaled, { s: items }).scales.s!.factorModel!;
      for (const item of items) expectRel(u.standardizedLoadings[item]!, m.standardizedLoadings[item]!, 1e-8, `units ${item}`);
      expectRel(u.loadings!.a1!, 100 * m.loadings!.a1!, 1e-8, 'raw loading a1');
      if (rho <= 0.5) expect(m.fit.rmsea).toBeGreaterThan(0.1);
    });
  }
});
