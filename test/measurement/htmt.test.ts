/**
 * htmt against R. Sources: test/fixtures/loyalty-survey.json `htmt` (seminr-style HTMT on the
 * complete cases of the 12 items), test/fixtures/r/measurement.json `survey.htmt2` (HTMT2 by its
 * formula in R) and `survey.cfa` (lavaan AVE); driver score correlations from
 * loyalty-survey.json `driver_correlations`. Tolerance 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { htmt } from '../../src/measurement/index.js';
import { sufficientStatistics } from '../../src/summary/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const survey = loadCsv('loyalty-survey.csv');
const reference = loadJson('loyalty-survey.json');
const ours = loadJson('r/measurement.json').survey;
const scales = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};
const names = Object.keys(scales);

describe('htmt on the loyalty survey', () => {
  const h = htmt(survey, scales);

  it('every pair matches loyalty-survey.json (1e-9) and none is over a threshold', () => {
    expect(h.n).toBe(1596);
    expect(h.pairs.length).toBe(6);
    for (const p of h.pairs) {
      expectRel(p.value!, reference.htmt[`${p.first}~${p.second}`], 1e-9, `${p.first}~${p.second}`);
      expect(p.overConservativeThreshold).toBe(false);
      expect(p.overLiberalThreshold).toBe(false);
      const a = names.indexOf(p.first);
      const b = names.indexOf(p.second);
      expect(h.matrix[a]![b]).toBe(p.value);
      expect(h.matrix[b]![a]).toBe(p.value);
    }
    expect(h.matrix[0]![0]).toBeNull();
    expect(h.warnings).toEqual([]);
  });

  it('HTMT2 (geometric means) matches its formula in R (1e-9)', () => {
    const h2 = htmt(survey, scales, { method: 'htmt2' });
    for (const p of h2.pairs) expectRel(p.value!, ours.htmt2[`${p.first}~${p.second}`], 1e-9, `${p.first}~${p.second}`);
  });

  it('Fornell-Larcker: sqrt(lavaan AVE) against the driver score correlations', () => {
    names.forEach((name, a) => {
      const fl = h.fornellLarcker.scales[name]!;
      expectRel(fl.averageVarianceExtracted!, ours.cfa[name].ave, 1e-9, `AVE ${name}`);
      expectRel(fl.squareRootAve!, Math.sqrt(ours.cfa[name].ave), 1e-9, `sqrt AVE ${name}`);
      const row: number[] = reference.driver_correlations[a];
      const others = row.map((v, b) => (b === a ? -1 : Math.abs(v)));
      const largest = Math.max(...others);
      expectRel(fl.largestCorrelation, largest, 1e-9, `largest r ${name}`);
      expect(fl.largestCorrelationWith).toBe(names[others.indexOf(largest)]);
      expect(fl.satisfied).toBe(true);
      row.forEach((v, b) => expectRel(h.fornellLarcker.correlation[a]![b]!, v, 1e-9, `r ${a},${b}`));
    });
  });

  it('gives the same answer from a covariance summary of the items', () => {
    const stats = sufficientStatistics(survey, { columns: Object.values(scales).flat() });
    const fromSummary = htmt(stats, scales);
    expect(fromSummary.source).toBe('sufficient-statistics');
    expect(fromSummary.n).toBe(1596);
    for (const p of fromSummary.pairs) expectRel(p.value!, reference.htmt[`${p.first}~${p.second}`], 1e-9, `${p.first}~${p.second}`);
  });
});

describe('htmt: flags and errors', () => {
  it('worked example: two 2-item scales, HTMT = mean|r_ab| / sqrt(r_a1a2 r_b1b2)', () => {
    // R: cor() of these rows gives r(a1,a2) = 0.8770580, r(b1,b2) = 0.8153846 and the four
    // heterotrait correlations 0.6615385, 0.8461538, 0.4385290, 0.5262348 (mean 0.6181140);
    // HTMT = 0.6181140 / sqrt(0.8770580 x 0.8153846) = 0.7309256.
    const rows = [
      { a1: 1, a2: 2, b1: 2, b2: 1 },
      { a1: 2, a2: 2, b1: 1, b2: 2 },
      { a1: 3, a2: 4, b1: 3, b2: 3 },
      { a1: 4, a2: 4, b1: 5, b2: 4 },
      { a1: 5, a2: 5, b1: 4, b2: 5 },
      { a1: 2, a2: 1, b1: 4, b2: 4 },
    ];
    const h = htmt(rows, { attitude: ['a1', 'a2'], behaviour: ['b1', 'b2'] });
    expectRel(h.pairs[0]!.value!, 0.7309256195276166, 1e-12);
    // Two-item scales have no identified one-factor model: no AVE, Fornell-Larcker undecided.
    expect(h.fornellLarcker.scales.attitude!.averageVarianceExtracted).toBeNull();
    expect(h.fornellLarcker.scales.attitude!.satisfied).toBeNull();
  });

  it('flags pairs over 0.85 and 0.90 when two scales measure the same thing', () => {
    // Two "scales" drawn from the same three survey items: HTMT near 1.
    const h = htmt(survey, { first: ['sat1', 'sat2'], second: ['sat3', 'sat1'] });
    expect(h.pairs[0]!.value).toBeGreaterThan(0.9);
    expect(h.pairs[0]!.overConservativeThreshold).toBe(true);
    expect(h.pairs[0]!.overLiberalThreshold).toBe(true);
    expect(h.warnings[0]!.message).toContain('"first" and "second"');
  });

  it('a scale whose items do not correlate: HTMT undefined (null) with a warning', () => {
    // a1 centred = (-1.5, -0.5, 0.5, 1.5), a2 centred = (1, -1, -1, 1): dot product 0, r = 0.
    const rows = [
      { a1: 1, a2: 1, b1: 1, b2: 2 },
      { a1: 2, a2: -1, b1: 2, b2: 1 },
      { a1: 3, a2: -1, b1: 3, b2: 4 },
      { a1: 4, a2: 1, b1: 4, b2: 4 },
    ];
    const h = htmt(rows, { a: ['a1', 'a2'], b: ['b1', 'b2'] });
    expect(h.pairs[0]!.value).toBeNull();
    expect(h.matrix[0]![1]).toBeNull();
    expect(h.warnings[0]!.message).toContain('items of "a" do not correlate');
  });

  it('needs two scales of two items each', () => {
    expectError(() => htmt(survey, { satisfaction: scales.satisfaction }), InputError, 'INVALID_OPTION', ['at least 2 scales']);
    expectError(() => htmt(survey, { satisfaction: scales.satisfaction, nps: ['recommend'] }), InputError, 'INVALID_OPTION', [
      '"nps"',
      'recommend',
    ]);
    expectError(() => htmt(survey, scales, { method: 'htmt3' as 'htmt' }), InputError, 'INVALID_OPTION', ['method']);
  });
});
