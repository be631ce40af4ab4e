/**
 * plsPathModel bootstrap statistics against R (test/fixtures/r/plsBca.R -> r/plsBca.json) on the
 * same 2,000 replicates (ours, exported to R by plsBca.export.ts): BCa intervals from R boot
 * `boot.ci(type = "bca")` with seminr's estimates and a jackknife of seminr fits; the bootstrap
 * mean, SD, t = estimate / SE, p = 2 pt(-|t|, n - 1) and the type-7 percentile interval from R on
 * those replicates. Both fits stop at 1e-12 (estimates agree to about 1e-13), so everything is
 * checked at 1e-9 relative; the replicate summaries (same numbers) at 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { InputError, plsPathModel, type PlsBootstrapEstimate } from '../../src/index.js';
import { bcaInterval } from '../../src/pls/bcaInterval.js';
import { BCA_MODEL } from '../fixtures/r/plsBcaModel.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('ecsi.csv');
const ref = loadJson('r/plsBca.json');
const { constructs, paths, tolerance, replicates, seed } = BCA_MODEL;
const bootstrap = { replicates, seed };
const bca = plsPathModel(rows, { constructs, paths, tolerance, bootstrap, intervalMethod: 'bca' });
const percentile = plsPathModel(rows, { constructs, paths, tolerance, bootstrap });

function find(fit: typeof bca, label: string): PlsBootstrapEstimate {
  const b = fit.bootstrap!;
  const [kind, ...rest] = label.split(':');
  const [a, c] = rest as [string, string];
  const pair = (list: readonly (PlsBootstrapEstimate & { from: string; to: string })[]) => list.find((e) => e.from === a && e.to === c)!;
  switch (kind) {
    case 'path':
      return pair(b.paths);
    case 'loading':
      return b.loadings[a]![c]!;
    case 'weight':
      return b.weights[a]![c]!;
    case 'total':
      return pair(b.totalEffects);
    case 'indirect':
      return pair(b.indirectEffects);
    case 'specific':
      return b.specificIndirect.find((s) => s.path.join(':') === rest.join(':'))!;
    default:
      return b.htmt!.find((h) => h.first === a && h.second === c)!;
  }
}

describe('plsPathModel bootstrap: BCa, t and p against R boot and seminr', () => {
  it('BCa intervals equal boot.ci(type = "bca") at 1e-9', () => {
    expect(bca.bootstrap).toMatchObject({ intervalMethod: 'bca', replicates, degreesOfFreedom: ref.n - 1 });
    expect(bca.options.intervalMethod).toBe('bca');
    expect(ref.statistics.length).toBeGreaterThan(100);
    let worst = 0;
    for (const r of ref.statistics) {
      const e = find(bca, r.label);
      expect(e.intervalMethod, r.label).toBe('bca');
      for (const s of [0, 1]) {
        expectRel(e.confidenceInterval[s]!, r.bca[s], 1e-9, `${r.label} BCa[${s}]`);
        worst = Math.max(worst, Math.abs(e.confidenceInterval[s]! / r.bca[s] - 1));
      }
    }
    console.log(`BCa vs boot.ci: max relative error ${worst.toExponential(2)} over ${ref.statistics.length} statistics`);
  });
  it('estimate, bootstrap mean, SE, t, p and the percentile interval equal R', () => {
    for (const r of ref.statistics) {
      for (const fit of [bca, percentile]) {
        const e = find(fit, r.label);
        expectRel(e.estimate, r.estimate, 1e-9, `${r.label} estimate`);
        expectRel(e.bootstrapMean, r.bootstrapMean, 1e-12, `${r.label} mean`);
        expectRel(e.standardError, r.standardError, 1e-12, `${r.label} SE`);
        expectRel(e.tStatistic!, r.tStatistic, 1e-9, `${r.label} t`);
        expectRel(e.pValue!, r.pValue, 1e-9, `${r.label} p`);
      }
      const e = find(percentile, r.label);
      expect(e.intervalMethod).toBe('percentile');
      expectRel(e.confidenceInterval[0], r.percentile[0], 1e-12, `${r.label} percentile`);
      expectRel(e.confidenceInterval[1], r.percentile[1], 1e-12, `${r.label} percentile`);
    }
  });
  it('a statistic that never varies has SE 0, no t or p, and the interval [estimate, estimate]', () => {
    expect(ref.constant.length).toBeGreaterThan(0);
    for (const label of ref.constant) {
      const e = find(bca, label);
      expect(e).toMatchObject({ estimate: 0, standardError: 0, tStatistic: null, pValue: null, confidenceInterval: [0, 0] });
    }
    expect(bca.warnings.filter((w) => w.code === 'BCA_UNDEFINED')).toEqual([]);
  });
  it('refuses an unknown interval method, naming the choices', () => {
    expectError(
      // @ts-expect-error: not an interval method
      () => plsPathModel(rows, { constructs, paths, bootstrap: { replicates: 50, seed: 1 }, intervalMethod: 'bc' }),
      InputError,
      'INVALID_OPTION',
      ['options.intervalMethod'],
    );
  });
  it('mediation follows the chosen intervals', () => {
    for (const m of bca.bootstrap!.mediation) {
      expect(m.indirect.intervalMethod).toBe('bca');
      expect(m.indirect.confidenceInterval).toEqual(find(bca, `indirect:${m.from}:${m.to}`).confidenceInterval);
    }
    expect(JSON.parse(JSON.stringify(bca))).toEqual(bca);
  });
});

describe('bcaInterval', () => {
  const sorted = Float64Array.from({ length: 999 }, (_, i) => i / 998);
  it('at z0 = 0 and a = 0 reads the replicates at the plain levels (rank (B + 1) alpha = 25 and 975)', () => {
    const ci = bcaInterval(sorted, 499.5, 4, 0, 0.95)!;
    expect(ci[0]).toBeCloseTo(24 / 998, 12);
    expect(ci[1]).toBeCloseTo(974 / 998, 12);
  });
  it('is undefined when every replicate lies on one side, or the jackknife does not vary', () => {
    expect(bcaInterval(sorted, 0, 3, 0.1, 0.95)).toBeNull();
    expect(bcaInterval(sorted, 999, 3, 0.1, 0.95)).toBeNull();
    expect(bcaInterval(sorted, 400, 0, 0, 0.95)).toBeNull();
  });
});

describe('BCa fallback', () => {
  it('an HTMT of exactly 0 (a full factorial: A and B orthogonal) has every replicate above it: percentile, BCA_UNDEFINED', () => {
    const data: Record<string, number>[] = [];
    for (let u = 1; u <= 3; u++)
      for (let v = 1; v <= 3; v++)
        for (let s = 1; s <= 3; s++)
          for (let t = 1; t <= 3; t++)
            for (let w = 1; w <= 3; w++) data.push({ a1: u, a2: u + v, b1: s, b2: s + t, c1: u + s, c2: u + s + w });
    const fit = plsPathModel(data, {
      constructs: { A: ['a1', 'a2'], B: ['b1', 'b2'], C: ['c1', 'c2'] },
      paths: [
        ['A', 'C'],
        ['B', 'C'],
      ],
      bootstrap: { replicates: 200, seed: 1 },
      intervalMethod: 'bca',
    });
    expect(fit.htmt[0]).toEqual({ first: 'A', second: 'B', value: 0 });
    const ab = fit.bootstrap!.htmt![0]!;
    expect(ab).toMatchObject({ estimate: 0, tStatistic: 0, pValue: 1, intervalMethod: 'percentile' });
    expect(ab.confidenceInterval[0]).toBeGreaterThan(0);
    expect(fit.bootstrap!.htmt![1]!.intervalMethod).toBe('bca');
    expect(fit.warnings.filter((w) => w.code === 'BCA_UNDEFINED').map((w) => w.message)).toEqual([
      'No BCa interval for the HTMT of A and B: every replicate lies on one side of the estimate; the percentile interval is reported.',
    ]);
  });
});
