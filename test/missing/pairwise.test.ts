import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../../src/errors.js';
import { feldtInterval } from '../../src/measurement/alphaIntervals.js';
import { alphaStatistics } from '../../src/measurement/alphaStatistics.js';
import { assertPairwisePositiveDefinite, pairwiseMoments } from '../../src/missing/pairwise.js';
import { loadCsv } from '../helpers/fixtures.js';

// Reference: test/fixtures/r/missing.R (psych 2.2.9 alpha, default use = "pairwise"; R cov/cor pairwise).
const ref = JSON.parse(readFileSync(new URL('../fixtures/r/missing.json', import.meta.url), 'utf8'));
const survey = loadCsv('loyalty-survey.csv');
const read = (rows: readonly Record<string, unknown>[], item: string, reverse = false) =>
  Float64Array.from(rows, (row) =>
    typeof row[item] === 'number' ? (reverse ? 8 - (row[item] as number) : (row[item] as number)) : Number.NaN,
  );
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

function checkAlpha(items: string[], columns: Float64Array[], r: any): void {
  const m = pairwiseMoments(columns, items);
  // psych uses n = nrow(x) for ase and the Feldt interval; no survey row misses a whole scale.
  // psych 2.2.9 (the installed reference) standardizes the pairwise C (cov2cor); psych >= 2.4
  // uses cor(use = 'pairwise') instead (pass m.correlation): open, see the report.
  const s = alphaStatistics(m.covariance, r.nRows);
  expect(rel(s.alpha, r.rawAlpha)).toBeLessThan(1e-9);
  expect(rel(s.standardizedAlpha, r.stdAlpha)).toBeLessThan(1e-9);
  expect(rel(s.averageCorrelation, r.averageR)).toBeLessThan(1e-9);
  expect(rel(s.standardError, r.ase)).toBeLessThan(1e-9);
  const ci = feldtInterval(s.alpha, r.nRows, items.length, 0.95);
  const feldt = Object.values(r.feldt) as number[];
  expect(rel(ci[0], feldt[0]!)).toBeLessThan(1e-9);
  expect(rel(ci[1], feldt[1]!)).toBeLessThan(1e-9);
  items.forEach((item, j) => {
    expect(rel(s.alphaIfDeleted[j]!, r.alphaDrop[item])).toBeLessThan(1e-9);
    expect(rel(s.standardizedAlphaIfDeleted[j]!, r.stdAlphaDrop[item])).toBeLessThan(1e-9);
    expect(rel(s.correctedItemTotal[j]!, r.rDrop[item])).toBeLessThan(1e-9);
    expect(rel(s.itemStandardDeviations[j]!, r.itemSd[item])).toBeLessThan(1e-9);
    expect(m.counts[j]![j]).toBe(r.itemN[item]);
  });
}

describe('pairwise moments (psych::alpha use = "pairwise")', () => {
  it('matches R cov/cor pairwise and the pair counts on the 12 survey items', () => {
    const items: string[] = ref.items;
    const m = pairwiseMoments(
      items.map((i) => read(survey, i)),
      items,
    );
    items.forEach((_, j) =>
      items.forEach((__, l) => {
        expect(rel(m.covariance[j]![l]!, ref.pairwise.covariance[j][l])).toBeLessThan(1e-12);
        expect(rel(m.correlation[j]![l]!, ref.pairwise.correlation[j][l])).toBeLessThan(1e-12);
        expect(m.counts[j]![l]).toBe(ref.pairwise.counts[j][l]);
      }),
    );
  });
  for (const scale of ['satisfaction', 'image', 'trust', 'engagement']) {
    it(`matches psych pairwise alpha for ${scale} at 1e-9`, () => {
      const items = Object.keys(ref.pairwise.alpha[scale].alphaDrop);
      checkAlpha(
        items,
        items.map((i) => read(survey, i)),
        ref.pairwise.alpha[scale],
      );
    });
  }
  it('matches psych with a reverse-keyed item (likert5, l4 reversed as 8 - x)', () => {
    const lik = loadCsv('measurement-likert5.csv');
    const items = ['l1', 'l2', 'l3', 'l4', 'l5'];
    checkAlpha(
      items,
      items.map((i) => read(lik, i, i === 'l4')),
      ref.likert5,
    );
  });
  it('names the pair when the pairwise matrix is not positive definite', () => {
    // a, b, c: a = b on their joint cases, b = c, a = -c: correlations 1, 1, -1 (indefinite).
    const nan = Number.NaN;
    const a = Float64Array.of(1, 2, 3, 4, nan, nan, nan, nan, 1, 2, 3, 4);
    const b = Float64Array.of(1, 2, 3, 4, 1, 2, 3, 4, nan, nan, nan, nan);
    const c = Float64Array.of(nan, nan, nan, nan, 1, 2, 3, 4, 4, 3, 2, 1);
    const m = pairwiseMoments([a, b, c], ['a', 'b', 'c']);
    expect(() => assertPairwisePositiveDefinite(m, ['a', 'b', 'c'])).toThrow(NumericalError);
    expect(() => assertPairwisePositiveDefinite(m, ['a', 'b', 'c'])).toThrow(/not positive definite.*pair most involved/);
  });
});
