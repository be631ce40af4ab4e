/**
 * cronbachAlpha: a worked example, intervals against psych (test/fixtures/r/measurement.json,
 * psych::alpha and psych::alpha.ci, 1e-9), summary-matrix input, and the seeded bootstrap.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { cronbachAlpha } from '../../src/measurement/index.js';
import { sufficientStatistics } from '../../src/summary/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const survey = loadCsv('loyalty-survey.csv');
const ours = loadJson('r/measurement.json');
const reference = loadJson('loyalty-survey.json');
const complete = survey.filter((r) => ['sat', 'img', 'tru', 'eng'].every((p) => [1, 2, 3].every((i) => r[`${p}${i}`] !== null)));

describe('cronbachAlpha', () => {
  it('worked example', () => {
    // Items q1 = 1..5, q2 = 2,2,4,4,4, q3 = 2,3,3,5,4: variances 2.5, 1.2, 1.3 (sum 5);
    // totals 5, 7, 10, 13, 13 have variance 51.2 / 4 = 12.8; alpha = 3/2 (1 - 5/12.8) = 0.9140625.
    const rows = [
      { q1: 1, q2: 2, q3: 2 },
      { q1: 2, q2: 2, q3: 3 },
      { q1: 3, q2: 4, q3: 3 },
      { q1: 4, q2: 4, q3: 5 },
      { q1: 5, q2: 4, q3: 4 },
    ];
    const a = cronbachAlpha(rows, ['q1', 'q2', 'q3']);
    expectRel(a.estimate, 0.9140625, 1e-14);
    // Without q1: variances 1.2 + 1.3, total (4,5,7,9,8) variance 4.3: 2 (1 - 2.5/4.3) = 0.8372093.
    expectRel(a.alphaIfDeleted.q1!, 2 * (1 - 2.5 / 4.3), 1e-14);
    expect(a.n).toBe(5);
    expect(a.method).toBe('cronbach-alpha');
  });

  it('Feldt and Duhachek intervals match psych on the satisfaction scale (1e-9)', () => {
    const ref = ours.survey.alpha.satisfaction;
    const feldt = cronbachAlpha(complete, ['sat1', 'sat2', 'sat3']);
    expectRel(feldt.confidenceInterval[0], ref.feldt_95[0], 1e-9);
    expectRel(feldt.confidenceInterval[1], ref.feldt_95[1], 1e-9);
    const duhachek = cronbachAlpha(complete, ['sat1', 'sat2', 'sat3'], { intervalMethod: 'duhachek' });
    expectRel(duhachek.confidenceInterval[0], ref.duhachek_95[0], 1e-9);
    expectRel(duhachek.confidenceInterval[1], ref.duhachek_95[1], 1e-9);
    const narrow = cronbachAlpha(complete, ['sat1', 'sat2', 'sat3'], { confidenceLevel: 0.5 });
    expect(narrow.confidenceInterval[1] - narrow.confidenceInterval[0]).toBeLessThan(
      feldt.confidenceInterval[1] - feldt.confidenceInterval[0],
    );
  });

  it('listwise on its own items only (more cases than the 12-item complete cases)', () => {
    const a = cronbachAlpha(survey, ['sat1', 'sat2', 'sat3']);
    expect(a.n).toBeGreaterThan(1596);
    expect(a.missing.rowsUsed + a.missing.rowsDropped).toBe(2000);
    expect(a.missing.byColumn.sat1).toBeGreaterThan(0);
  });

  it('summary input: a covariance summary reproduces rows; a correlation matrix gives standardized alpha', () => {
    const stats = sufficientStatistics(complete, { columns: ['tru1', 'tru2', 'tru3'] });
    const fromStats = cronbachAlpha(stats, ['tru1', 'tru2', 'tru3']);
    expectRel(fromStats.estimate, reference.reliability.trust.cronbach_alpha, 1e-9);
    expectRel(fromStats.itemMeans!.tru2!, reference.reliability.trust.item_means[1], 1e-9);
    const s = stats.sscp;
    const sd = [0, 1, 2].map((j) => Math.sqrt(s[j]![j]!));
    const correlation = s.map((row, i) => row.map((v, j) => v / (sd[i]! * sd[j]!)));
    const fromR = cronbachAlpha({ correlation, variables: ['tru1', 'tru2', 'tru3'], n: stats.n }, ['tru1', 'tru2', 'tru3']);
    expectRel(fromR.estimate, reference.reliability.trust.standardized_alpha, 1e-9);
    expect(fromR.itemMeans).toBeNull();
    expect(fromR.itemStandardDeviations).toBeNull();
    expect(fromR.source).toBe('correlation');
  });

  it('reverse-worded items: declared reversal matches psych keys; undeclared gives a warning', () => {
    const rows = loadCsv('measurement-likert5.csv');
    const def = { items: ['l1', 'l2', 'l3', 'l4', 'l5'], reverse: ['l4'], min: 1, max: 7 };
    const a = cronbachAlpha(rows, def);
    expectRel(a.estimate, ours.likert5.alpha_psych_keys.alpha, 1e-9);
    expect(a.reversed).toEqual(['l4']);
    const undeclared = cronbachAlpha(rows, ['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(undeclared.estimate).toBeLessThan(a.estimate);
    expect(undeclared.correctedItemTotal.l4!).toBeLessThan(0);
    expect(
      undeclared.warnings.some(
        (w) => w.code === 'NEGATIVE_ITEM_TOTAL_CORRELATION' && w.message.includes('"l4"') && w.message.includes('reverse'),
      ),
    ).toBe(true);
  });
});

describe('cronbachAlpha result fields (the vocabulary of docs/guides/conventions.md)', () => {
  it('has estimate, standardError, a confidenceInterval pair, confidenceLevel, intervalMethod, n, missing, method, warnings, bootstrap', () => {
    const a = cronbachAlpha(complete, ['sat1', 'sat2', 'sat3']);
    for (const key of [
      'estimate',
      'standardError',
      'confidenceInterval',
      'confidenceLevel',
      'intervalMethod',
      'n',
      'missing',
      'method',
      'warnings',
      'bootstrap',
    ]) {
      expect(a).toHaveProperty(key);
    }
    expect(a).not.toHaveProperty('alpha');
    expect(a).not.toHaveProperty('interval');
    expect(typeof a.estimate).toBe('number');
    expect(typeof a.standardError).toBe('number');
    expect(Array.isArray(a.confidenceInterval) && a.confidenceInterval.length === 2).toBe(true);
    expect(a.confidenceInterval[0]).toBeLessThan(a.estimate);
    expect(a.confidenceInterval[1]).toBeGreaterThan(a.estimate);
    expect(a.confidenceLevel).toBe(0.95);
    expect(a.intervalMethod).toBe('feldt');
    expect(a.method).toBe('cronbach-alpha');
    expect(a.n).toBe(a.missing.rowsUsed);
    expect(Object.keys(a.missing).sort()).toEqual(['byColumn', 'policy', 'rowsDropped', 'rowsIn', 'rowsUsed']);
    expect(a.warnings).toEqual([]);
    expect(a.bootstrap).toBeNull();
    expect(cronbachAlpha(complete, ['sat1', 'sat2', 'sat3'], { intervalMethod: 'duhachek' }).intervalMethod).toBe('duhachek');
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('warnings are { code, message }', () => {
    const rows = loadCsv('measurement-likert5.csv');
    const w = cronbachAlpha(rows, ['l1', 'l2', 'l3', 'l4', 'l5']).warnings;
    expect(w.length).toBeGreaterThan(0);
    for (const x of w) {
      expect(Object.keys(x).sort()).toEqual(['code', 'message']);
      expect(x.code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    }
  });
});

describe('cronbachAlpha bootstrap (seeded)', () => {
  const items = ['sat1', 'sat2', 'sat3'];
  const a = cronbachAlpha(complete, items, { bootstrap: { replicates: 2000, seed: 42 } });

  it('reproduces exactly with the same seed and changes with another', () => {
    const again = cronbachAlpha(complete, items, { bootstrap: { replicates: 2000, seed: 42 } });
    expect(again.confidenceInterval).toEqual(a.confidenceInterval);
    const other = cronbachAlpha(complete, items, { bootstrap: { replicates: 2000, seed: 43 } });
    expect(other.confidenceInterval).not.toEqual(a.confidenceInterval);
    expect(a.bootstrap).toEqual({
      method: 'row-resampling',
      replicates: 2000,
      seed: 42,
      confidenceLevel: 0.95,
      intervalMethod: 'percentile',
      redrawn: 0,
    });
    expect(a.intervalMethod).toBe('percentile');
    expect(a.confidenceLevel).toBe(0.95);
    const level90 = cronbachAlpha(complete, items, { bootstrap: { replicates: 2000, seed: 42, confidenceLevel: 0.9 } });
    expect(level90.confidenceLevel).toBe(0.9);
    expect(level90.bootstrap!.confidenceLevel).toBe(0.9);
    expect(level90.confidenceInterval[1] - level90.confidenceInterval[0]).toBeLessThan(a.confidenceInterval[1] - a.confidenceInterval[0]);
  });

  it('agrees with the asymptotic theory: SE within 15% of psych ase, interval within 0.005 of Duhachek', () => {
    // n = 1596: the bootstrap SE has a Monte Carlo error of about 1/sqrt(2 x 2000) = 1.6%,
    // so 15% leaves room only for genuine disagreement (e.g. a biased resampler).
    const ase = ours.survey.alpha.satisfaction.standard_error;
    expect(Math.abs(a.standardError / ase - 1)).toBeLessThan(0.15);
    const [lo, hi] = ours.survey.alpha.satisfaction.duhachek_95;
    expect(Math.abs(a.confidenceInterval[0] - lo)).toBeLessThan(0.005);
    expect(Math.abs(a.confidenceInterval[1] - hi)).toBeLessThan(0.005);
    expect(a.confidenceInterval[0]).toBeLessThan(a.estimate);
    expect(a.confidenceInterval[1]).toBeGreaterThan(a.estimate);
  });

  it('rejects bad bootstrap options and bootstrap on a summary', () => {
    expectError(() => cronbachAlpha(complete, items, { bootstrap: { replicates: 10, seed: 1 } }), InputError, 'INVALID_OPTION', [
      'options.bootstrap.replicates',
    ]);
    expectError(() => cronbachAlpha(complete, items, { bootstrap: { replicates: 100, seed: 1.5 } }), InputError, 'INVALID_OPTION', [
      'options.bootstrap.seed',
    ]);
    expectError(() => cronbachAlpha(complete, items, { bootstrap: { replicates: 100 } as never }), InputError, 'INVALID_OPTION', [
      'options.bootstrap.seed',
      'required',
    ]);
    expectError(
      () => cronbachAlpha(complete, items, { bootstrap: { replicates: 100, seed: 1, sed: 2 } as never }),
      InputError,
      'INVALID_OPTION',
      ['options.bootstrap.sed', '"seed"'],
    );
    expectError(() => cronbachAlpha(complete, items, { intervalMethod: 'wald' as 'feldt' }), InputError, 'INVALID_OPTION', [
      'intervalMethod',
    ]);
    const stats = sufficientStatistics(complete, { columns: items });
    expectError(() => cronbachAlpha(stats, items, { bootstrap: { replicates: 100, seed: 1 } }), InputError, 'INVALID_OPTION', [
      'bootstrap',
      'rows',
    ]);
  });
});
