/**
 * compareMeans, compareProportions and compareNps with a survey design per sample (wave 1 = a,
 * wave 2 = b, each drawn by strata = region, clusters, fpc) against R survey:
 * svycontrast(svyby(svymean)) on the two waves in one design with strata wave x region, and
 * svyttest for the t test of means (df = degf - 1). References: test/fixtures/r/monitoringDesign.R.
 * 1e-9 relative throughout.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { compareMeans, compareNps, compareProportions } from '../../src/monitoring/index.js';
import { expectError, expectRel, loadJson } from '../helpers/fixtures.js';
import { loyaltyDesignRows } from '../regression/designRows.js';

const R = loadJson('r/monitoringDesign.json');
const rows = loyaltyDesignRows();
const REL = 1e-9;

/** One wave's values and design arrays. */
function wave(k: number, value: (r: (typeof rows)[number]) => unknown) {
  const w = rows.filter((r) => r['wave'] === k);
  return {
    values: w.map(value),
    design: {
      weights: w.map((r) => r['weight']),
      strata: w.map((r) => r['region']),
      clusters: w.map((r) => r['cluster']),
      fpc: w.map((r) => r['fpc_psu']),
    },
  };
}

function checkSides(res: { a: { standardError: number }; b: { standardError: number }; design?: any }, ref: any): void {
  expectRel(res.a.standardError, ref.a.se[0], REL, 'SE a');
  expectRel(res.b.standardError, ref.b.se[0], REL, 'SE b');
}

describe('compareMeans with a design per sample (R svyby + svycontrast, svyttest)', () => {
  for (const [name, column] of [
    ['tru1', 'tru1'],
    ['tenure', 'tenure_months'],
  ] as const) {
    it(`${column}${name === 'tru1' ? ' (missing answers: domain estimates)' : ''}`, () => {
      const ref = R[name];
      const r = compareMeans(
        wave(1, (x) => x[column]),
        wave(2, (x) => x[column]),
      );
      expect(r.method).toBe('design-based-t');
      expectRel(r.a.mean, ref.a.mean, REL, 'mean a');
      expectRel(r.b.mean, ref.b.mean, REL, 'mean b');
      checkSides(r, ref);
      expectRel(r.estimate, ref.difference, REL, 'difference');
      expectRel(r.standardError, ref.se[0], REL, 'SE');
      expectRel(r.statistic, ref.t, REL, 't');
      expect(r.df).toBe(ref.df);
      expectRel(r.pValue, ref.p['factor(wave)2'], REL, 'p');
      expectRel(r.confidenceInterval[0], ref.conf_int_95[0], REL, 'lower');
      expectRel(r.confidenceInterval[1], ref.conf_int_95[1], REL, 'upper');
      expect(r.a.n).toBe(ref.a.n);
      expect(r.design?.a.degreesOfFreedom).toBe(ref.a.degf);
      expectRel(r.design!.a.designEffect!, ref.a.deff, REL, 'deff a');
      expectRel(r.design!.b.designEffect!, ref.b.deff, REL, 'deff b');
    });
  }
  it('a design on one sample only, or weights with a design: INVALID_OPTION', () => {
    const a = wave(1, (x) => x['tenure_months']);
    const b = wave(2, (x) => x['tenure_months']);
    expectError(() => compareMeans(a, { values: b.values, weights: b.design.weights }), InputError, 'INVALID_OPTION', ['design']);
    expectError(() => compareMeans({ ...a, weights: a.design.weights }, b), InputError, 'INVALID_OPTION', ['weights']);
    expect(compareMeans([1, 2, 3], [2, 3, 5]).design).toBeNull();
  });
});

describe('compareProportions and compareNps with a design per sample (R svyby + svycontrast)', () => {
  for (const [name, value] of [
    ['retained', (x: (typeof rows)[number]) => x['retained']],
    ['sat_top', (x: (typeof rows)[number]) => (x['sat1'] === null ? null : (x['sat1'] as number) >= 6 ? 1 : 0)],
  ] as const) {
    it(name, () => {
      const ref = R[name];
      const r = compareProportions(wave(1, value), wave(2, value));
      expect(r.test).toBe('wald');
      expectRel(r.a.proportion, ref.a.mean, REL, 'p a');
      expectRel(r.b.proportion, ref.b.mean, REL, 'p b');
      checkSides(r, ref);
      expectRel(r.estimate, ref.difference, REL, 'difference');
      expectRel(r.standardError, ref.se[0], REL, 'SE');
      expectRel(r.statistic, ref.z[0], REL, 'z');
      expectRel(r.pValue, ref.p[0], REL, 'p');
      expectRel(r.confidenceInterval[0], ref.conf_int_95[0], REL, 'lower');
      expectRel(r.confidenceInterval[1], ref.conf_int_95[1], REL, 'upper');
      expect(r.a.n).toBe(ref.a.n);
      expectRel(r.design!.b.designEffect!, ref.b.deff, REL, 'deff b');
    });
  }
  it('NPS (points)', () => {
    const ref = R.nps;
    const r = compareNps(
      wave(1, (x) => x['recommend']),
      wave(2, (x) => x['recommend']),
    );
    expectRel(r.a.estimate, ref.a.mean, REL, 'NPS a');
    expectRel(r.b.estimate, ref.b.mean, REL, 'NPS b');
    checkSides(r, ref);
    expectRel(r.estimate, ref.difference, REL, 'difference');
    expectRel(r.standardError, ref.se[0], REL, 'SE');
    expectRel(r.pValue, ref.p[0], REL, 'p');
    expectRel(r.confidenceInterval[1], ref.conf_int_95[1], REL, 'upper');
    expect(r.design?.a.strata).toBe(4);
  });
});
