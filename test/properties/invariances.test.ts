/**
 * Property-based tests of the invariances users rely on (issue 13), with fast-check over seeded
 * random survey tables (n from 12 to 60, two to four predictors on 1-7 scales, outcome 0-10):
 *
 * - reordering rows changes nothing;
 * - rescaling or shifting a predictor changes no importance share and no R2;
 * - unit weights equal no weights;
 * - a duplicated row equals a weight of 2 (point estimates; frequency weights);
 * - importance shares sum to 1 (and lmg contributions to R2);
 * - dominance matrices are antisymmetric (D[i][j] + D[j][i] = 1, values 0, 0.5 or 1);
 * - adding a constant to the outcome changes no R2.
 *
 * A table the analyses refuse (a constant column, a rank-deficient design) is a typed error and is
 * discarded by `fc.pre`; anything else thrown fails. The seed is fixed so a failure reproduces;
 * fast-check prints the shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoyaltyError, dominanceAnalysis, nps, ols, relativeImportance, cronbachAlpha } from '../../src/index.js';

type Row = { y: number; w: number; [column: string]: number };
const RUNS = { numRuns: 100, seed: 20261203 };
const TOL = 1e-8;

const table = fc.integer({ min: 2, max: 4 }).chain((p) =>
  fc
    .array(
      fc.record({
        y: fc.integer({ min: 0, max: 10 }),
        x: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: p, maxLength: p }),
        w: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 12, maxLength: 60 },
    )
    .map((cells) => ({
      predictors: Array.from({ length: p }, (_, j) => `x${j + 1}`),
      rows: cells.map((c): Row => ({ y: c.y, w: c.w, ...Object.fromEntries(c.x.map((v, j) => [`x${j + 1}`, v])) })),
    })),
);

/** Runs `f`; a typed refusal discards the case, anything else propagates. */
function fitted<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LoyaltyError) {
      fc.pre(false);
    }
    throw e;
  }
}

function close(a: number, b: number, what: string): void {
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  if (Math.abs(a - b) > TOL * scale) throw new Error(`${what}: ${a} vs ${b}`);
}

function closeRecord(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, what: string): void {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(a)) close(a[k]!, b[k]!, `${what}.${k}`);
}

const lmg = (rows: readonly Row[], predictors: string[], extra: object = {}) =>
  relativeImportance(rows, { outcome: 'y', predictors, metrics: ['lmg', 'pratt', 'johnson'], ...extra });

describe('invariances (fast-check)', () => {
  it('reordering rows changes nothing', () => {
    fc.assert(
      fc.property(table, fc.integer(), ({ rows, predictors }, seed) => {
        const shuffled = [...rows]
          .map((r, i) => ({ r, k: Math.sin(seed + i * 12.9898) }))
          .sort((a, b) => a.k - b.k)
          .map((e) => e.r);
        const a = fitted(() => lmg(rows, predictors));
        const b = fitted(() => lmg(shuffled, predictors));
        close(a.rSquared, b.rSquared, 'R2');
        closeRecord(a.shares.lmg!, b.shares.lmg!, 'lmg shares');
        const oa = ols(rows, { outcome: 'y', predictors });
        const ob = ols(shuffled, { outcome: 'y', predictors });
        oa.coefficients.forEach((c, j) => {
          close(c.estimate, ob.coefficients[j]!.estimate, `b${j}`);
          close(c.standardError, ob.coefficients[j]!.standardError, `se${j}`);
        });
        close(nps(rows.map((r) => r.y)).estimate, nps(shuffled.map((r) => r.y)).estimate, 'NPS');
        const alpha = (d: Row[]) => fitted(() => cronbachAlpha(d, predictors)).estimate;
        close(alpha(rows), alpha(shuffled), 'alpha');
      }),
      RUNS,
    );
  });

  it('rescaling or shifting a predictor changes no importance share and no R2', () => {
    fc.assert(
      fc.property(
        table,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        ({ rows, predictors }, scale, shift) => {
          const moved = rows.map((r) => ({ ...r, x1: r.x1! * scale + shift }));
          const a = fitted(() => lmg(rows, predictors));
          const b = fitted(() => lmg(moved, predictors));
          close(a.rSquared, b.rSquared, 'R2');
          for (const m of ['lmg', 'pratt', 'johnson'] as const) closeRecord(a.shares[m]!, b.shares[m]!, `${m} shares`);
          close(ols(rows, { outcome: 'y', predictors }).rSquared, ols(moved, { outcome: 'y', predictors }).rSquared, 'OLS R2');
        },
      ),
      RUNS,
    );
  });

  it('adding a constant to the outcome changes no R2', () => {
    fc.assert(
      fc.property(table, fc.double({ min: -1e4, max: 1e4, noNaN: true }), ({ rows, predictors }, c) => {
        const moved = rows.map((r) => ({ ...r, y: r.y + c }));
        const a = fitted(() => lmg(rows, predictors));
        close(a.rSquared, lmg(moved, predictors).rSquared, 'R2');
        closeRecord(a.importance.lmg!, lmg(moved, predictors).importance.lmg!, 'lmg');
      }),
      RUNS,
    );
  });

  it('unit weights equal no weights', () => {
    fc.assert(
      fc.property(table, ({ rows, predictors }) => {
        const ones = rows.map((r) => ({ ...r, w: 1 }));
        const a = fitted(() => lmg(rows, predictors));
        const b = fitted(() => lmg(ones, predictors, { weights: 'w' }));
        close(a.rSquared, b.rSquared, 'R2');
        closeRecord(a.shares.lmg!, b.shares.lmg!, 'lmg shares');
        const oa = ols(rows, { outcome: 'y', predictors });
        const ob = ols(ones, { outcome: 'y', predictors, weights: 'w' });
        oa.coefficients.forEach((c, j) => {
          close(c.estimate, ob.coefficients[j]!.estimate, `b${j}`);
          close(c.standardError, ob.coefficients[j]!.standardError, `se${j}`);
        });
        const y = rows.map((r) => r.y);
        const u = nps(y, { intervalMethod: 'wald' });
        const w = nps(y, { weights: y.map(() => 1), intervalMethod: 'wald' });
        close(u.estimate, w.estimate, 'NPS');
        // The weighted SE is Taylor-linearized (divisor n - 1), the unweighted binomial (divisor n).
        close(u.standardError * Math.sqrt(y.length / (y.length - 1)), w.standardError, 'NPS SE');
      }),
      RUNS,
    );
  });

  it('a duplicated row equals a weight of 2', () => {
    fc.assert(
      fc.property(table, fc.nat(), ({ rows, predictors }, k) => {
        const i = k % rows.length;
        const weighted = rows.map((r, j) => ({ ...r, w: j === i ? 2 : 1 }));
        const duplicated = [...rows.map((r) => ({ ...r, w: 1 })), { ...rows[i]!, w: 1 }];
        const a = fitted(() => lmg(weighted, predictors, { weights: 'w' }));
        const b = fitted(() => lmg(duplicated, predictors));
        close(a.rSquared, b.rSquared, 'R2');
        closeRecord(a.importance.lmg!, b.importance.lmg!, 'lmg');
        const oa = ols(weighted, { outcome: 'y', predictors, weights: 'w' });
        const ob = ols(duplicated, { outcome: 'y', predictors });
        oa.coefficients.forEach((c, j) => close(c.estimate, ob.coefficients[j]!.estimate, `b${j}`));
        close(
          nps(
            weighted.map((r) => r.y),
            { weights: weighted.map((r) => r.w) },
          ).estimate,
          nps(duplicated.map((r) => r.y)).estimate,
          'NPS',
        );
      }),
      RUNS,
    );
  });

  it('importance shares sum to 1 and lmg contributions to R2', () => {
    fc.assert(
      fc.property(table, ({ rows, predictors }) => {
        const r = fitted(() => lmg(rows, predictors));
        for (const m of ['lmg', 'pratt', 'johnson'] as const) {
          close(
            Object.values(r.shares[m]!).reduce((s, v) => s + v, 0),
            1,
            `${m} shares sum`,
          );
        }
        close(
          Object.values(r.importance.lmg!).reduce((s, v) => s + v, 0),
          r.rSquared,
          'lmg sum',
        );
      }),
      RUNS,
    );
  });

  it('dominance matrices are antisymmetric', () => {
    fc.assert(
      fc.property(table, ({ rows, predictors }) => {
        const d = fitted(() => dominanceAnalysis(rows, { outcome: 'y', predictors }));
        for (const m of [d.complete, d.conditional, d.general]) {
          if (!m) continue;
          m.forEach((row, i) =>
            row.forEach((v, j) => {
              expect([0, 0.5, 1]).toContain(v);
              expect(v + m[j]![i]!).toBe(1);
            }),
          );
        }
        close(
          Object.values(d.generalContribution).reduce((s, v) => s + v, 0),
          d.rSquared,
          'general dominance sum',
        );
      }),
      RUNS,
    );
  });
});
