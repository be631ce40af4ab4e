// relativeImportance, dominanceAnalysis and driverCorrelations under missing = "pairwise" and
// "fiml", against test/fixtures/r/importanceMissing.R (R cor(use = "pairwise.complete.obs"),
// cor.test per pair, lavaan 0.6-14 lavCor(missing = "ml") with em.h1.tol 1e-11, lmg written out
// over all subsets). Pairwise is a closed form: 1e-12. FIML: our EM stops at a scaled change of
// 1e-12 and lavaan's at 1e-11 (see em.test.ts); measured: lmg and R2 within 1e-11 relative; tested at 1e-9.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, driverCorrelations, relativeImportance, scaleScores } from '../../src/index.js';
import { InputError } from '../../src/errors.js';
import { loadCsv } from '../helpers/fixtures.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/r/importanceMissing.json', import.meta.url), 'utf8'));
const survey = loadCsv('loyalty-survey.csv');
const scales = {
  satisfaction: { items: ['sat1', 'sat2', 'sat3'] },
  image: { items: ['img1', 'img2', 'img3'] },
  trust: { items: ['tru1', 'tru2', 'tru3'] },
  engagement: { items: ['eng1', 'eng2', 'eng3'] },
};
const drivers: string[] = ref.drivers;
const scores = scaleScores(survey, scales).scores;
const rows: Record<string, number | null>[] = survey.map((r, i) => ({
  recommend: r.recommend as number | null,
  ...Object.fromEntries(drivers.map((d) => [d, scores[d]![i] ?? null])),
}));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const maxRel = (got: Record<string, number>, want: Record<string, number>) =>
  Math.max(...Object.keys(want).map((k) => rel(got[k]!, want[k]!)));

describe.each([
  ['pairwise', 1e-12],
  ['fiml', 1e-9],
] as const)('relativeImportance(missing: "%s") vs R', (policy, tol) => {
  const r = ref[policy];
  const fit = relativeImportance(rows, { outcome: 'recommend', predictors: drivers, missing: policy, metrics: ['lmg', 'first'] });
  it('R2 and lmg', () => {
    expect(rel(fit.rSquared, r.rSquared)).toBeLessThan(tol);
    expect(maxRel(fit.importance.lmg!, r.lmg)).toBeLessThan(tol);
  });
  it('first = squared correlation with the outcome', () => {
    for (const [j, d] of drivers.entries()) expect(rel(fit.importance.first![d]!, r.correlation[j][4] ** 2)).toBeLessThan(tol);
  });
  it('reports the policy and the n it used', () => {
    expect(fit.missing.policy).toBe(policy);
    // Pairwise: the smallest pair count (1,783, image with satisfaction); FIML: every row with an answer.
    expect(fit.n).toBe(policy === 'pairwise' ? Math.min(...r.counts.flat()) : ref.anyScoreRows);
  });
  it('dominanceAnalysis: general dominance = the same lmg', () => {
    const da = dominanceAnalysis(rows, { outcome: 'recommend', predictors: drivers, missing: policy });
    expect(maxRel(da.generalContribution, r.lmg)).toBeLessThan(tol);
    expect(da.missing.policy).toBe(policy);
  });
});

describe('listwise stays as it was', () => {
  it('lmg on the 1,596 complete rows equals R on complete cases', () => {
    const fit = relativeImportance(rows, { outcome: 'recommend', predictors: drivers, metrics: ['lmg'] });
    expect(fit.n).toBe(ref.completeRows);
    expect(maxRel(fit.importance.lmg!, ref.listwise.lmg)).toBeLessThan(1e-12);
  });
});

describe('driverCorrelations(missing: "pairwise" | "fiml") vs R', () => {
  it('pairwise: correlations, each pair its own n for p-values and intervals (cor.test)', () => {
    const d = driverCorrelations(survey, scales, { missing: 'pairwise' });
    expect(d.missing.policy).toBe('pairwise');
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(Math.abs(d.correlation[i]![j]! - ref.pairwise.correlation[i][j])).toBeLessThan(1e-13);
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 4; j++) {
        const t = ref.pairwise.tests[`${drivers[i]}:${drivers[j]}`];
        expect(rel(d.pValues[i]![j]!, t.p)).toBeLessThan(1e-9);
        expect(rel(d.lower[i]![j]!, t.ci[0])).toBeLessThan(1e-12);
        expect(rel(d.upper[i]![j]!, t.ci[1])).toBeLessThan(1e-12);
      }
    }
    expect(d.n).toBe(Math.min(...ref.pairwise.counts.slice(0, 4).map((row: number[]) => Math.min(...row.slice(0, 4)))));
    expect(d.missing.pairwise!.counts).toEqual(ref.pairwise.counts.slice(0, 4).map((row: number[]) => row.slice(0, 4)));
  });
  it('fiml on driver columns: the EM correlation (lavCor missing = "ml")', () => {
    const d = driverCorrelations(rows, [...drivers, 'recommend'], { missing: 'fiml' });
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) expect(Math.abs(d.correlation[i]![j]! - ref.fiml.correlation[i][j])).toBeLessThan(1e-9);
    expect(d.n).toBe(ref.anyScoreRows);
    expect(d.missing.fiml!.method).toBe('em');
  });
});

describe('what pairwise and FIML refuse', () => {
  it('weights and the row bootstrap, with the reason', () => {
    const weighted = rows.map((r) => ({ ...r, w: 1 }));
    expect(() => relativeImportance(weighted, { outcome: 'recommend', predictors: drivers, missing: 'fiml', weights: 'w' })).toThrow(
      /not with missing: "fiml"/,
    );
    try {
      relativeImportance(rows, { outcome: 'recommend', predictors: drivers, missing: 'pairwise', bootstrap: { replicates: 50, seed: 1 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('INVALID_OPTION');
      expect((e as Error).message).toMatch(/options.bootstrap: not with missing: "pairwise"/);
    }
  });
  it('an unknown policy names the valid ones', () => {
    expect(() => relativeImportance(rows, { outcome: 'recommend', predictors: drivers, missing: 'mean' as never })).toThrow(
      /options.missing/,
    );
  });
});
