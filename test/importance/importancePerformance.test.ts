/**
 * importancePerformance on the survey: importance = lmg shares (relaimpo lmg / R2 from
 * loyalty-survey.json), performance = (mean - 1) / 6 * 100 with driver means from R
 * (r/importance.json driver_means, colMeans on the complete cases). Quadrants worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { InputError, importancePerformance } from '../../src/index.js';
import { expectError, expectRel } from '../helpers/fixtures.js';
import { DRIVERS, driverRows, rReference, survey } from './data.js';

const options = { outcome: 'recommend', predictors: [...DRIVERS], scale: { min: 1, max: 7 } };

describe('importancePerformance', () => {
  it('importance shares, performance and quadrants on the survey', () => {
    const r = importancePerformance(driverRows(), options);
    const lmg = survey().relative_importance.lmg;
    const r2 = survey().ols.r_squared;
    const means = rReference().driver_means;
    for (const d of r.drivers) {
      expectRel(d.importance, lmg[d.driver] / r2, 1e-9, `share ${d.driver}`);
      expectRel(d.rawImportance, lmg[d.driver], 1e-9, `lmg ${d.driver}`);
      expectRel(d.mean, means[d.driver], 1e-12, `mean ${d.driver}`);
      expectRel(d.performance, ((means[d.driver] - 1) / 6) * 100, 1e-12, `performance ${d.driver}`);
    }
    expect(r.cuts.importance).toBeCloseTo(0.25, 14); // mean of shares summing to 1 over 4 drivers
    expectRel(r.cuts.performance, r.drivers.reduce((a, d) => a + d.performance, 0) / 4, 1e-14, 'performance cut');
    // Hand check: shares trust .318, satisfaction .303 (>= .25: important), engagement .214,
    // image .165 (low). Quadrant by whether each performance is at or above the mean performance.
    for (const d of r.drivers) {
      const important = d.importance >= 0.25;
      const performing = d.performance >= r.cuts.performance;
      const expected = important
        ? performing
          ? 'keep up the good work'
          : 'concentrate here'
        : performing
          ? 'possible overkill'
          : 'low priority';
      expect(d.quadrant).toBe(expected);
    }
    expect(
      r.drivers
        .filter((d) => d.importance >= 0.25)
        .map((d) => d.driver)
        .sort(),
    ).toEqual(['satisfaction', 'trust']);
    // priority: quadrant order, then importance
    const rankOf = (q: string) => ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill'].indexOf(q);
    const sorted = [...r.drivers].sort((a, b) => rankOf(a.quadrant) - rankOf(b.quadrant) || b.importance - a.importance);
    expect(r.priorityOrder).toEqual(sorted.map((d) => d.driver));
    expect(r.drivers.map((d) => d.priority).sort()).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('weighted means with weights; fixed and median cuts; another metric', () => {
    const r = importancePerformance(driverRows(), { ...options, weights: 'weight', importanceCut: 0.3, performanceCut: 'median' });
    const means = rReference().driver_means_weighted;
    for (const d of r.drivers) expectRel(d.mean, means[d.driver], 1e-12, `weighted mean ${d.driver}`);
    expect(r.cuts).toMatchObject({ importance: 0.3, importanceRule: 'fixed', performanceRule: 'median' });
    const perf = r.drivers.map((d) => d.performance).sort((a, b) => a - b);
    expectRel(r.cuts.performance, (perf[1]! + perf[2]!) / 2, 1e-14, 'median');
    expect(r.drivers.filter((d) => d.performance >= r.cuts.performance).length).toBe(2);
    const first = importancePerformance(driverRows(), { ...options, metric: 'first' });
    expect(first.metric).toBe('first');
    const f = survey().relative_importance.first;
    const total = DRIVERS.reduce((a, d) => a + f[d], 0);
    for (const d of first.drivers) expectRel(d.importance, f[d.driver] / total, 1e-9, d.driver);
  });

  it('per-driver scales and a summary with means', () => {
    const scale = {
      satisfaction: { min: 1, max: 7 },
      image: { min: 0, max: 10 },
      trust: { min: 1, max: 7 },
      engagement: { min: 1, max: 7 },
    };
    const r = importancePerformance(driverRows(), { ...options, scale });
    const image = r.drivers.find((d) => d.driver === 'image')!;
    expectRel(image.performance, image.mean * 10, 1e-14, 'image on 0-10');
  });

  it('errors: no scale, scores outside the scale, a correlation matrix (no means), bad cut', () => {
    const rows = driverRows();
    expectError(
      () => importancePerformance(rows, { outcome: 'recommend', predictors: [...DRIVERS] } as never),
      InputError,
      'INVALID_OPTION',
      ['options.scale'],
    );
    expectError(() => importancePerformance(rows, { ...options, scale: { min: 1, max: 5 } }), InputError, 'OUT_OF_RANGE', [
      'outside the declared scale 1 to 5',
    ]);
    expectError(
      () =>
        importancePerformance(
          {
            correlation: [
              [1, 0.3, 0.2],
              [0.3, 1, 0.1],
              [0.2, 0.1, 1],
            ],
            variables: ['y', 'a', 'b'],
            n: 100,
          },
          { outcome: 'y', predictors: ['a', 'b'], scale: { min: 1, max: 7 } },
        ),
      InputError,
      'INVALID_OPTION',
      ['means'],
    );
    expectError(() => importancePerformance(rows, { ...options, importanceCut: 'mode' as never }), InputError, 'INVALID_OPTION', [
      'options.importanceCut',
    ]);
    expectError(() => importancePerformance(rows, { ...options, performanceCut: 140 }), InputError, 'INVALID_OPTION', [
      'options.performanceCut',
    ]);
  });
});
