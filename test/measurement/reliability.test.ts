/**
 * reliability() against R. Sources:
 * - test/fixtures/loyalty-survey.json `reliability` (psych::alpha and lavaan cfa(std.lv = TRUE) on
 *   the complete cases of all 12 driver items, n = 1596): 1e-9 relative for the closed forms
 *   (alpha, standardized alpha, alpha if deleted, corrected item-total, item means), 1e-6 for the
 *   ML model (lavaan stopped at its default tolerance; the 3-item model has an exact solution).
 * - test/fixtures/r/measurement.json (test/fixtures/r/measurement.R): psych::alpha extras and
 *   fully converged lavaan fits (lavaan's own gradient < 1e-15 at the reference), 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { reliability } from '../../src/measurement/index.js';
import { expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const survey = loadCsv('loyalty-survey.csv');
const reference = loadJson('loyalty-survey.json');
const ours = loadJson('r/measurement.json');
const scales = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};

describe('reliability on the loyalty survey (reference: loyalty-survey.json)', () => {
  const result = reliability(survey, scales);

  it('uses the complete cases on all 12 items (n = 1596)', () => {
    expect(result.n).toBe(reference.n_complete);
    expect(result.missing?.rowsIn).toBe(2000);
    expect(result.missing?.rowsUsed).toBe(1596);
    expect(result.listwise).toBe('all-scales');
  });

  for (const [name, items] of Object.entries(scales)) {
    it(`${name}: alpha, standardized alpha, alpha if deleted, corrected item-total, item means (1e-9)`, () => {
      const ref = reference.reliability[name];
      const got = result.scales[name]!;
      expectRel(got.estimate, ref.cronbach_alpha, 1e-9, 'alpha');
      expectRel(got.standardizedAlpha, ref.standardized_alpha, 1e-9, 'standardized alpha');
      items.forEach((item, j) => {
        expectRel(got.alphaIfDeleted[item]!, ref.alpha_if_deleted[item], 1e-9, `alpha if ${item} deleted`);
        expectRel(got.correctedItemTotal[item]!, ref.corrected_item_total[item], 1e-9, `corrected item-total ${item}`);
        expectRel(got.itemMeans![item]!, ref.item_means[j], 1e-9, `mean ${item}`);
      });
    });

    it(`${name}: CFA standardized loadings, omega total, AVE (1e-6 against lavaan's default fit)`, () => {
      const ref = reference.reliability[name];
      const got = result.scales[name]!;
      for (const item of items) {
        expectRel(got.factorModel!.standardizedLoadings[item]!, ref.cfa_standardized_loadings[item], 1e-6, `loading ${item}`);
      }
      expectRel(got.omegaTotal!, ref.omega_total, 1e-6, 'omega');
      expectRel(got.averageVarianceExtracted!, ref.ave, 1e-6, 'AVE');
    });

    it(`${name}: psych extras and the converged lavaan fit (1e-9)`, () => {
      const a = ours.survey.alpha[name];
      const c = ours.survey.cfa[name];
      const got = result.scales[name]!;
      expectRel(got.averageCorrelation, a.average_correlation, 1e-9, 'average r');
      expectRel(got.standardError, a.standard_error, 1e-9, 'ase');
      expectRel(got.confidenceInterval[0], a.feldt_95[0], 1e-9, 'Feldt lower');
      expectRel(got.confidenceInterval[1], a.feldt_95[1], 1e-9, 'Feldt upper');
      expectRel(got.scaleMean!, a.scale_mean, 1e-9, 'scale mean');
      expectRel(got.scaleStandardDeviation!, a.scale_sd, 1e-9, 'scale sd');
      const m = got.factorModel!;
      expect(m.identification).toBe('just-identified');
      expect(m.convergence.method).toBe('closed-form');
      expect(m.fit.degreesOfFreedom).toBe(0);
      expect(m.fit.pValue).toBeNull();
      expectRel(m.fit.baselineChiSquare, c.fit['baseline.chisq'], 1e-9, 'baseline chi-square');
      for (const item of items) {
        expectRel(m.standardizedLoadings[item]!, c.standardized_loadings[item], 1e-9, `loading ${item}`);
        expectRel(m.loadings![item]!, c.loadings[item], 1e-9, `raw loading ${item}`);
        expectRel(m.residualVariances![item]!, c.residual_variances[item], 1e-9, `residual variance ${item}`);
        expectRel(m.standardizedResidualVariances[item]!, c.standardized_residual_variances[item], 1e-9, `std residual ${item}`);
        expectRel(m.loadingStandardErrors![item]!, c.loading_se[item], 1e-9, `se loading ${item}`);
        expectRel(m.residualVarianceStandardErrors![item]!, c.residual_variance_se[item], 1e-9, `se residual ${item}`);
        expectRel(m.standardizedLoadingStandardErrors![item]!, c.standardized_loading_se_delta[item], 1e-9, `se std loading ${item}`);
        // lavaan's own standardizedSolution() SE uses a numerical Jacobian: ~1e-8 relative.
        expectRel(m.standardizedLoadingStandardErrors![item]!, c.standardized_loading_se[item], 1e-7, `lavaan se std loading ${item}`);
        expectRel(got.itemStandardDeviations![item]!, a.item_sds[item], 1e-9, `sd ${item}`);
        expectRel(got.standardizedAlphaIfDeleted[item]!, a.standardized_alpha_if_deleted[item], 1e-9, `std alpha if deleted ${item}`);
        expectRel(got.itemTotal[item]!, a.item_total[item], 1e-9, `item-total ${item}`);
      }
      expectRel(got.omegaTotal!, c.omega_total, 1e-9, 'omega');
      expectRel(got.averageVarianceExtracted!, c.ave, 1e-9, 'AVE');
    });
  }
});

function checkModel(got: ReturnType<typeof reliability>['scales'][string], c: any, rel: number): void {
  const m = got.factorModel!;
  expect(m.convergence.converged).toBe(true);
  for (const item of c.items as string[]) {
    expectRel(m.standardizedLoadings[item]!, c.standardized_loadings[item], rel, `loading ${item}`);
    expectRel(m.loadings![item]!, c.loadings[item], rel, `raw loading ${item}`);
    expectRel(m.residualVariances![item]!, c.residual_variances[item], rel, `residual variance ${item}`);
    expectRel(m.loadingStandardErrors![item]!, c.loading_se[item], rel, `se loading ${item}`);
    expectRel(m.residualVarianceStandardErrors![item]!, c.residual_variance_se[item], rel, `se residual ${item}`);
    expectRel(m.standardizedLoadingStandardErrors![item]!, c.standardized_loading_se_delta[item], rel, `se std loading ${item}`);
    // lavaan's own standardizedSolution() SE uses a numerical Jacobian: ~1e-8 relative.
    expectRel(m.standardizedLoadingStandardErrors![item]!, c.standardized_loading_se[item], 1e-7, `lavaan se std loading ${item}`);
    // lavaan's default stopping point is within 1e-5 of the converged solution.
    expectRel(m.standardizedLoadings[item]!, c.default_standardized_loadings[item], 1e-5, `default loading ${item}`);
  }
  expectRel(m.omegaTotal, c.omega_total, rel, 'omega');
  expectRel(m.averageVarianceExtracted, c.ave, rel, 'AVE');
  expectRel(m.fit.chiSquare, c.fit.chisq, rel, 'chi-square');
  expect(m.fit.degreesOfFreedom).toBe(c.fit.df);
  expectRel(m.fit.baselineChiSquare, c.fit['baseline.chisq'], rel, 'baseline chi-square');
  expectRel(m.fit.cfi, c.fit.cfi, rel, 'CFI');
  expectRel(m.fit.tli, c.fit.tli, rel, 'TLI');
  expectRel(m.fit.rmsea, c.fit.rmsea, rel, 'RMSEA');
  expectRel(m.fit.srmr, c.fit.srmr, rel, 'SRMR');
  expectRel(m.fit.discrepancy, c.fit.fmin * 2, rel, 'F_ML (lavaan fmin = F / 2)');
}

describe('one-factor ML model, 4+ items (reference: lavaan, test/fixtures/r/measurement.json)', () => {
  it('Holzinger-Swineford x1-x6: a badly fitting 6-item model converges to lavaan (1e-9)', () => {
    const rows = loadCsv('measurement-holzinger.csv');
    const c = ours.holzinger.cfa;
    const r = reliability(rows, { ability: c.items });
    const got = r.scales.ability!;
    checkModel(got, c, 1e-9);
    expect(got.factorModel!.convergence.method).toBe('fisher-scoring');
    expect(got.factorModel!.convergence.iterations).toBeLessThan(50);
    // chi-square 103.2 on 9 df: lavaan prints p = 0; the tail is 3.9e-18 (R: pchisq(103.2295581746979, 9, lower.tail = FALSE)).
    expect(got.factorModel!.fit.pValue!).toBeLessThan(1e-15);
    expect(got.n).toBe(301);
    const a = ours.holzinger.alpha;
    expectRel(got.estimate, a.alpha, 1e-9, 'alpha');
    for (const item of c.items as string[])
      expectRel(got.alphaIfDeleted[item]!, a.alpha_if_deleted[item], 1e-9, `alpha if ${item} deleted`);
  });

  it('simulated 5-item Likert scale with a reverse-worded item and missing answers (1e-9)', () => {
    const rows = loadCsv('measurement-likert5.csv');
    const c = ours.likert5.cfa;
    const r = reliability(rows, { loyalty: { items: ['l1', 'l2', 'l3', 'l4', 'l5'], reverse: ['l4'], min: 1, max: 7, integer: true } });
    const got = r.scales.loyalty!;
    expect(got.n).toBe(ours.likert5.complete);
    expect(r.missing?.byColumn).toEqual(ours.likert5.missing_by_item);
    expect(got.reversed).toEqual(['l4']);
    checkModel(got, c, 1e-9);
    expectRel(got.factorModel!.fit.pValue!, c.fit.pvalue, 1e-9, 'p-value');
    const a = ours.likert5.alpha;
    expectRel(got.estimate, a.alpha, 1e-9, 'alpha');
    expectRel(got.estimate, ours.likert5.alpha_psych_keys.alpha, 1e-9, 'alpha with psych keys');
    expectRel(got.standardizedAlpha, a.standardized_alpha, 1e-9, 'std alpha');
    for (const item of c.items as string[]) {
      expectRel(got.correctedItemTotal[item]!, a.corrected_item_total[item], 1e-9, `r.drop ${item}`);
      expectRel(got.itemMeans![item]!, a.item_means[item], 1e-9, `mean ${item}`);
    }
    expect(got.warnings).toEqual([]);
  });

  it('a Heywood case: negative residual variance reported, estimates still match lavaan (1e-9)', () => {
    const rows = loadCsv('measurement-heywood.csv');
    const c = ours.heywood.cfa;
    const r = reliability(rows, { q: c.items });
    const got = r.scales.q!;
    checkModel(got, c, 1e-9);
    expect(got.factorModel!.heywoodItems).toEqual(['q1']);
    expect(got.factorModel!.residualVariances!.q1!).toBeLessThan(0);
    expect(got.factorModel!.standardizedLoadings.q1!).toBeGreaterThan(1);
    expect(got.warnings.some((w) => w.code === 'HEYWOOD_CASE' && w.message.includes('Heywood') && w.message.includes('q1'))).toBe(true);
  });
});
