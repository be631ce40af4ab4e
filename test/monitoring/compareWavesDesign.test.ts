// compareWaves with a survey design (issue 16): each wave an independent designed sample (strata =
// region, clusters and fpc from survey-design.csv), against test/fixtures/r/monitoringDesign.R
// (R 4.2.2, survey 4.1.1: svymean per wave, svycontrast(svyby) differences, svyttest), 1e-9.
import { describe, expect, it } from 'vitest';
import { compareWaves } from '../../src/index.js';
import { InputError } from '../../src/errors.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const ref = loadJson('r/monitoringDesign.json');
const survey = loadCsv('loyalty-survey.csv');
const extra = loadCsv('survey-design.csv');
const rows = survey.map((r, i) => ({ ...r, ...extra[i]! }));
const design = { weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' } as const;

describe('compareWaves with a design per wave vs R survey', () => {
  const r = compareWaves(rows, { wave: 'wave', nps: 'recommend', retention: 'retained', design });
  it('per-wave retention: svymean estimate and SE', () => {
    expectRel(r.waves[0]!.retention!.estimate, ref.retained.a.mean, 1e-12, 'a');
    expectRel(r.waves[0]!.retention!.standardError, ref.retained.a.se[0], 1e-9, 'a se');
    expectRel(r.waves[1]!.retention!.standardError, ref.retained.b.se[0], 1e-9, 'b se');
  });
  it('the retention change: difference, SE and Wald z as svycontrast', () => {
    const c = r.comparisons[0]!.retention!;
    expectRel(c.estimate, ref.retained.difference, 1e-12, 'difference');
    expectRel(c.standardError, ref.retained.se[0], 1e-9, 'se');
    expectRel(c.pValue, ref.retained.p[0], 1e-9, 'p');
  });
  it('the NPS change', () => {
    const c = r.comparisons[0]!.nps!;
    const want = ref.nps;
    expectRel(c.estimate, want.difference, 1e-12, 'nps difference (points)');
    expectRel(c.standardError, want.se[0], 1e-9, 'nps se');
    expectRel(c.pValue, want.p[0], 1e-9, 'nps p');
  });
  it('reports each wave design', () => {
    expect(r.surveyDesign).toHaveLength(2);
    expect(r.surveyDesign![0]!.degreesOfFreedom).toBe(ref.retained.a.degf);
    expect(r.weighted).toBe(true);
  });
  it('driver means under the design: tru1 as svyttest', () => {
    const w = compareWaves(rows, { wave: 'wave', drivers: { t: { items: ['tru1'] } }, design });
    expectRel(w.waves[0]!.drivers!.means.t!.mean, ref.tru1.a.mean, 1e-12, 'mean a');
    expectRel(w.waves[0]!.drivers!.means.t!.standardError, ref.tru1.a.se[0], 1e-9, 'se a');
    const c = w.comparisons[0]!.drivers!.t!;
    expectRel(c.estimate, ref.tru1.difference, 1e-12, 'difference');
    expectRel(c.standardError, ref.tru1.se[0], 1e-9, 'se');
  });
  it('refuses weights with a design, and a bootstrap with a design', () => {
    expectError(() => compareWaves(rows, { wave: 'wave', nps: 'recommend', design, weights: 'weight' }), InputError, 'INVALID_OPTION');
    expectError(
      () =>
        compareWaves(rows, {
          wave: 'wave',
          drivers: { t: { items: ['tru1'] }, s: { items: ['sat1'] } },
          importance: { outcome: 'recommend', bootstrap: { replicates: 50, seed: 1 } },
          design,
        }),
      InputError,
      'INVALID_OPTION',
    );
  });
});
