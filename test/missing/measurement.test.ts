import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha, htmt, reliability } from '../../src/measurement/index.js';
import { loadCsv } from '../helpers/fixtures.js';

// Reference: test/fixtures/r/missing.R (psych 2.2.9 pairwise alpha; lavaan 0.6-14 FIML).
const ref = JSON.parse(readFileSync(new URL('../fixtures/r/missing.json', import.meta.url), 'utf8'));
const survey = loadCsv('loyalty-survey.csv');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const scales = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};

describe("missing: 'pairwise' and 'fiml' in the measurement functions", () => {
  it("cronbachAlpha pairwise = psych::alpha (use = 'pairwise') at 1e-9, with pair counts", () => {
    for (const [name, items] of Object.entries(scales)) {
      const a = cronbachAlpha(survey, items, { missing: 'pairwise' });
      const r = ref.pairwise.alpha[name];
      expect(rel(a.estimate, r.rawAlpha)).toBeLessThan(1e-9);
      expect(rel(a.standardizedAlpha, r.stdAlpha)).toBeLessThan(1e-9);
      expect(rel(a.standardError, r.ase)).toBeLessThan(1e-9);
      expect(a.n).toBe(2000);
      for (const item of items) expect(rel(a.itemMeans![item]!, r.itemMean[item])).toBeLessThan(1e-12);
      expect(a.missing.policy).toBe('pairwise');
      expect(a.missing.pairwise!.min).toBeGreaterThan(1900);
    }
  });
  it('reliability fiml: alpha from the lavaan FIML covariance', () => {
    const r = reliability(survey, scales, { missing: 'fiml' });
    const k = ref.items.length;
    // alpha of satisfaction from lavaan's FIML covariance (items 0-2): 3/2 (1 - tr C / 1'C1).
    const c = ref.fiml.covariance;
    let tr = 0;
    let total = 0;
    for (let j = 0; j < 3; j++) {
      tr += c[j][j];
      for (let l = 0; l < 3; l++) total += c[j][l];
    }
    expect(rel(r.scales.satisfaction!.estimate, 1.5 * (1 - tr / total))).toBeLessThan(1e-9);
    expect(r.missing!.fiml!.patterns).toBe(ref.fiml.patterns);
    expect(k).toBe(12);
  });
  it('htmt accepts both policies', () => {
    expect(htmt(survey, scales, { missing: 'pairwise' }).n).toBe(2000);
    expect(htmt(survey, scales, { missing: 'fiml' }).missing.policy).toBe('fiml');
  });
});
