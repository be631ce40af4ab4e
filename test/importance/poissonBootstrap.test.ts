// The Poisson bootstrap of importance (Hanley & MacGibbon 2006; Chamandy et al. 2012).
// References: the Poisson(1) law for the counts (mean 1, variance 1, P(0) = e^-1); the
// row-resampling bootstrap for the intervals (the two bootstraps estimate the same sampling
// distribution, so they agree within Monte Carlo error; tolerances derived below); and itself
// under another chunking, which must not change a single digit of the replicates.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { relativeImportance } from '../../src/importance/relativeImportance.js';
import { PoissonMoments, poissonCount, poissonPatternCount, poissonRowKey } from '../../src/importance/poissonBootstrap.js';
import { analyzeSource, readData, readModel } from '../../src/io/index.js';
import { withScaleScores } from '../../src/measurement/withScaleScores.js';
import { fixturePath } from '../helpers/fixtures.js';

const SURVEY = fixturePath('loyalty-survey.csv');
const MODEL = 'examples/data/model.json';
const DRIVERS = ['satisfaction', 'image', 'trust', 'engagement'];

describe('Poisson counts from the counter-based generator', () => {
  it('follow Poisson(1): mean, variance and P(0) within 5 standard errors over 400,000 draws', () => {
    let n = 0;
    let sum = 0;
    let squares = 0;
    let zeros = 0;
    for (let row = 0; row < 4000; row++) {
      const key = poissonRowKey(7, row);
      for (let b = 0; b < 100; b++) {
        const c = poissonCount(key, b);
        n++;
        sum += c;
        squares += c * c;
        if (c === 0) zeros++;
      }
    }
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    // SE of the mean: sqrt(1/n); of the variance: sqrt((mu4 - 1)/n) with mu4 = 4 for Poisson(1) (central moment 3 + 1).
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(3 / n));
    const p0 = Math.exp(-1);
    expect(Math.abs(zeros / n - p0)).toBeLessThan(5 * Math.sqrt((p0 * (1 - p0)) / n));
  });
  it('depend on the seed, the row and the replicate only', () => {
    expect(poissonCount(poissonRowKey(1, 12345), 17)).toBe(poissonCount(poissonRowKey(1, 12345), 17));
    const a = Array.from({ length: 64 }, (_, b) => poissonCount(poissonRowKey(1, 5), b));
    const b = Array.from({ length: 64 }, (_, r) => poissonCount(poissonRowKey(2, 5), r));
    expect(a).not.toEqual(b);
  });
});

describe('relativeImportance with bootstrap.method poisson', () => {
  it('agrees with the row-resampling bootstrap within Monte Carlo error on the example survey', async () => {
    const model = await readModel(MODEL);
    const { rows } = await readData(SURVEY, { model });
    const scored = withScaleScores(rows, Object.fromEntries(DRIVERS.map((d) => [d, model.scales[d]!])), {
      missingCodes: [-99],
    }) as typeof rows;
    const B = 1000;
    const options = { outcome: 'recommend', predictors: DRIVERS, weights: 'weight' };
    const rr = relativeImportance(scored, { ...options, bootstrap: { replicates: B, seed: 11 } }).bootstrap!;
    const po = relativeImportance(scored, { ...options, bootstrap: { replicates: B, seed: 11, method: 'poisson' } }).bootstrap!;
    expect(rr.method).toBe('row-resampling');
    expect(po.method).toBe('poisson');
    expect(po.replicates).toBe(B);
    // With B = 1000 a bootstrap SE has Monte Carlo relative error about 1/sqrt(2B) = 2.2%, so two
    // independent runs differ by about 3%: 12% is four of those. Percentile limits move by about
    // SE * sqrt(q(1-q))/phi(z_q)/sqrt(B) ~ 0.12 SE at q = 0.025: 0.5 SE is four of those.
    for (const d of DRIVERS) {
      const a = rr.intervals.lmg![d]!;
      const b = po.intervals.lmg![d]!;
      expect(b.estimate).toBe(a.estimate);
      expect(Math.abs(b.standardError / a.standardError - 1)).toBeLessThan(0.12);
      expect(Math.abs(b.confidenceInterval[0] - a.confidenceInterval[0])).toBeLessThan(0.5 * a.standardError);
      expect(Math.abs(b.confidenceInterval[1] - a.confidenceInterval[1])).toBeLessThan(0.5 * a.standardError);
    }
    expect(Math.abs(po.rSquared.standardError / rr.rSquared.standardError - 1)).toBeLessThan(0.12);
  });
});

describe('the Poisson bootstrap in analyzeSource', () => {
  it('is the same, digit for digit, in any chunking and as analyze on rows with method poisson', async () => {
    const model = await readModel(MODEL);
    const { rows } = await readData(SURVEY, { model });
    const bootstrap = { replicates: 200, seed: 3 };
    const rowsRun = analyze(rows, model, { bootstrap: { ...bootstrap, method: 'poisson' } });
    const a = await analyzeSource(SURVEY, model, { bootstrap, read: { chunkSize: 337 } });
    const b = await analyzeSource(SURVEY, model, { bootstrap, read: { chunkSize: 1000 } });
    expect(a.options.bootstrap).toEqual({ ...bootstrap, confidenceLevel: 0.95, method: 'poisson' });
    // Point estimates come from the merged moments (equal to rounding); everything the
    // replicates give (standard errors, limits, rank frequencies) is identical.
    const replicates = (x: typeof a) => {
      const boot = x.outcomes[0]!.importance!.bootstrap!;
      return JSON.parse(JSON.stringify(boot, (k, v) => (k === 'estimate' ? undefined : v)));
    };
    expect(replicates(a).method).toBe('poisson');
    expect(replicates(a)).toEqual(replicates(b));
    expect(replicates(a)).toEqual(replicates(rowsRun));
    const lmg = (x: typeof a) => x.outcomes[0]!.importance!.bootstrap!.intervals.lmg!;
    for (const d of DRIVERS) expect(Math.abs(lmg(a)[d]!.estimate / lmg(rowsRun)[d]!.estimate - 1)).toBeLessThan(1e-12);
  });
});

describe('Poisson(m) counts of a repeated pattern', () => {
  // The sum of m independent Poisson(1) counts is Poisson(m): mean m, variance m. Checked over
  // 20,000 replicates within 5 standard errors (of the mean: sqrt(m / N); of the variance:
  // sqrt((2 m^2 + m) / N), the variance of a Poisson sample variance), and P(0) = e^-m for m = 1.
  it('follow Poisson(m) for m = 1, 3, 40 and 2,500', () => {
    const N = 20_000;
    for (const m of [1, 3, 40, 2500]) {
      const draws = Float64Array.from({ length: N }, (_, b) => poissonPatternCount(11, 0x1234567 + m, m, b));
      const mean = draws.reduce((a, x) => a + x, 0) / N;
      const variance = draws.reduce((a, x) => a + (x - mean) ** 2, 0) / (N - 1);
      expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(m / N));
      expect(Math.abs(variance - m)).toBeLessThan(5 * Math.sqrt((2 * m * m + m) / N));
      if (m === 1) {
        const zero = draws.filter((x) => x === 0).length / N;
        expect(Math.abs(zero - Math.exp(-1))).toBeLessThan(5 * Math.sqrt((Math.exp(-1) * (1 - Math.exp(-1))) / N));
      }
    }
  });
  it('make the replicate weight totals Poisson too: mean sum w over replicates, patterns and cases past the cap alike', () => {
    // 6,000 weighted cases: 400 patterns repeated, 5,000 distinct (past the 4,096-pattern cap
    // some are counted case by case). A replicate's total weight has mean sum w and variance
    // sum w^2 (each case's count is Poisson(1)); checked over 2,000 replicates within 5 SE.
    const B = 2000;
    const cases: { x: number[]; w: number }[] = [];
    for (let i = 0; i < 6000; i++) {
      const r = i < 1000 ? i % 400 : i;
      cases.push({ x: [1 + (r % 7), 1 + ((r * 3) % 5), (r * 0.37) % 11], w: 0.5 + (r % 3) * 0.25 });
    }
    const m = new PoissonMoments(3, B, 7);
    cases.forEach((c, row) => m.add(c.x, c.w, row));
    const sw = cases.reduce((a, c) => a + c.w, 0);
    const sw2 = cases.reduce((a, c) => a + c.w * c.w, 0);
    const totals = Float64Array.from({ length: B }, (_, b) => m.weightTotal(b));
    const mean = totals.reduce((a, x) => a + x, 0) / B;
    expect(Math.abs(mean - sw)).toBeLessThan(5 * Math.sqrt(sw2 / B));
    expect(m.cases).toBe(6000);
  });
});
