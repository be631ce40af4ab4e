// compareWaves against the shared R reference (nps_wave_difference, csat_wave_test,
// trust_wave_welch, nps_by_wave) and test/fixtures/r/monitoring.R (lmg per wave from all-subset
// lm fits; weighted tests with survey), relative 1e-9; bootstrap behaviour checked against the
// Olkin & Finn (1995) large-sample SE of R2; error paths.
import { describe, expect, it } from 'vitest';
import { compareMeans, compareWaves, InputError, InsufficientDataError } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('loyalty-survey.csv');
const shared = loadJson('loyalty-survey.json');
const R = loadJson('r/monitoring.json');
const drivers = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};
const DRIVERS = Object.keys(drivers);

describe('compareWaves: two waves against R (1e-9)', () => {
  const r = compareWaves(rows, {
    wave: 'wave',
    nps: 'recommend',
    csat: 'csat',
    retention: 'retained',
    customerLoyaltyIndex: { items: ['recommend', 'repurchase_intent', 'upsell_intent'] },
    drivers,
    importance: { outcome: 'recommend', bootstrap: { replicates: 400, seed: 7 } },
  });
  const c = r.comparisons[0]!;
  it('waves in order, one consecutive comparison 1 -> 2', () => {
    expect(r.waves.map((w) => w.wave)).toEqual([1, 2]);
    expect(r.waves.map((w) => w.rows)).toEqual([1025, 975]);
    expect([c.from, c.to]).toEqual([1, 2]);
    expect(r.design).toBe('consecutive');
  });
  it('NPS per wave and its change (nps_by_wave, nps_wave_difference)', () => {
    expectRel(r.waves[0]!.nps!.estimate, shared.nps_by_wave['1'].nps, 1e-9, 'NPS wave 1');
    expectRel(r.waves[1]!.nps!.standardError, shared.nps_by_wave['2'].standard_error, 1e-9, 'SE wave 2');
    expectRel(c.nps!.estimate, shared.nps_wave_difference.difference, 1e-9, 'difference');
    expectRel(c.nps!.statistic, shared.nps_wave_difference.z, 1e-9, 'z');
    expectRel(c.nps!.pValue, shared.nps_wave_difference.p_value, 1e-9, 'p');
  });
  it('CSAT change (csat_wave_test) and retention change (prop.test)', () => {
    expectRel(c.csat!.chiSquared, shared.csat_wave_test.chi_squared, 1e-9, 'X2');
    expectRel(c.csat!.pValue, shared.csat_wave_test.p_value, 1e-9, 'p');
    expectRel(c.csat!.estimate, shared.csat_wave_test.difference, 1e-9, 'difference');
    expectRel(c.csat!.confidenceInterval[0], shared.csat_wave_test.ci_95[0], 1e-9, 'CI');
    expectRel(c.retention!.chiSquared, R.retained.chi_squared, 1e-9, 'retention X2');
    expectRel(c.retention!.estimate, R.retained.difference, 1e-9, 'retention difference');
  });
  it('Customer Loyalty Index per wave and its Welch t (R t.test on the 0-100 per-respondent CLI)', () => {
    expectRel(r.waves[0]!.customerLoyaltyIndex!.estimate, R.cli_welch.mean_1, 1e-9, 'CLI wave 1');
    expectRel(c.customerLoyaltyIndex!.statistic, R.cli_welch.t, 1e-9, 't');
    expectRel(c.customerLoyaltyIndex!.df, R.cli_welch.df, 1e-9, 'df');
    expectRel(c.customerLoyaltyIndex!.pValue, R.cli_welch.p, 1e-9, 'p');
    expectRel(c.customerLoyaltyIndex!.confidenceInterval[0], R.cli_welch.ci[0], 1e-9, 'CI');
  });
  it('driver means on complete cases of the 12 items, Welch t per driver (trust_wave_welch)', () => {
    expect(r.waves[0]!.drivers!.n + r.waves[1]!.drivers!.n).toBe(shared.n_complete);
    const t = c.drivers!.trust!;
    expectRel(t.statistic, shared.trust_wave_welch.t, 1e-9, 't');
    expectRel(t.df, shared.trust_wave_welch.df, 1e-9, 'df');
    expectRel(t.pValue, shared.trust_wave_welch.p_value, 1e-9, 'p');
    expectRel(t.estimate, shared.trust_wave_welch.difference, 1e-9, 'difference');
    expectRel(t.confidenceInterval[1], shared.trust_wave_welch.ci_95[1], 1e-9, 'CI');
    for (const d of DRIVERS) {
      expectRel(r.waves[0]!.drivers!.means[d]!.mean, R.driver_welch[d].mean_1, 1e-9, `${d} mean wave 1`);
      expectRel(c.drivers![d]!.statistic, R.driver_welch[d].t, 1e-9, `${d} t`);
      expectRel(c.drivers![d]!.pValue, R.driver_welch[d].p, 1e-9, `${d} p`);
    }
  });
  it('lmg per wave equals the Shapley value from all-subset lm fits in R', () => {
    for (const [j, k] of [
      [0, '1'],
      [1, '2'],
    ] as const) {
      const imp = r.waves[j]!.importance!;
      expect(imp.n).toBe(R.lmg_by_wave[k].n);
      expectRel(imp.rSquared, R.lmg_by_wave[k].r_squared, 1e-9, `R2 wave ${k}`);
      for (const d of DRIVERS) expectRel(imp.importance[d]!, R.lmg_by_wave[k].lmg[d], 1e-9, `lmg ${d} wave ${k}`);
      expectRel(
        DRIVERS.reduce((a, d) => a + imp.importance[d]!, 0),
        imp.rSquared,
        1e-12,
        'lmg sums to R2',
      );
    }
    const sat = c.importance!.drivers.satisfaction!;
    expectRel(sat.estimate, R.lmg_by_wave['2'].lmg.satisfaction - R.lmg_by_wave['1'].lmg.satisfaction, 1e-9, 'lmg difference');
  });
  it('bootstrap: the SE of R2 per wave is close to the Olkin-Finn large-sample SE', () => {
    // Var(R2) ~ 4 R2 (1 - R2)^2 (n - k - 1)^2 / ((n^2 - 1)(n + 3)) (Olkin & Finn 1995), k = 4 drivers.
    // With 400 replicates the bootstrap SE has a Monte Carlo error near 3.5%; allow 15%.
    const seDiff = Math.hypot(
      ...(['1', '2'] as const).map((k) => {
        const { n, r_squared: r2 } = R.lmg_by_wave[k];
        return Math.sqrt((4 * r2 * (1 - r2) ** 2 * (n - 5) ** 2) / ((n * n - 1) * (n + 3)));
      }),
    );
    expect(c.importance!.rSquared.standardError / seDiff).toBeGreaterThan(0.85);
    expect(c.importance!.rSquared.standardError / seDiff).toBeLessThan(1.15);
    expect(c.importance!.rSquared.confidenceInterval[0]).toBeLessThan(c.importance!.rSquared.estimate);
    expect(c.importance!.rSquared.confidenceInterval[1]).toBeGreaterThan(c.importance!.rSquared.estimate);
    expect(r.importance).toEqual({ outcome: 'recommend', metric: 'lmg' });
    expect(r.bootstrap).toEqual({
      method: 'row-resampling',
      replicates: 400,
      seed: 7,
      confidenceLevel: 0.95,
      intervalMethod: 'percentile',
      redrawn: 0,
    });
  });
  it('the same seed reproduces the intervals; another seed does not', () => {
    const opts = { wave: 'wave', drivers, importance: { outcome: 'recommend', bootstrap: { replicates: 60, seed: 3 } } };
    const a = compareWaves(rows, opts);
    const b = compareWaves(rows, opts);
    const d = compareWaves(rows, { ...opts, importance: { outcome: 'recommend', bootstrap: { replicates: 60, seed: 4 } } });
    expect(a.comparisons[0]!.importance).toEqual(b.comparisons[0]!.importance);
    expect(a.comparisons[0]!.importance!.drivers.trust!.confidenceInterval[0]).not.toBe(
      d.comparisons[0]!.importance!.drivers.trust!.confidenceInterval[0],
    );
  });
  it('results are plain JSON', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('compareWaves: weighted (survey, wave as stratum; 1e-9)', () => {
  const r = compareWaves(rows, {
    wave: 'wave',
    nps: 'recommend',
    csat: 'csat',
    drivers,
    importance: { outcome: 'recommend', bootstrap: false },
    weights: 'weight',
  });
  const c = r.comparisons[0]!;
  it('NPS and CSAT changes: Wald tests with Taylor SEs', () => {
    expectRel(c.nps!.estimate, 100 * R.weighted_nps.difference, 1e-9, 'NPS difference');
    expectRel(c.nps!.statistic, R.weighted_nps.z, 1e-9, 'NPS z');
    expectRel(c.csat!.statistic, R.weighted_csat.z, 1e-9, 'CSAT z');
    expectRel(c.csat!.pValue, R.weighted_csat.p, 1e-9, 'CSAT p');
  });
  it('trust: svyttest on complete cases; weighted lmg per wave from lm(weights =)', () => {
    expectRel(c.drivers!.trust!.statistic, R.weighted_trust.t, 1e-9, 't');
    expect(c.drivers!.trust!.df).toBe(R.weighted_trust.df);
    expectRel(c.drivers!.trust!.pValue, R.weighted_trust.p, 1e-9, 'p');
    for (const [j, k] of [
      [0, '1'],
      [1, '2'],
    ] as const) {
      expectRel(r.waves[j]!.importance!.rSquared, R.lmg_by_wave[k].weighted_r_squared, 1e-9, `weighted R2 wave ${k}`);
      for (const d of DRIVERS)
        expectRel(r.waves[j]!.importance!.importance[d]!, R.lmg_by_wave[k].weighted_lmg[d], 1e-9, `weighted lmg ${d}`);
    }
    expect(c.importance).toBeNull();
    expect(r.waves[0]!.importance!.intervals).toBeNull();
  });
});

describe('compareWaves: more than two waves', () => {
  // Regions as "waves" give four groups of strings.
  const regions = [...new Set(rows.map((x) => x.region as string))].sort();
  it('consecutive pairs in sorted order, or every wave against a baseline', () => {
    const consecutive = compareWaves(rows, { wave: 'region', drivers: { trust: drivers.trust } });
    expect(consecutive.waves.map((w) => w.wave)).toEqual(regions);
    expect(consecutive.comparisons.map((c) => [c.from, c.to])).toEqual(regions.slice(1).map((g, j) => [regions[j], g]));
    const base = compareWaves(rows, { wave: 'region', drivers: { trust: drivers.trust }, baseline: regions[2] });
    expect(base.design).toBe('baseline');
    expect(base.comparisons.map((c) => [c.from, c.to])).toEqual(regions.filter((g) => g !== regions[2]).map((g) => [regions[2], g]));
    // Each comparison is the two-sample Welch test on that pair's trust scores (tested against R above).
    const trustOf = (g: string) =>
      rows
        .filter((x) => x.region === g && x.tru1 !== null && x.tru2 !== null && x.tru3 !== null)
        .map((x) => ((x.tru1 as number) + (x.tru2 as number) + (x.tru3 as number)) / 3);
    const direct = compareMeans(trustOf(regions[2]!), trustOf(regions[0]!));
    expect(base.comparisons[0]!.drivers!.trust!.statistic).toBe(direct.statistic);
  });
  it('order selects and orders waves; the rest are dropped and reported', () => {
    const r = compareWaves(rows, { wave: 'region', nps: 'recommend', order: [regions[3]!, regions[0]!] });
    expect(r.waves.map((w) => w.wave)).toEqual([regions[3], regions[0]]);
    expect(r.missing.rowsUsed).toBe(rows.filter((x) => x.region === regions[3] || x.region === regions[0]).length);
  });
});

describe('compareWaves: error paths', () => {
  it('a wave column with one wave', () => {
    const one = rows.filter((x) => x.wave === 1);
    expectError(() => compareWaves(one, { wave: 'wave', nps: 'recommend' }), InsufficientDataError, 'TOO_FEW_CASES', [
      'column "wave" has one wave (1)',
      'at least 2',
    ]);
    const none = rows.map((x) => ({ ...x, wave: null }));
    expectError(() => compareWaves(none, { wave: 'wave', nps: 'recommend' }), InsufficientDataError, 'TOO_FEW_CASES', ['no wave']);
  });
  it('a baseline or ordered wave that is not in the data', () => {
    expectError(() => compareWaves(rows, { wave: 'wave', nps: 'recommend', baseline: 3 }), InputError, 'INVALID_OPTION', [
      'options.baseline',
      'wave 3',
    ]);
    expectError(() => compareWaves(rows, { wave: 'wave', nps: 'recommend', baseline: '1' }), InputError, 'INVALID_OPTION', [
      'options.baseline',
    ]);
    expectError(() => compareWaves(rows, { wave: 'wave', nps: 'recommend', order: [1, 4] }), InputError, 'INVALID_OPTION', [
      'options.order',
      'wave 4',
      'waves present: 1, 2',
    ]);
  });
  it('nothing to compare, importance without drivers, a missing column', () => {
    expectError(() => compareWaves(rows, { wave: 'wave' }), InputError, 'INVALID_OPTION', ['nothing to compare']);
    expectError(() => compareWaves(rows, { wave: 'wave', importance: { outcome: 'recommend' } }), InputError, 'INVALID_OPTION', [
      'needs options.drivers',
    ]);
    expectError(() => compareWaves(rows, { wave: 'round', nps: 'recommend' }), InputError, 'COLUMN_NOT_FOUND', ['"round"']);
    expectError(
      () => compareWaves(rows, { wave: 'wave', importance: { outcome: 'recommend', metric: 'best' as never }, drivers }),
      InputError,
      'INVALID_OPTION',
      ['options.importance.metric'],
    );
  });
  it('a wave too small for a statistic is named', () => {
    const tiny = rows.filter((x) => x.wave === 1).concat(rows.filter((x) => x.wave === 2).slice(0, 1));
    expectError(() => compareWaves(tiny, { wave: 'wave', drivers }), InsufficientDataError, 'TOO_FEW_CASES', [
      'comparing wave 1 (a) with wave 2 (b)',
      'b: 1 non-missing',
    ]);
    expectError(
      () => compareWaves(tiny, { wave: 'wave', drivers, importance: { outcome: 'recommend' } }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['wave 2:'],
    );
    const bad = rows.map((x, i) => (i === 5 ? { ...x, recommend: 11 } : x));
    const e = expectError(() => compareWaves(bad, { wave: 'wave', nps: 'recommend' }), InputError, 'OUT_OF_RANGE', [
      `wave ${rows[5]!.wave}:`,
      'got 11',
      'input row 5',
    ]);
    expect((e as InputError).location.row).toBe(5);
  });
});
