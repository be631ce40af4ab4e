/**
 * The warm-started subset fits against cold fits (the library's logisticRegression and
 * ordinalRegression, themselves checked against glm and polr/clm), the exact limit, and the
 * sampled estimate beyond it (within its stated Hoeffding bound of the exact values).
 */
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, logisticRegression, ordinalRegression, relativeImportance } from '../../src/index.js';
import { InputError } from '../../src/errors.js';
import { expectRel } from '../helpers/fixtures.js';
import { DRIVERS, familyReference, familyRows } from './familyData.js';

/** Seeded rows with p correlated drivers and a logistic / 3-category outcome. */
function synthetic(p: number, categories: number, n = 600): Record<string, number>[] {
  let s = 12345;
  const u = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const z = normal();
    const row: Record<string, number> = {};
    let eta = 0;
    for (let j = 0; j < p; j++) {
      const x = 0.5 * z + normal();
      row[`x${j + 1}`] = x;
      eta += (0.5 - j / p) * x;
    }
    const v = u();
    const latent = eta + Math.log(v / (1 - v));
    row.y = (categories === 2 ? [0] : [-0.7, 0.8]).filter((c) => latent > c).length;
    rows.push(row);
  }
  return rows;
}

describe('family subset fits', () => {
  it('every subset log-likelihood equals a cold fit (logisticRegression): 1e-12 in LL, 1e-9 in the (small) gains', () => {
    const rows = synthetic(5, 2);
    const names = ['x1', 'x2', 'x3', 'x4', 'x5'];
    const d = dominanceAnalysis(rows, { outcome: 'y', predictors: names, family: 'binomial' });
    const ll0 = d.model!.logLikelihood!.null;
    // McFadden of the subset {x2, x4} from its level-1 contributions would mix subsets; check the
    // full model and every single-driver model instead, where first = the subset's own index.
    const r = relativeImportance(rows, { outcome: 'y', predictors: names, family: 'binomial' });
    for (const name of names) {
      const cold = logisticRegression(rows, { outcome: 'y', predictors: [name] });
      expectRel(r.importance.first![name]!, 1 - cold.logLikelihood / ll0, 1e-9, name);
    }
    const full = logisticRegression(rows, { outcome: 'y', predictors: names });
    expectRel(d.model!.logLikelihood!.full, full.logLikelihood, 1e-12, 'full');
    for (const name of names) expectRel(d.model!.coefficients[name]!, full.coefficients.find((c) => c.term === name)!.estimate, 1e-7, name);
  });

  it('ordinal subset log-likelihoods equal ordinalRegression fits to 1e-12', () => {
    const rows = synthetic(4, 3);
    const names = ['x1', 'x2', 'x3', 'x4'];
    const r = relativeImportance(rows, { outcome: 'y', predictors: names, family: 'ordinal' });
    const ll0 = r.model!.logLikelihood!.null;
    for (const name of names) {
      const others = names.filter((v) => v !== name);
      const cold = ordinalRegression(rows, { outcome: 'y', predictors: others });
      expectRel(r.importance.last![name]!, r.rSquared - (1 - cold.logLikelihood / ll0), 1e-9, name);
    }
  });

  it('the exact limit (15 players by default) is a typed error naming the sampled way out', () => {
    const rows = synthetic(16, 2, 200);
    const names = Array.from({ length: 16 }, (_, j) => `x${j + 1}`);
    expect(() => dominanceAnalysis(rows, { outcome: 'y', predictors: names, family: 'binomial' })).toThrow(InputError);
    expect(() => relativeImportance(rows, { outcome: 'y', predictors: names, family: 'binomial' })).toThrow(/sampled/);
    expect(() =>
      relativeImportance(rows, { outcome: 'y', predictors: names, family: 'binomial', shapley: { maxExactPredictors: 25 } }),
    ).toThrow(/at most 20/);
  });

  it('sampled lmg is within its stated error bound of the exact one, and sums to the pseudo-R2', () => {
    const rows = familyRows();
    const options = { outcome: 'retained', predictors: [...DRIVERS], family: 'binomial' as const };
    const exact = relativeImportance(rows, options);
    const sampled = relativeImportance(rows, { ...options, shapley: { method: 'sampled', permutations: 40, seed: 3 } });
    expect(sampled.shapley!.method).toBe('sampled');
    const s = sampled.shapley as Extract<typeof sampled.shapley, { method: 'sampled' }>;
    let sum = 0;
    for (const name of DRIVERS) {
      expect(Math.abs(sampled.importance.lmg![name]! - exact.importance.lmg![name]!)).toBeLessThanOrEqual(s.errorBound);
      sum += sampled.importance.lmg![name]!;
      expectRel(sampled.importance.first![name]!, exact.importance.first![name]!, 1e-9, `first ${name}`);
      expectRel(sampled.importance.last![name]!, exact.importance.last![name]!, 1e-9, `last ${name}`);
    }
    expectRel(sum, exact.rSquared, 1e-9, 'sum');
    expectRel(sampled.rSquared, exact.rSquared, 1e-9, 'total');
  });

  it('results are JSON-serialisable and echo family and pseudo-R2', () => {
    const r = relativeImportance(familyRows(), {
      outcome: 'rec3',
      predictors: [...DRIVERS],
      family: 'ordinal',
      pseudoRSquared: 'nagelkerke',
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.options).toMatchObject({ family: 'ordinal', pseudoRSquared: 'nagelkerke' });
  });
});

describe('logistic relative weights and genizi vs R', () => {
  it('johnson with family binomial matches R rwa method = "logistic" (raw weights and their R2)', () => {
    const ref = familyReference().rwa_logistic;
    const r = relativeImportance(familyRows(), {
      outcome: 'retained',
      predictors: [...DRIVERS],
      family: 'binomial',
      metrics: ['lmg', 'johnson'],
    });
    expect(r.n).toBe(ref.n);
    expectRel(r.johnsonRSquared!, ref.r_squared, 1e-9, 'R2');
    for (const name of DRIVERS) {
      expectRel(r.importance.johnson![name]!, ref.raw[name], 1e-9, name);
      expectRel(100 * r.shares.johnson![name]!, ref.rescaled[name], 1e-9, `share ${name}`);
    }
  });

  it('genizi matches relaimpo type = "genizi", unweighted and weighted', () => {
    const ref = familyReference().genizi;
    const rows = familyRows().filter((r) => r.retained !== null);
    const r = relativeImportance(rows, { outcome: 'recommend', predictors: [...DRIVERS], metrics: ['genizi'] });
    const w = relativeImportance(rows, { outcome: 'recommend', predictors: [...DRIVERS], metrics: ['genizi'], weights: 'weight' });
    for (const name of DRIVERS) {
      expectRel(r.importance.genizi![name]!, ref.genizi[name], 1e-9, name);
      expectRel(w.importance.genizi![name]!, ref.weighted[name], 1e-9, `weighted ${name}`);
    }
    expect(relativeImportance(rows, { outcome: 'recommend', predictors: [...DRIVERS] }).metrics).not.toContain('genizi');
  });
});

describe('signed importance', () => {
  it('carries the sign of the full-model coefficient (worked: a driver entered negated flips only its sign)', () => {
    // Negating a driver leaves every fit, hence every importance, unchanged and flips its coefficient.
    const rows = familyRows()
      .filter((r) => r.retained !== null)
      .map((r) => ({ ...r, imageNeg: -(r.image as number) }));
    const predictors = ['satisfaction', 'imageNeg', 'trust', 'engagement'];
    for (const family of ['gaussian', 'binomial'] as const) {
      const outcome = family === 'gaussian' ? 'recommend' : 'retained';
      const plain = relativeImportance(rows, { outcome, predictors, family, metrics: ['lmg', 'first'] });
      const signed = relativeImportance(rows, { outcome, predictors, family, metrics: ['lmg', 'first'], signed: true });
      expect(signed.signs).toEqual({ satisfaction: 1, imageNeg: -1, trust: 1, engagement: 1 });
      expect(signed.importance.lmg!.imageNeg).toBe(-plain.importance.lmg!.imageNeg!);
      expect(signed.shares.first!.imageNeg).toBe(-plain.shares.first!.imageNeg!);
      expect(signed.importance.lmg!.trust).toBe(plain.importance.lmg!.trust);
      expect(signed.ranks).toEqual(plain.ranks);
      expect(signed.options.signed).toBe(true);
    }
    const sets = relativeImportance(rows, {
      outcome: 'retained',
      predictors,
      family: 'binomial',
      sets: { core: ['satisfaction', 'trust'] },
      signed: true,
    });
    expect(sets.signs).toEqual({ core: null, imageNeg: -1, engagement: 1 });
    expect(() => relativeImportance(rows, { outcome: 'retained', predictors, signed: 'yes' as never })).toThrow(/options.signed/);
  });
});

describe('bootstrap for the families', () => {
  const rows = () => familyRows().filter((r) => r.retained !== null);
  const THREE = ['satisfaction', 'image', 'trust'];
  const options = {
    outcome: 'retained',
    predictors: THREE,
    family: 'binomial' as const,
    metrics: ['lmg', 'johnson'] as ('lmg' | 'johnson')[],
  };
  it('is seeded, brackets the estimates, and honours weights (doubling every weight changes nothing)', () => {
    const a = relativeImportance(rows(), { ...options, bootstrap: { replicates: 50, seed: 9 } });
    const b = relativeImportance(rows(), { ...options, bootstrap: { replicates: 50, seed: 9 } });
    expect(a.bootstrap).toEqual(b.bootstrap);
    const lmg = a.bootstrap!.intervals.lmg!;
    for (const name of THREE) {
      expect(lmg[name]!.estimate).toBe(a.importance.lmg![name]);
      expect(lmg[name]!.standardError).toBeGreaterThan(0);
      expect(lmg[name]!.confidenceInterval[0]).toBeLessThan(lmg[name]!.confidenceInterval[1]);
    }
    expect(a.bootstrap!.rSquared.estimate).toBe(a.rSquared);
    const w1 = relativeImportance(
      rows().map((r) => ({ ...r, w: r.weight })),
      { ...options, weights: 'w', bootstrap: { replicates: 50, seed: 4 } },
    );
    const w2 = relativeImportance(
      rows().map((r) => ({ ...r, w: 2 * (r.weight as number) })),
      { ...options, weights: 'w', bootstrap: { replicates: 50, seed: 4 } },
    );
    for (const name of THREE) {
      expectRel(
        w2.bootstrap!.intervals.lmg![name]!.confidenceInterval[0],
        w1.bootstrap!.intervals.lmg![name]!.confidenceInterval[0],
        1e-9,
        name,
      );
      expectRel(w2.bootstrap!.intervals.johnson![name]!.standardError, w1.bootstrap!.intervals.johnson![name]!.standardError, 1e-9, name);
    }
    const u = relativeImportance(rows(), { ...options, bootstrap: { replicates: 50, seed: 4 } });
    expect(w1.bootstrap!.intervals.lmg!.trust!.standardError).not.toBe(u.bootstrap!.intervals.lmg!.trust!.standardError);
  });

  it('ordinal with sets: intervals for every player', () => {
    const r = relativeImportance(familyRows(), {
      outcome: 'rec3',
      predictors: [...DRIVERS],
      family: 'ordinal',
      sets: { core: ['satisfaction', 'trust'] },
      bootstrap: { replicates: 50, seed: 1 },
    });
    expect(Object.keys(r.bootstrap!.intervals.lmg!)).toEqual(['core', 'image', 'engagement']);
    expect(r.bootstrap!.replicates).toBe(50);
  });
});

describe('the fourth-order stop of the logistic subset fits', () => {
  it('every subset log-likelihood is within 1e-12 |LL0| of the fully converged fit (logistic and 3 categories, n = 150 and 2,000, p = 7)', async () => {
    const { coldFit, subsetLikelihoods } = await import('../../src/importance/cumulativeFits.js');
    for (const [n, categories] of [
      [150, 2],
      [2000, 2],
      [150, 3],
      [2000, 3],
    ] as const) {
      const rows = synthetic(7, categories, n);
      const x = Array.from({ length: 7 }, (_, j) => {
        const c = Float64Array.from(rows, (r) => r[`x${j + 1}`]!);
        const mean = c.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
        return c.map((v) => (v - mean) / sd);
      });
      const d = { n, m: 7, x, y: Int32Array.from(rows, (r) => r.y!), categories, w: undefined };
      const fits = subsetLikelihoods(
        d,
        Array.from({ length: 7 }, (_, j) => [j]),
        [],
      );
      // Most fits stop by the estimate (no pass at their last point).
      expect(fits.counters.cubic).toBeGreaterThan(64);
      for (let mask = 1; mask < 128; mask++) {
        const cols = [0, 1, 2, 3, 4, 5, 6].filter((j) => mask & (1 << (6 - j)));
        const cold = coldFit(d, cols).logLikelihood;
        expect(Math.abs(fits.table[mask]! - cold)).toBeLessThan(1e-12 * Math.abs(fits.nullLogLikelihood));
      }
    }
  });
});
