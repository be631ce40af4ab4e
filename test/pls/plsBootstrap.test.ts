/**
 * The plsPathModel bootstrap against R seminr 2.3.4 bootstrap_model (test/fixtures/r/plsBootstrap.R,
 * 5,000 replicates: paths, loadings, weights, HTMT, total and specific indirect effects) on
 * ecsi.csv, ours also at 5,000. The draws differ (different generators), so bootstrap SEs agree
 * within Monte Carlo error: the SD of an SE estimate from B replicates is about
 * SE sqrt(1 / (2 (B - 1))) (normal theory), sqrt(2) of that for the difference of two
 * independent ones; the criterion is |SE_ours - SE_R| < 4 of those, 4 SE sqrt(2 / (2 (B - 1)))
 * (5.7% relative at B = 5,000). The bootstrap means agree within 4 SE sqrt(2 / B).
 */
import { describe, expect, it } from 'vitest';
import { InputError, plsPathModel, type PlsPathModelOptions } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('ecsi.csv');
const ref = loadJson('r/plsBootstrap.json');
const items = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const paths: PlsPathModelOptions['paths'] = [
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
const B = 5000;
const fit = plsPathModel(rows, { constructs: items, paths, bootstrap: { replicates: B, seed: 20261203 } });
const boot = fit.bootstrap!;
const relativeBound = 4 * Math.sqrt(1 / (2 * (B - 1)) + 1 / (2 * (ref.replicates - 1)));

describe('plsPathModel bootstrap vs seminr bootstrap_model', () => {
  it('reports the bootstrap in the shared shape', () => {
    expect(boot).toMatchObject({
      method: 'row-resampling',
      replicates: B,
      seed: 20261203,
      confidenceLevel: 0.95,
      intervalMethod: 'percentile',
      redrawn: 0,
    });
    expect(fit.options.bootstrap).toEqual({ replicates: B, seed: 20261203, confidenceLevel: 0.95 });
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });
  it('SEs of paths, loadings, weights, HTMT, total and specific indirect effects within Monte Carlo error of R', () => {
    let worst = 0;
    const check = (
      mine: { estimate: number; bootstrapMean: number; standardError: number; confidenceInterval: readonly [number, number] },
      r: any,
      label: string,
    ): void => {
      expectRel(mine.estimate, r.estimate, 1e-6, `${label} estimate`); // seminr's point estimate at its 1e-12 stop
      const ratio = Math.abs(mine.standardError / r.standardError - 1);
      expect(Math.abs(mine.bootstrapMean - r.mean), `${label} bootstrap mean`).toBeLessThan(4 * r.standardError * Math.sqrt(2 / B));
      worst = Math.max(worst, ratio / relativeBound);
      expect(ratio, `${label} SE ${mine.standardError} vs R ${r.standardError}`).toBeLessThan(relativeBound);
      expect(mine.confidenceInterval[0]).toBeLessThan(mine.estimate);
      expect(mine.confidenceInterval[1]).toBeGreaterThan(mine.estimate);
    };
    for (const r of ref.paths) check(boot.paths.find((p) => p.from === r.from && p.to === r.to)!, r, `path ${r.from}->${r.to}`);
    for (const r of ref.loadings) check(boot.loadings[r.to]![r.from]!, r, `loading ${r.from}->${r.to}`);
    for (const r of ref.weights) check(boot.weights[r.to]![r.from]!, r, `weight ${r.from}->${r.to}`);
    for (const r of ref.totalEffects)
      check(boot.totalEffects.find((p) => p.from === r.from && p.to === r.to)!, r, `total ${r.from}->${r.to}`);
    for (const r of ref.htmt) check(boot.htmt!.find((h) => h.first === r.from && h.second === r.to)!, r, `HTMT ${r.from}-${r.to}`);
    for (const r of ref.specificIndirect)
      check(boot.specificIndirect.find((s) => s.path.join() === r.path.join())!, r, `specific ${r.path.join('->')}`);
    console.log(`bootstrap SE vs seminr: worst |ratio - 1| = ${(worst * relativeBound).toFixed(3)} (bound ${relativeBound.toFixed(3)})`);
  });
  it('classifies mediation from the intervals (Zhao, Lynch & Chen 2010)', () => {
    const excludesZero = (e: { confidenceInterval: readonly [number, number] }): boolean =>
      e.confidenceInterval[0] > 0 || e.confidenceInterval[1] < 0;
    expect(boot.mediation.length).toBeGreaterThan(5);
    for (const m of boot.mediation) {
      const i = excludesZero(m.indirect);
      const d = m.direct !== null && excludesZero(m.direct);
      const expected = i
        ? d
          ? m.indirect.estimate * m.direct!.estimate > 0
            ? 'complementary'
            : 'competitive'
          : 'indirect-only'
        : d
          ? 'direct-only'
          : 'no-effect';
      expect(m.type, `${m.from}->${m.to}`).toBe(expected);
      const effect = fit.effects.find((e) => e.from === m.from && e.to === m.to)!;
      expect(m.indirect.estimate).toBe(effect.indirect);
    }
    // Image acts on loyalty directly (0.19, SE 0.05) and through satisfaction (both positive).
    expect(boot.mediation.find((m) => m.from === 'image' && m.to === 'loyalty')!.type).toBe('complementary');
    // Expectation reaches satisfaction only through quality and value.
    expect(boot.mediation.find((m) => m.from === 'expectation' && m.to === 'satisfaction')!).toMatchObject({
      direct: null,
      type: 'indirect-only',
    });
  });
  it('reproduces from its seed; refuses a summary', () => {
    const again = plsPathModel(rows, { constructs: items, paths, bootstrap: { replicates: 50, seed: 7 } });
    const twice = plsPathModel(rows, { constructs: items, paths, bootstrap: { replicates: 50, seed: 7 } });
    expect(twice.bootstrap).toEqual(again.bootstrap);
    expectError(
      () =>
        plsPathModel(
          {
            correlation: [
              [1, 0.5],
              [0.5, 1],
            ],
            variables: ['a', 'b'],
            n: 50,
          },
          { constructs: { x: ['a'], y: ['b'] }, paths: [['x', 'y']], bootstrap: { replicates: 50, seed: 1 } },
        ),
      InputError,
      'INVALID_OPTION',
      ['options.bootstrap'],
    );
  });
});
