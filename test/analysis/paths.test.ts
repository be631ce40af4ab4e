// analyze runs model.paths: the PLS path model of plsPathModel, its bootstrap with the analysis's
// plan, the IPMA of plsImportancePerformance, reverse-worded items recoded first.
import { describe, expect, it } from 'vitest';
import { analyze, plsImportancePerformance, plsPathModel, validateModel } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';

const rows = loadCsv('ecsi.csv');
const columns = Object.keys(rows[0]!);
const items = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const scales = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { items: v, min: 1, max: 10 }]));
const relationships = [
  { from: 'image', to: ['expectation', 'satisfaction', 'loyalty'] },
  { from: 'expectation', to: ['quality', 'value'] },
  { from: 'quality', to: ['value', 'satisfaction'] },
  { from: 'value', to: 'satisfaction' },
  { from: 'satisfaction', to: 'loyalty' },
];
const pairs: [string, string][] = relationships.flatMap((r) =>
  (Array.isArray(r.to) ? r.to : [r.to]).map((t) => [r.from, t] as [string, string]),
);
const model = validateModel({ scales, paths: { relationships, target: 'loyalty', constructs: { value: { mode: 'B' } } } }, { columns });
// In the model's order: constructs by first appearance in the relationships.
const constructs = Object.fromEntries(
  Object.keys(model.paths!.constructs).map((k) => [
    k,
    k === 'value' ? { items: items.value, mode: 'B' as const } : items[k as keyof typeof items],
  ]),
);

describe('analyze: model.paths', () => {
  it('is plsPathModel and plsImportancePerformance on the same data', () => {
    const a = analyze(rows, model);
    const direct = plsPathModel(rows, { constructs, paths: pairs });
    // Without the per-respondent scores (an analysis of a large survey stays small).
    expect(a.paths!.model).toEqual({ ...direct, scores: null });
    expect(a.paths!.importancePerformance).toEqual(
      plsImportancePerformance(rows, { constructs, paths: pairs, target: 'loyalty', scale: { min: 1, max: 10 } }),
    );
    expect(a.skipped).toEqual([]);
  });

  it('recodes reverse-worded items before estimating', () => {
    const flipped = rows.map((r) => ({ ...r, img4: 11 - (r.img4 as number) }));
    const m = validateModel(
      {
        scales: { ...scales, image: { items: items.image, min: 1, max: 10, reverse: ['img4'] } },
        paths: { relationships, target: 'loyalty', constructs: { value: { mode: 'B' } } },
      },
      { columns },
    );
    const a = analyze(flipped, m);
    const b = analyze(rows, model);
    expect(a.paths!.model.paths).toEqual(b.paths!.model.paths);
    expect(a.paths!.importancePerformance!.constructs).toEqual(b.paths!.importancePerformance!.constructs);
  });

  it("bootstraps with the analysis's plan; says when it cannot, and that PLS is unweighted", () => {
    const a = analyze(rows, model, { bootstrap: { replicates: 50, seed: 7 } });
    expect(a.paths!.model.bootstrap!.replicates).toBe(50);
    expect(a.paths!.model.bootstrap!.mediation.length).toBeGreaterThan(0);
    const weighted = rows.map((r) => ({ ...r, w: 1 }));
    const m = validateModel({ scales, weight: 'w', paths: { relationships } }, { columns: [...columns, 'w'] });
    const b = analyze(weighted, m);
    expect(b.warnings.map((w) => w.code)).toContain('PLS_UNWEIGHTED');
    expect(b.paths!.importancePerformance).toBeUndefined();
    const pairwise = validateModel({ scales, missing: 'pairwise', paths: { relationships } }, { columns });
    const c = analyze(rows, pairwise, { bootstrap: { replicates: 50, seed: 7 } });
    expect(c.paths!.model.bootstrap).toBeNull();
    expect(c.warnings.find((w) => w.code === 'BOOTSTRAP_NOT_RUN')?.message).toContain('paths');
  });

  it('a model that cannot be estimated on these data is skipped, not thrown', () => {
    const few = rows.slice(0, 3);
    const a = analyze(few, model);
    expect(a.paths).toBeUndefined();
    expect(a.skipped.map((s) => s.section)).toContain('paths');
  });
});
