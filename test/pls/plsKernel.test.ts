/**
 * The flat PLS kernel of the bootstrap (src/pls/plsKernel.ts) is estimatePls step for step: on the
 * full sample it reproduces plsPathModel (itself checked against seminr at 1e-10; see
 * plsPathModel.test.ts) for mode A, mode B, PLSc, the three schemes and a single item, at 1e-10
 * relative. Warm starts (the bootstrap starts every replicate from the full-sample weights) reach
 * the same fixed point as seminr's unit-weight starts: on 100 replicates and the jackknife the
 * statistics agree within the stop criterion (measured 2e-14 at a 1e-12 stop, 2e-9 at the default
 * 1e-7; the criterion bounds the change of one update, so the bound is the tolerance itself).
 */
import { describe, expect, it } from 'vitest';
import { plsPathModel, type PlsPathModelOptions } from '../../src/index.js';
import { checkBootstrap } from '../../src/internal/options.js';
import { plsKernel } from '../../src/pls/plsKernel.js';
import { plsReplicates } from '../../src/pls/plsReplicates.js';
import { specifyPathModel } from '../../src/pls/specifyPathModel.js';
import { BCA_MODEL } from '../fixtures/r/plsBcaModel.js';
import { expectRel, loadCsv } from '../helpers/fixtures.js';

const rows = loadCsv('ecsi.csv');
const { paths } = BCA_MODEL;
const base = BCA_MODEL.constructs;

function setup(options: PlsPathModelOptions) {
  const fit = plsPathModel(rows, options);
  const spec = specifyPathModel(options.constructs, options.paths);
  const items = spec.items.flat();
  const columns = items.map((item) => Float64Array.from(rows, (row) => row[item] as number));
  const offsets = spec.items.map((_, j) => spec.items.slice(0, j).reduce((a, it) => a + it.length, 0));
  const index = (name: string): number => spec.names.indexOf(name);
  const reached = fit.effects.map((e) => [index(e.from), index(e.to)] as const);
  const chains = fit.specificIndirect.map((s) => s.path.map(index));
  return { fit, spec, columns, offsets, reached, chains };
}

function correlation(columns: readonly Float64Array[]): Float64Array {
  const p = columns.length;
  const n = columns[0]!.length;
  const z = columns.map((c) => {
    const mean = c.reduce((a, v) => a + v, 0) / n;
    const d = c.map((v) => v - mean);
    const s = Math.sqrt(d.reduce((a, v) => a + v * v, 0));
    return d.map((v) => v / s);
  });
  const r = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) r[i * p + j] = i === j ? 1 : z[i]!.reduce((a, v, c) => a + v * z[j]![c]!, 0);
  return r;
}

const variants: [string, PlsPathModelOptions][] = [
  ['mode A, path scheme', { constructs: base, paths }],
  [
    'mode B value and image',
    { constructs: { ...base, value: { items: base.value, mode: 'B' }, image: { items: base.image, mode: 'B' } }, paths },
  ],
  [
    'PLSc: all reflective',
    { constructs: Object.fromEntries(Object.entries(base).map(([k, v]) => [k, { items: v, type: 'reflective' as const }])), paths },
  ],
  ['factorial scheme', { constructs: base, paths, scheme: 'factorial' }],
  ['centroid scheme', { constructs: base, paths, scheme: 'centroid' }],
  ['single-item value', { constructs: { ...base, value: ['val1'] }, paths }],
];

describe('plsKernel (the bootstrap fit)', () => {
  for (const [name, options] of variants) {
    it(`reproduces plsPathModel: ${name}`, () => {
      const o = { ...options, tolerance: 1e-12 };
      const { fit, spec, columns, offsets, reached, chains } = setup(o);
      const kernel = plsKernel(spec, offsets, o.scheme ?? 'path', 300, 1e-12, reached, chains);
      const out = new Float64Array(kernel.size);
      expect(kernel.fit(correlation(columns), null, out, 0)).toBe(0);
      const at = kernel.offsets;
      fit.paths.forEach((p, k) => expectRel(out[at.paths + k]!, p.estimate, 1e-10, `path ${k}`));
      let v = 0;
      for (const c of fit.constructNames) {
        for (const item of fit.constructs[c]!.items) {
          expectRel(out[at.loadings + v]!, fit.constructs[c]!.loadings[item]!, 1e-10, `loading ${item}`);
          expectRel(out[at.weights + v]!, fit.constructs[c]!.weights[item]!, 1e-10, `weight ${item}`);
          v++;
        }
      }
      fit.effects.forEach((e, k) => {
        expectRel(out[at.totals + k]!, e.total, 1e-10, `total ${k}`);
        expect(Math.abs(out[at.indirect + k]! - e.indirect)).toBeLessThan(1e-12);
      });
      fit.specificIndirect.forEach((s, k) => expectRel(out[at.specific + k]!, s.estimate, 1e-10, `specific ${k}`));
      fit.htmt.forEach((h, k) => expectRel(out[at.htmt + k]!, h.value!, 1e-10, `htmt ${k}`));
    });
  }
  it('warm starts reach the fixed point of unit-weight starts', () => {
    for (const tolerance of [1e-12, 1e-7]) {
      const { fit, spec, columns, offsets, reached, chains } = setup({ constructs: base, paths, tolerance });
      const start = Float64Array.from(
        fit.constructNames.flatMap((c) => fit.constructs[c]!.items.map((i) => fit.constructs[c]!.weights[i]!)),
      );
      const plan = checkBootstrap({ replicates: 100, seed: 5 }, 'bootstrap')!;
      const cold = plsReplicates(columns, offsets, spec, reached, chains, 'path', 300, tolerance, plan, { jackknife: true, start: null });
      const warm = plsReplicates(columns, offsets, spec, reached, chains, 'path', 300, tolerance, plan, { jackknife: true, start });
      let worst = 0;
      cold.values.forEach((x, k) => {
        worst = Math.max(worst, Math.abs(x - warm.values[k]!));
      });
      // The jackknife: its means, and the acceleration a = -m3 / (6 m2^1.5) of each statistic.
      let worstAcceleration = 0;
      cold.jackknife!.mean.forEach((x, k) => {
        worst = Math.max(worst, Math.abs(x - warm.jackknife!.mean[k]!));
        const a = (j: NonNullable<typeof cold.jackknife>) => (j.m2[k]! > 0 ? -j.m3[k]! / (6 * j.m2[k]! ** 1.5) : 0);
        worstAcceleration = Math.max(worstAcceleration, Math.abs(a(cold.jackknife!) - a(warm.jackknife!)));
      });
      console.log(`warm vs cold start at tolerance ${tolerance}: acceleration differs by ${worstAcceleration.toExponential(2)}`);
      expect(worstAcceleration).toBeLessThan(tolerance === 1e-12 ? 1e-9 : 1e-4);
      console.log(`warm vs cold start at tolerance ${tolerance}: max absolute difference ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(tolerance);
    }
  });
});
