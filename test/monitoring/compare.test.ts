// compareNps, compareProportions and compareMeans against R: the shared reference
// (loyalty-survey.json: nps_wave_difference, csat_wave_test, trust_wave_welch) and
// test/fixtures/r/monitoring.R (prop.test with Yates, Student t, survey::svyby/svycontrast and
// svyttest for weighted data). Differences are wave 2 minus wave 1 (b - a). Relative 1e-9.
import { describe, expect, it } from 'vitest';
import { compareMeans, compareNps, compareProportions, InputError, InsufficientDataError, nps } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('loyalty-survey.csv');
const shared = loadJson('loyalty-survey.json');
const R = loadJson('r/monitoring.json');
const ITEMS = ['sat', 'img', 'tru', 'eng'].flatMap((d) => [1, 2, 3].map((k) => `${d}${k}`));
const wave = (k: number) => rows.filter((r) => r.wave === k);
const complete = (r: Record<string, unknown>) => ITEMS.every((c) => r[c] !== null);
const trust = (r: Record<string, unknown>) => ((r.tru1 as number) + (r.tru2 as number) + (r.tru3 as number)) / 3;

describe('compareNps', () => {
  it('shared reference nps_wave_difference: all rows, z = d / sqrt(V1 + V2)', () => {
    const r = compareNps(
      wave(1).map((x) => x.recommend),
      wave(2).map((x) => x.recommend),
    );
    const ref = shared.nps_wave_difference;
    expectRel(r.estimate, ref.difference, 1e-9, 'difference');
    expectRel(r.statistic, ref.z, 1e-9, 'z');
    expectRel(r.pValue, ref.p_value, 1e-9, 'p');
    expectRel(r.a.standardError, shared.nps_by_wave['1'].standard_error, 1e-9, 'SE wave 1');
    // Hand check of the units: SE in points = sqrt(2.34234764^2 + 2.43756903^2).
    expectRel(r.standardError, Math.hypot(shared.nps_by_wave['1'].standard_error, shared.nps_by_wave['2'].standard_error), 1e-9);
    expectRel(r.confidenceInterval[1] - r.estimate, 1.959963984540054 * r.standardError, 1e-12, 'Wald half-width');
  });
  it('summaries (two nps() results) give the same answer as raw scores', () => {
    const a = nps(wave(1).map((x) => x.recommend));
    const b = nps(wave(2).map((x) => x.recommend));
    const r = compareNps(a, b);
    expectRel(r.statistic, shared.nps_wave_difference.z, 1e-9, 'z');
  });
  it('weighted: Taylor SEs per wave (survey::svyby + svycontrast), in points', () => {
    const side = (k: number) => ({ values: wave(k).map((x) => x.recommend), weights: wave(k).map((x) => x.weight) });
    const r = compareNps(side(1), side(2));
    const ref = R.weighted_nps;
    expectRel(r.a.estimate, 100 * ref.estimate[0], 1e-9, 'NPS 1');
    expectRel(r.a.standardError, 100 * ref.se[0], 1e-9, 'SE 1');
    expectRel(r.estimate, 100 * ref.difference, 1e-9, 'difference');
    expectRel(r.standardError, 100 * ref.se_difference, 1e-9, 'SE difference');
    expectRel(r.statistic, ref.z, 1e-9, 'z');
    expectRel(r.pValue, ref.p, 1e-9, 'p');
    expectRel(r.confidenceInterval[0], 100 * ref.ci[0], 1e-9, 'CI lower');
    expect(r.weighted).toBe(true);
  });
  it('errors', () => {
    expectError(() => compareNps([11, 3], [9, 9]), InputError, 'OUT_OF_RANGE', ['values[0]']);
    expectError(() => compareNps([10, 10], [10, 10]), InsufficientDataError, 'ZERO_VARIANCE', ['standard error 0']);
    expectError(() => compareNps('x' as never, [1]), InputError, 'INVALID_OPTION', ['a: expected']);
    expectError(() => compareNps({ nps: 120, standardError: 1, n: 5 }, [1]), InputError, 'INVALID_OPTION', ['a.nps']);
  });
});

describe('compareProportions', () => {
  const satisfied = (k: number) => wave(k).map((x) => ((x.csat as number) >= 4 ? 1 : 0));
  it('shared reference csat_wave_test: prop.test(correct = FALSE)', () => {
    const r = compareProportions(satisfied(1), satisfied(2));
    const ref = shared.csat_wave_test;
    expectRel(r.chiSquared, ref.chi_squared, 1e-9, 'X2');
    expectRel(r.pValue, ref.p_value, 1e-9, 'p');
    expectRel(r.estimate, ref.difference, 1e-9, 'difference');
    expectRel(r.confidenceInterval[0], ref.ci_95[0], 1e-9, 'CI lower');
    expectRel(r.confidenceInterval[1], ref.ci_95[1], 1e-9, 'CI upper');
    expect(r.test).toBe('pooled');
    // Counts give the same; booleans are read as 0/1.
    const c = compareProportions({ successes: 545, n: 1025 }, { successes: 525, n: 975 });
    expectRel(c.chiSquared, ref.chi_squared, 1e-9, 'X2 from counts');
    const bools = compareProportions(
      satisfied(1).map((v) => v === 1),
      satisfied(2).map((v) => v === 1),
    );
    expect(bools.chiSquared).toBe(r.chiSquared);
  });
  it('with Yates correction: prop.test(correct = TRUE)', () => {
    const ref = R.csat_yates;
    const r = compareProportions(
      { successes: ref.successes[1], n: ref.n[1] },
      { successes: ref.successes[0], n: ref.n[0] },
      { continuityCorrection: true },
    );
    expectRel(r.chiSquared, ref.chi_squared, 1e-9, 'X2');
    expectRel(r.pValue, ref.p, 1e-9, 'p');
    expectRel(r.confidenceInterval[0], ref.ci[0], 1e-9, 'CI lower');
    expectRel(r.confidenceInterval[1], ref.ci[1], 1e-9, 'CI upper');
  });
  it('retention by wave', () => {
    const r = compareProportions(
      wave(1).map((x) => x.retained),
      wave(2).map((x) => x.retained),
    );
    expectRel(r.chiSquared, R.retained.chi_squared, 1e-9, 'X2');
    expectRel(r.pValue, R.retained.p, 1e-9, 'p');
    expectRel(r.estimate, R.retained.difference, 1e-9, 'difference');
  });
  it('weighted: Wald test with Taylor SEs (svyby + svycontrast)', () => {
    const side = (k: number) => ({ values: satisfied(k), weights: wave(k).map((x) => x.weight) });
    const r = compareProportions(side(1), side(2));
    const ref = R.weighted_csat;
    expectRel(r.a.proportion, ref.estimate[0], 1e-9, 'p 1');
    expectRel(r.b.standardError, ref.se[1], 1e-9, 'SE 2');
    expectRel(r.estimate, ref.difference, 1e-9, 'difference');
    expectRel(r.statistic, ref.z, 1e-9, 'z');
    expectRel(r.pValue, ref.p, 1e-9, 'p');
    expectRel(r.confidenceInterval[1], ref.ci[1], 1e-9, 'CI upper');
    expect(r.test).toBe('wald');
  });
  it('errors', () => {
    expectError(() => compareProportions([0, 1, 2], [0, 1]), InputError, 'OUT_OF_RANGE', ['a[2]']);
    expectError(() => compareProportions({ successes: 5, n: 4 }, { successes: 1, n: 4 }), InputError, 'INVALID_OPTION', ['a.successes']);
    expectError(() => compareProportions([0, 0], [0, 0, 0]), InsufficientDataError, 'ZERO_VARIANCE', []);
    expectError(() => compareProportions({ values: [0, 1], weights: [1, 1] }, [0, 1]), InputError, 'INVALID_OPTION', [
      'a is weighted and b is not',
    ]);
    expectError(
      () => compareProportions({ values: [0, 1], weights: [1, 1] }, { values: [0, 1], weights: [1, 1] }, { continuityCorrection: true }),
      InputError,
      'INVALID_OPTION',
      ['continuityCorrection'],
    );
    expectError(() => compareProportions({ values: [0, 1], weights: [1] }, [1, 0]), InputError, 'LENGTH_MISMATCH', ['a.weights']);
  });
});

describe('compareMeans', () => {
  // R's rows for trust_wave_welch: complete cases on all 12 driver items (n = 1,596), the rows
  // every driver model uses; on rows with tru1-3 only (n = 1,894) t would be 5.3277 instead.
  const trustOf = (k: number) => wave(k).filter(complete).map(trust);
  it('shared reference trust_wave_welch: Welch t on complete cases of the 12 items', () => {
    const r = compareMeans(trustOf(1), trustOf(2));
    const ref = shared.trust_wave_welch;
    expect(r.a.n + r.b.n).toBe(shared.n_complete);
    expectRel(r.statistic, ref.t, 1e-9, 't');
    expectRel(r.df, ref.df, 1e-9, 'df');
    expectRel(r.pValue, ref.p_value, 1e-9, 'p');
    expectRel(r.estimate, ref.difference, 1e-9, 'difference');
    expectRel(r.confidenceInterval[0], ref.ci_95[0], 1e-9, 'CI lower');
    expectRel(r.confidenceInterval[1], ref.ci_95[1], 1e-9, 'CI upper');
    // The other reading of "which rows" does not reproduce the reference.
    const own = (k: number) =>
      wave(k)
        .filter((x) => x.tru1 !== null && x.tru2 !== null && x.tru3 !== null)
        .map(trust);
    const o = compareMeans(own(1), own(2));
    expectRel(o.statistic, R.trust_welch_own_items.t, 1e-9, 't on tru1-3 rows');
    expect(Math.abs(o.statistic - ref.t)).toBeGreaterThan(0.3);
  });
  it("Student's pooled t (var.equal = TRUE), and summaries in place of data", () => {
    const r = compareMeans(trustOf(1), trustOf(2), { equalVariance: true });
    expectRel(r.statistic, R.trust_student.t, 1e-9, 't');
    expect(r.df).toBe(R.trust_student.df);
    expectRel(r.pValue, R.trust_student.p, 1e-9, 'p');
    const w = compareMeans(trustOf(1), trustOf(2));
    const s = compareMeans(
      { mean: w.a.mean, standardDeviation: w.a.standardDeviation!, n: w.a.n },
      { mean: w.b.mean, standardDeviation: w.b.standardDeviation!, n: w.b.n },
    );
    expectRel(s.statistic, shared.trust_wave_welch.t, 1e-9, 't from summaries');
  });
  it('weighted: survey::svyttest with the wave as stratum (t on n - 3 df)', () => {
    const side = (k: number) => ({
      values: trustOf(k),
      weights: wave(k)
        .filter(complete)
        .map((x) => x.weight),
    });
    const r = compareMeans(side(1), side(2));
    const ref = R.weighted_trust;
    expectRel(r.statistic, ref.t, 1e-9, 't');
    expect(r.df).toBe(ref.df);
    expectRel(r.pValue, ref.p, 1e-9, 'p');
    expectRel(r.estimate, ref.difference, 1e-9, 'difference');
    expectRel(r.confidenceInterval[0], ref.ci[0], 1e-9, 'CI lower');
    expectRel(r.a.standardError, R.weighted_trust_by_wave.se[0], 1e-9, 'SE wave 1');
    expect(r.method).toBe('design-based-t');
  });
  it('errors', () => {
    expectError(() => compareMeans([1], [1, 2]), InsufficientDataError, 'TOO_FEW_CASES', ['a']);
    expectError(() => compareMeans([2, 2], [3, 3]), InsufficientDataError, 'ZERO_VARIANCE', ['both samples are constant']);
    expectError(() => compareMeans([1, 8], [1, 2], { scale: { min: 1, max: 7 } }), InputError, 'OUT_OF_RANGE', ['a[1]']);
    expectError(
      () => compareMeans({ values: [1, 2], weights: [1, 1] }, { values: [1, 3], weights: [1, 1] }, { equalVariance: true }),
      InputError,
      'INVALID_OPTION',
      ['equalVariance'],
    );
    expectError(() => compareMeans({ mean: 1, standardDeviation: -1, n: 5 }, [1, 2]), InputError, 'INVALID_OPTION', [
      'a.standardDeviation',
    ]);
  });
});
