/**
 * plsImportancePerformance against the steps of Ringle & Sarstedt (2016) in plain R on R seminr
 * 2.3.4 outer weights (test/fixtures/r/plsIpma.R -> r/plsIpma.json), on test/fixtures/ecsi.csv.
 * Both sides stop the PLS iteration at a weight change below 1e-12, so the weights agree to
 * rounding; the rest is closed-form. Checked at 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { InputError, plsImportancePerformance, sufficientStatistics, type PlsImportancePerformanceResult } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('ecsi.csv');
const ref = loadJson('r/plsIpma.json');
const TOL = 1e-9;
const items = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const paths: [string, string][] = [
  ['image', 'expectation'],
  ['image', 'satisfaction'],
  ['image', 'loyalty'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['quality', 'value'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['satisfaction', 'loyalty'],
];
const base = { constructs: items, paths, tolerance: 1e-12, target: 'loyalty', scale: { min: 1, max: 10 } };

let worst = 0;
function close(actual: number, expected: number, label: string): void {
  worst = Math.max(worst, Math.abs(actual - expected) / Math.abs(expected));
  expectRel(actual, expected, TOL, label);
}

function compare(fit: PlsImportancePerformanceResult, r: any): void {
  expect(fit.constructs.map((c) => c.construct)).toEqual(Object.keys(r.importance));
  for (const c of fit.constructs) close(c.importance, r.importance[c.construct], `importance ${c.construct}`);
  for (const [c, v] of Object.entries(r.performance as Record<string, number>)) close(fit.performance[c]!, v, `performance ${c}`);
  for (const c of fit.constructs) expect(c.performance).toBe(fit.performance[c.construct]);
  for (const p of r.paths) {
    const mine = fit.paths.find((q) => q.from === p.from && q.to === p.to)!;
    close(mine.estimate, p.estimate, `path ${p.from}->${p.to}`);
  }
  for (const [c, ws] of Object.entries(r.weights as Record<string, Record<string, number>>)) {
    for (const [i, v] of Object.entries(ws)) close(fit.rescaledWeights[c]![i]!, v, `weight ${c} ${i}`);
  }
  expect(fit.items.length).toBe(r.items.length);
  r.items.forEach((it: any, k: number) => {
    const mine = fit.items[k]!;
    expect([mine.construct, mine.item]).toEqual([it.construct, it.item]);
    close(mine.weight, it.weight, `item weight ${it.item}`);
    close(mine.importance, it.importance, `item importance ${it.item}`);
    close(mine.performance, it.performance, `item performance ${it.item}`);
  });
}

describe('plsImportancePerformance vs the rescaled-weights steps in R (seminr weights)', () => {
  it('mode A composites, target loyalty', () => {
    const fit = plsImportancePerformance(rows, base);
    compare(fit, ref.modeA);
    expect(fit.method).toBe('pls-importance-performance');
    expect(fit.n).toBe(250);
    expect(fit.warnings).toEqual([]);
    // Quadrants at the mean importance and performance; priority order follows them.
    const meanImportance = fit.constructs.reduce((a, c) => a + c.importance, 0) / fit.constructs.length;
    expectRel(fit.cuts.importance, meanImportance, 1e-15);
    for (const c of fit.constructs) {
      const important = c.importance >= fit.cuts.importance;
      const performing = c.performance >= fit.cuts.performance;
      expect(c.quadrant).toBe(
        important ? (performing ? 'keep up the good work' : 'concentrate here') : performing ? 'possible overkill' : 'low priority',
      );
    }
    expect([...fit.constructs].sort((a, b) => a.priority - b.priority).map((c) => c.construct)).toEqual(fit.priorityOrder);
  });

  it('mode B quality and value', () => {
    compare(
      plsImportancePerformance(rows, {
        ...base,
        constructs: { ...items, quality: { items: items.quality, mode: 'B' }, value: { items: items.value, mode: 'B' } },
      }),
      ref.modeB,
    );
  });

  it('ranges per construct (image on 0-10) and per item', () => {
    compare(
      plsImportancePerformance(rows, {
        ...base,
        scale: {
          image: { min: 0, max: 10 },
          expectation: { min: 1, max: 10 },
          quality: { min: 1, max: 10 },
          value: { min: 1, max: 10 },
          satisfaction: { min: 1, max: 10 },
          loyalty: { min: 1, max: 10 },
        },
      }),
      ref.ranges,
    );
    const perItem = Object.fromEntries(
      Object.values(items)
        .flat()
        .map((i) => [i, { min: i.startsWith('img') ? 0 : 1, max: 10 }]),
    );
    compare(plsImportancePerformance(rows, { ...base, scale: perItem }), ref.ranges);
  });

  it('another target: satisfaction', () => {
    compare(plsImportancePerformance(rows, { ...base, target: 'satisfaction' }), ref.satisfaction);
  });

  it('sufficient statistics and a covariance matrix with means give the map of the rows', () => {
    const names = Object.values(items).flat();
    const stats = sufficientStatistics(rows, { columns: names });
    compare(plsImportancePerformance(stats, base), ref.modeA);
    const n = rows.length;
    const means = names.map((c) => rows.reduce((a, r) => a + (r[c] as number), 0) / n);
    const covariance = names.map((a, i) =>
      names.map((b, j) => rows.reduce((s, r) => s + ((r[a] as number) - means[i]!) * ((r[b] as number) - means[j]!), 0) / (n - 1)),
    );
    const fit = plsImportancePerformance({ covariance, variables: names, n, means }, base);
    compare(fit, ref.modeA);
    expect(fit.source).toBe('covariance');
    console.log(`plsImportancePerformance: max relative error vs R ${worst.toExponential(2)}`);
  });

  it('is invariant to the coding of the items: shifted and stretched answers with their ranges give the same map', () => {
    const shifted = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, 5 + 2 * (v as number)])));
    const a = plsImportancePerformance(rows, base);
    const b = plsImportancePerformance(shifted, { ...base, scale: { min: 7, max: 25 } });
    for (const [k, c] of a.constructs.entries()) {
      expectRel(b.constructs[k]!.importance, c.importance, 1e-12, c.construct);
      expectRel(b.constructs[k]!.performance, c.performance, 1e-12, c.construct);
    }
    // Reversing the declared order of the constructs changes nothing but the order.
    const reversed = Object.fromEntries(Object.entries(items).reverse());
    const c = plsImportancePerformance(rows, { ...base, constructs: reversed });
    for (const x of a.constructs) {
      const y = c.constructs.find((q) => q.construct === x.construct)!;
      expectRel(y.importance, x.importance, 1e-12, x.construct);
      expect(y.quadrant).toBe(x.quadrant);
    }
  });

  it('refuses a bad target, a missing range, a correlation matrix; warns on negative weights', () => {
    expectError(() => plsImportancePerformance(rows, { ...base, target: 'image' }), InputError, 'INVALID_OPTION', ['no path into it']);
    expectError(() => plsImportancePerformance(rows, { ...base, target: 'nope' }), InputError, 'INVALID_OPTION', ['options.target']);
    expectError(() => plsImportancePerformance(rows, { ...base, scale: { image: { min: 1, max: 10 } } }), InputError, 'INVALID_OPTION', [
      'item "exp1" of "expectation"',
    ]);
    expectError(() => plsImportancePerformance(rows, { ...base, scale: { min: 2, max: 10 } }), InputError, 'OUT_OF_RANGE');
    expectError(() => plsImportancePerformance(rows, { ...base, extra: 1 } as never), InputError, 'INVALID_OPTION');
    const flipped = rows.map((r) => ({ ...r, img4: 11 - (r.img4 as number) }));
    const fit = plsImportancePerformance(flipped, base);
    expect(fit.warnings.map((w) => w.code)).toEqual(['NEGATIVE_WEIGHT']);
    expect(fit.warnings[0]!.message).toContain('"img4"');
    expect(fit.rescaledWeights.image!.img4).toBeLessThan(0);
  });
});
