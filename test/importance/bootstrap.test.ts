/**
 * Bootstrap of relativeImportance. A bootstrap has no fixed reference (R's generator differs), so
 * these tests check what must hold: reproducibility by seed, internal consistency, weights, and
 * the bootstrap SE against the large-sample SE of a squared correlation on simulated bivariate
 * normal data, where theory gives the answer.
 */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, relativeImportance } from '../../src/index.js';
import { createRandom } from '../../src/internal/random.js';
import { expectError } from '../helpers/fixtures.js';
import { DRIVERS, driverRows } from './data.js';

const options = { outcome: 'recommend', predictors: [...DRIVERS] };

describe('relativeImportance bootstrap', () => {
  const rows = driverRows();
  const run = (seed: number, replicates = 200) =>
    relativeImportance(rows, { ...options, metrics: ['lmg', 'first', 'pratt'], bootstrap: { replicates, seed } });

  it('reproduces with its seed and changes with another seed', () => {
    const a = run(5);
    expect(run(5)).toEqual(a);
    expect(run(6).bootstrap!.intervals.lmg).not.toEqual(a.bootstrap!.intervals.lmg);
    expect(a.bootstrap).toMatchObject({
      method: 'row-resampling',
      replicates: 200,
      seed: 5,
      confidenceLevel: 0.95,
      intervalMethod: 'percentile',
      redrawn: 0,
    });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('intervals bracket the estimates; rank frequencies are distributions; differences agree with their sign counts', () => {
    const r = run(9, 400);
    const b = r.bootstrap!;
    for (const m of ['lmg', 'first', 'pratt'] as const) {
      for (const d of DRIVERS) {
        const ci = b.intervals[m]![d]!;
        expect(ci.confidenceInterval[0]).toBeLessThan(r.importance[m]![d]!);
        expect(ci.confidenceInterval[1]).toBeGreaterThan(r.importance[m]![d]!);
        expect(ci.standardError).toBeGreaterThan(0);
        const share = b.shareIntervals[m]![d]!;
        expect(share.confidenceInterval[0]).toBeLessThan(r.shares[m]![d]!);
        expect(share.confidenceInterval[1]).toBeGreaterThan(r.shares[m]![d]!);
        const freq = b.rankFrequencies[m]![d]!;
        expect(freq.length).toBe(4);
        expect(Math.abs(freq.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
      }
      // each rank is taken by exactly one driver per replicate (no ties in continuous data)
      for (let k = 0; k < 4; k++) expect(Math.abs(DRIVERS.reduce((x, d) => x + b.rankFrequencies[m]![d]![k]!, 0) - 1)).toBeLessThan(1e-12);
      const pairs = b.differences[m]!;
      expect(pairs.length).toBe(6);
      for (const pair of pairs) {
        expect(pair.estimate).toBeCloseTo(r.importance[m]![pair.first]! - r.importance[m]![pair.second]!, 15);
        if (pair.confidenceInterval[0] > 0) expect(pair.proportionFirstHigher).toBeGreaterThan(0.97);
        if (pair.confidenceInterval[1] < 0) expect(pair.proportionFirstHigher).toBeLessThan(0.03);
      }
    }
    // image is last under lmg in the data (0.074 vs >= 0.096 for the others): nearly always rank 4
    expect(b.rankFrequencies.lmg!.image![3]).toBeGreaterThan(0.9);
    const imageVsTrust = b.differences.lmg!.find((d) => d.first === 'image' && d.second === 'trust')!;
    expect(imageVsTrust.confidenceInterval[1]).toBeLessThan(0);
    expect(b.rSquared.confidenceInterval[0]).toBeLessThan(r.rSquared);
    expect(b.rSquared.confidenceInterval[1]).toBeGreaterThan(r.rSquared);
  });

  it('the bootstrap SE of first (r^2) matches the large-sample SE 2|r|(1 - r^2)/sqrt(n) on bivariate normal data', () => {
    // Simulated: y = 0.6 x1 + 0.3 x2 + e, normal, n = 800. For bivariate normal data
    // Var(r) ~ (1 - rho^2)^2 / n, so SE(r^2) ~ 2 |r| (1 - r^2) / sqrt(n) (delta method).
    const random = createRandom(77);
    const data = Array.from({ length: 800 }, () => {
      const x1 = random.normal();
      const x2 = 0.5 * x1 + random.normal();
      return { x1, x2, y: 0.6 * x1 + 0.3 * x2 + random.normal() };
    });
    const r = relativeImportance(data, {
      outcome: 'y',
      predictors: ['x1', 'x2'],
      metrics: ['first'],
      bootstrap: { replicates: 2000, seed: 3 },
    });
    for (const x of ['x1', 'x2']) {
      const first = r.importance.first![x]!;
      const rho = Math.sqrt(first);
      const theory = (2 * rho * (1 - first)) / Math.sqrt(800);
      const boot = r.bootstrap!.intervals.first![x]!.standardError;
      // Monte Carlo error of a bootstrap SE with B = 2000 is about 1.6%; allow 10%
      expect(Math.abs(boot / theory - 1)).toBeLessThan(0.1);
    }
  });

  it('weights are honoured: zero-weight rows never count, whatever is drawn', () => {
    // The survey rows with weight 1, plus 1,596 junk rows (recommend reversed) with weight 0.
    const junk = rows.map((r) => ({ ...r, recommend: 10 - r.recommend, w: 0 }));
    const data = [...rows.map((r) => ({ ...r, w: 1 })), ...junk];
    const weighted = relativeImportance(data, { ...options, metrics: ['lmg'], weights: 'w', bootstrap: { replicates: 200, seed: 4 } });
    const clean = relativeImportance(rows, { ...options, metrics: ['lmg'] });
    // n counts the cases with a positive weight, as R's lm does
    expect(weighted.n).toBe(1596);
    expect(weighted.missing.rowsUsed).toBe(3192);
    for (const d of DRIVERS) {
      expect(Math.abs(weighted.importance.lmg![d]! - clean.importance.lmg![d]!)).toBeLessThan(1e-14);
      const ci = weighted.bootstrap!.intervals.lmg![d]!;
      expect(ci.confidenceInterval[0]).toBeLessThan(clean.importance.lmg![d]!);
      expect(ci.confidenceInterval[1]).toBeGreaterThan(clean.importance.lmg![d]!);
    }
    // unweighted, the junk would pull R2 to near zero
    expect(relativeImportance(data, { ...options, metrics: ['lmg'] }).rSquared).toBeLessThan(0.05);
  });

  it('reports progress about every 1% and at the end', () => {
    const calls: [number, number][] = [];
    relativeImportance(rows, {
      ...options,
      metrics: ['first'],
      bootstrap: { replicates: 250, seed: 1, onProgress: (done, total) => calls.push([done, total]) },
    });
    expect(calls[calls.length - 1]).toEqual([250, 250]);
    expect(calls.length).toBe(125);
    expect(calls.every(([, total]) => total === 250)).toBe(true);
    expect(calls.map(([d]) => d)).toEqual([...calls.map(([d]) => d)].sort((a, b) => a - b));
  });

  it('a bootstrap needs rows, enough of them, and valid settings', () => {
    expectError(
      () => relativeImportance(rows.slice(0, 17), { ...options, bootstrap: { replicates: 50, seed: 1 } }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['17 complete cases', 'at least 20'],
    );
    expectError(
      () =>
        relativeImportance(
          {
            correlation: [
              [1, 0.3, 0.2],
              [0.3, 1, 0.1],
              [0.2, 0.1, 1],
            ],
            variables: ['y', 'a', 'b'],
            n: 500,
          },
          { outcome: 'y', predictors: ['a', 'b'], bootstrap: { replicates: 50, seed: 1 } },
        ),
      InputError,
      'INVALID_OPTION',
      ['needs rows'],
    );
    expectError(() => relativeImportance(rows, { ...options, bootstrap: { replicates: 10, seed: 1 } }), InputError, 'INVALID_OPTION', [
      'options.bootstrap.replicates',
    ]);
    expectError(
      () => relativeImportance(rows, { ...options, bootstrap: { replicates: 50, seed: 1, confidenceLevel: 95 } }),
      InputError,
      'INVALID_OPTION',
      ['confidenceLevel'],
    );
  });

  it('degenerate resamples are redrawn and counted; too many is TOO_FEW_CASES', () => {
    // 30 rows where a rare category makes "b" constant in many resamples: b = 1 on 2 rows only.
    const random = createRandom(5);
    const data = Array.from({ length: 30 }, (_, i) => ({ a: random.normal(), b: i < 2 ? 1 : 0, y: random.normal() }));
    // P(neither of the 2 rows drawn) = (28/30)^30 = 0.126: about 1 draw in 8 is singular, over the 10% cap
    expectError(
      () => relativeImportance(data, { outcome: 'y', predictors: ['a', 'b'], bootstrap: { replicates: 400, seed: 2 } }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['singular'],
    );
    const four = data.map((r, i) => ({ ...r, b: i < 4 ? 1 : 0 }));
    // with 4 such rows: (26/30)^30 = 0.0137, about 1.4% of draws are redrawn
    const r = relativeImportance(four, { outcome: 'y', predictors: ['a', 'b'], bootstrap: { replicates: 400, seed: 2 } });
    expect(r.bootstrap!.redrawn).toBeGreaterThan(0);
    expect(r.bootstrap!.redrawn).toBeLessThan(20);
  });
});
