// The model file's sampling sections (issue 16): `missing`, `design` and `raking`, through
// validateModel and analyze. References: R lavaan / cor via test/fixtures/r/importanceMissing.R
// (FIML and pairwise lmg on the example survey's driver scores and recommend), R survey via
// test/fixtures/r/survey.R (the indices under strata, clusters and fpc), 1e-9.
import { describe, expect, it } from 'vitest';
import { analyze, checkModel, nps, rake, validateModel } from '../../src/index.js';
import { buildReport } from '../../src/report/index.js';
import { expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const survey = loadCsv('loyalty-survey.csv');
const extra = loadCsv('survey-design.csv');
const rows = survey.map((r, i) => ({ ...r, ...extra[i]! }));
const columns = Object.keys(rows[0]!);
const base = {
  scales: {
    satisfaction: { items: ['sat1', 'sat2', 'sat3'], min: 1, max: 7 },
    image: { items: ['img1', 'img2', 'img3'], min: 1, max: 7 },
    trust: { items: ['tru1', 'tru2', 'tru3'], min: 1, max: 7 },
    engagement: { items: ['eng1', 'eng2', 'eng3'], min: 1, max: 7 },
  },
  outcomes: ['recommend'],
  recommend: 'recommend',
};

describe.each(['fiml', 'pairwise'] as const)('model.missing "%s"', (policy) => {
  const ref = loadJson('r/importanceMissing.json')[policy];
  const result = analyze(rows, validateModel({ ...base, missing: policy }, { columns }));
  const out = result.outcomes[0]!;
  it('importance and dominance equal the R references', () => {
    for (const d of Object.keys(ref.lmg)) {
      expectRel(out.importance!.importance.lmg![d]!, ref.lmg[d], 1e-9, `lmg ${d}`);
      expectRel(out.dominance!.generalContribution[d]!, ref.lmg[d], 1e-9, `dominance ${d}`);
    }
    expect(out.importance!.missing.policy).toBe(policy);
  });
  it('every driver section says the policy it used', () => {
    expect(out.regression.missing.policy).toBe(policy);
    expect(result.measurement!.reliability.missing!.policy).toBe(policy);
    expect(result.measurement!.driverCorrelations!.missing.policy).toBe(policy);
    expect(out.priorities!.missing.policy).toBe(policy);
  });
  it('uses more respondents than listwise (1,596)', () => {
    expect(out.regression.n).toBeGreaterThan(1596);
  });
  it('the report says how each section treated missing answers', () => {
    const html = buildReport(result);
    expect(html).toContain(policy === 'fiml' ? 'FIML (EM)' : '>pairwise<');
    expect(html).toContain(policy === 'fiml' ? 'every answer counts (full-information maximum likelihood' : 'pairwise deletion');
  });
});

describe('model.design', () => {
  const ref = loadJson('r/survey.json').loyalty.strata_clusters_fpc;
  const model = validateModel(
    {
      ...base,
      weight: 'weight',
      wave: 'wave',
      design: { strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' },
      csat: 'csat',
      retained: 'retained',
      segmentation: { attitude: 'recommend', behaviour: 'purchases_12m', profile: ['channel'] },
    },
    { columns },
  );
  const result = analyze(rows, model);
  it('the weighted indices carry the design-based SEs of R svymean', () => {
    expectRel(result.indices.npsWeighted!.standardError, 100 * ref.nps.se, 1e-9, 'nps');
    expectRel(result.indices.csat!.standardError, 100 * ref.csat.se, 1e-9, 'csat (percent)');
    expectRel(result.indices.retention!.standardError, ref.retention.se, 1e-9, 'retention');
    expect(result.indices.npsWeighted!.design!.degreesOfFreedom).toBe(ref.degf);
  });
  it('the waves are designed samples (R svycontrast: test/monitoring/compareWavesDesign.test.ts)', () => {
    const ref = loadJson('r/monitoringDesign.json');
    expect(result.waves!.surveyDesign).toHaveLength(2);
    expectRel(result.waves!.comparisons[0]!.retention!.standardError, ref.retained.se[0], 1e-9, 'retention change se');
  });
  it('the profiles are design-based, with Rao-Scott tests', () => {
    const p = result.segmentation!.profile;
    expect(p.design!.clusters).toBe(80);
    expect(p.tests.categorical.channel!.raoScott).toBeDefined();
  });
});

describe('model.raking', () => {
  const margins = { region: { East: 0.3, North: 0.2, South: 0.25, West: 0.25 } };
  const result = analyze(rows, validateModel({ ...base, weight: 'weight', raking: { margins } }, { columns }));
  it('rakes the weights first and every weighted section uses them', () => {
    const raked = rake(rows, { margins, weights: 'weight' });
    expect(result.raking!.converged).toBe(true);
    expect(result.raking!.weightColumn).toBe('weight_raked');
    expect(result.raking!.designEffect).toBe(raked.designEffect);
    const direct = nps(
      rows.map((r) => r.recommend),
      { weights: raked.weights },
    );
    expect(result.indices.npsWeighted!.estimate).toBe(direct.estimate);
    expect(result.outcomes[0]!.regression.options.weights).toBe('weight_raked');
  });
});

describe('checkModel: the sampling sections', () => {
  const errors = (m: object) => checkModel({ ...base, ...m }, { columns }).errors.map((e) => e.message);
  it('names every mistake with its path', () => {
    expect(errors({ missing: 'mean' })).toEqual(['model.missing: expected "omit", "pairwise" or "fiml", got "mean"']);
    expect(errors({ missing: 'fiml', weight: 'weight' })[0]).toMatch(/^model.missing: "fiml" works on unweighted data/);
    expect(errors({ design: { strata: 'region' } })[0]).toMatch(/^model.design: a design needs its sampling weights/);
    expect(errors({ weight: 'weight', design: { strata: 'regoin' } })[0]).toMatch(/^model.design.strata: "regoin" is not a column/);
    expect(errors({ weight: 'weight', design: { lonelyPsu: 'drop' } })[0]).toMatch(/^model.design.lonelyPsu: expected one of/);
    expect(errors({ raking: { margins: { region: { East: 1 } } } })[0]).toMatch(
      /^model.raking.margins.region: expected an object of at least two levels/,
    );
    expect(errors({ raking: { margins: { region: { East: 0.5, West: 0.5 } }, bounds: [2, 3] } })[0]).toMatch(/^model.raking.bounds/);
  });
});
