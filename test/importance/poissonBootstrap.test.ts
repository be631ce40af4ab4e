// The Poisson bootstrap of importance (Hanley & MacGibbon 2006; Chamandy et al. 2012).
// References: the Poisson(1) law for the counts (mean 1, variance 1, P(0) = e^-1); the
// row-resampling bootstrap for the intervals (the two bootstraps estimate the same sampling
// distribution, so they agree within Monte Carlo error; tolerances derived below); and itself
// under another chunking, which must not change a single digit of the replicates.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { relativeImportance } from '../../src/importance/relativeImportance.js';
import { PoissonMoments, poissonCount, poissonRowKey } from '../../src/importance/poissonBootstrap.js';
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

describe('PoissonMoments', () => {
  it('equals the case-by-case sums (sum over cases of count x products), with repeated patterns and past the pattern cap', () => {
    // 6,000 cases: 400 repeated patterns (counts kept per pattern) and 5,000 distinct ones
    // (past the 4,096-pattern cap some are added directly), weighted; the reference sums
    // count(row, b) w (x - shift)(x - shift)' case by case, in plain loops. Both end in
    // P - S S' / W, which cancels about two digits here (the shift is one case, not the mean),
    // so the sums' different order shows at 1e-12: compared to 1e-10 relative.
    const k = 3;
    const B = 40;
    const cases: { x: number[]; w: number }[] = [];
    for (let i = 0; i < 6000; i++) {
      const r = i < 1000 ? i % 400 : i;
      cases.push({ x: [1 + (r % 7), 1 + ((r * 3) % 5), (r * 0.37) % 11], w: 0.5 + (r % 3) * 0.25 });
    }
    const m = new PoissonMoments(k, B, 7);
    cases.forEach((c, row) => m.add(c.x, c.w, row));
    const shift = cases[0]!.x;
    for (const b of [0, 17, 39]) {
      let W = 0;
      const S = [0, 0, 0];
      const P = [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ];
      cases.forEach((c, row) => {
        const n = poissonCount(poissonRowKey(7, row), b) * c.w;
        W += n;
        for (let j = 0; j < k; j++) {
          S[j]! += n * (c.x[j]! - shift[j]!);
          for (let l = 0; l < k; l++) P[j]![l]! += n * (c.x[j]! - shift[j]!) * (c.x[l]! - shift[l]!);
        }
      });
      const got = m.sscp(b);
      for (let j = 0; j < k; j++) {
        for (let l = 0; l < k; l++) {
          const want = P[j]![l]! - (S[j]! * S[l]!) / W;
          expect(Math.abs(got[j]![l]! - want)).toBeLessThanOrEqual(1e-10 * Math.abs(want));
        }
      }
    }
    expect(m.cases).toBe(6000);
  });
});
