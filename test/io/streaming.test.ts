// Streamed sufficient statistics equal those of the whole file held in memory (to 1e-12
// relative), whatever the chunk size; driver scores streamed from the items equal scaleScores;
// a generated 100,000-row file, streamed in 32 chunks, reduces to the exact two-pass statistics of
// its values (the same run at 2,000,000 rows is a benchmark: bench/streaming.bench.ts).
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError } from '../../src/errors.js';
import { parseData, readCsv, streamSufficientStatistics } from '../../src/io/index.js';
import type { ReadProgress } from '../../src/io/index.js';
import { relativeImportance } from '../../src/importance/relativeImportance.js';
import { withScaleScores } from '../../src/measurement/withScaleScores.js';
import { ols } from '../../src/regression/ols.js';
import { parseModel } from '../../src/model/index.js';
import { sufficientStatistics, type SufficientStatistics } from '../../src/summary/sufficientStatistics.js';
import type { Row } from '../../src/types.js';
import { expectRel, fixturePath, loadJson, testTmpDir } from '../helpers/fixtures.js';
import { largeStreamReference, writeLargeStreamFile } from '../helpers/largeStream.js';

const SURVEY = fixturePath('loyalty-survey.csv');
const DRIVERS = ['satisfaction', 'image', 'trust', 'engagement'];
const SCALES = {
  satisfaction: { items: ['sat1', 'sat2', 'sat3'], min: 1, max: 7 },
  image: { items: ['img1', 'img2', 'img3'], min: 1, max: 7 },
  trust: { items: ['tru1', 'tru2', 'tru3'], min: 1, max: 7 },
  engagement: { items: ['eng1', 'eng2', 'eng3'], min: 1, max: 7 },
};
const dir = mkdtempSync(join(testTmpDir(), 'loyalty-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Largest relative difference of `a` from the reference `b` over n, weightSum, means and SSCP.
 * Each entry is compared relative to its natural scale, so an entry that is exactly 0 in the
 * reference (an uncorrelated pair) is not divided by 0: a mean relative to max(|mean|, its
 * standard deviation), an SSCP entry relative to max(|S_jl|, sqrt(S_jj S_ll)) (an error of
 * 1e-12 there is 1e-12 in the correlation).
 */
function maxRelativeDifference(a: SufficientStatistics, b: SufficientStatistics): number {
  const rel = (x: number, y: number, scale: number): number => (x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(y), scale));
  let worst = Math.max(rel(a.n, b.n, 1), rel(a.weightSum, b.weightSum, 0));
  a.means.forEach((m, j) => (worst = Math.max(worst, rel(m, b.means[j]!, Math.sqrt(b.sscp[j]![j]! / b.weightSum)))));
  a.sscp.forEach((row, j) =>
    row.forEach((v, l) => (worst = Math.max(worst, rel(v, b.sscp[j]![l]!, Math.sqrt(b.sscp[j]![j]! * b.sscp[l]![l]!))))),
  );
  return worst;
}

const survey = await readCsv(SURVEY);

describe('chunked = whole file in memory', () => {
  const columns = ['sat1', 'img2', 'tru3', 'eng1', 'recommend', 'spend_12m'];
  for (const chunkSize of [1, 7, 100, 65_536]) {
    it(`raw columns, unweighted and weighted, chunks of ${chunkSize}`, async () => {
      for (const weights of [undefined, 'weight']) {
        const whole = sufficientStatistics(survey.rows, { columns, weights });
        const streamed = await streamSufficientStatistics(SURVEY, { variables: columns, weights, chunkSize });
        expect(maxRelativeDifference(streamed, whole)).toBeLessThanOrEqual(1e-12);
        expect(streamed.missing).toEqual(whole.missing);
        expect(streamed.variables).toEqual(columns);
        expect(streamed.weighted).toBe(weights !== undefined);
      }
    });
  }

  it('driver scores streamed from the items equal scaleScores, listwise on every item', async () => {
    const variables = [...DRIVERS, 'recommend'];
    const scored = withScaleScores(survey.rows, SCALES);
    const whole = sufficientStatistics(scored, { columns: variables, weights: 'weight' });
    const streamed = await streamSufficientStatistics(SURVEY, { variables, scales: SCALES, weights: 'weight', chunkSize: 333 });
    expect(maxRelativeDifference(streamed, whole)).toBeLessThanOrEqual(1e-12);
    expect(streamed.missing).toEqual(whole.missing);
    // 1,596 complete cases on the 12 items: the reference file's n_complete (R).
    expect(streamed.n).toBe(1596);
  });

  it('reverse items, partial answers, sums and 0-100 rescaling follow scaleScores', async () => {
    const scales = { trust: { items: ['tru1', 'tru2', 'tru3'], reverse: ['tru2'], min: 1, max: 7 }, image: SCALES.image };
    for (const scoring of [
      { minimumAnswered: 2 },
      { statistic: 'sum' as const, minimumAnswered: { trust: 1 } },
      { rescale: '0-100' as const },
    ]) {
      const scored = withScaleScores(survey.rows, scales, scoring);
      const whole = sufficientStatistics(scored, { columns: ['trust', 'image', 'csat'] });
      const streamed = await streamSufficientStatistics(SURVEY, { variables: ['trust', 'image', 'csat'], scales, scoring, chunkSize: 500 });
      expect(maxRelativeDifference(streamed, whole)).toBeLessThanOrEqual(1e-12);
      expect(streamed.missing).toEqual(whole.missing);
    }
  });

  it('a derive function adds variables computed from each row (the per-respondent loyalty index)', async () => {
    const cli = (r: Row): number | null => {
      const v = [r['recommend'], r['repurchase_intent'], r['upsell_intent']];
      return v.every((x) => typeof x === 'number') ? ((v as number[]).reduce((a, b) => a + b, 0) / 3) * 10 : null;
    };
    const derived = survey.rows.map((r) => ({ ...r, cli: cli(r) }));
    const whole = sufficientStatistics(derived, { columns: ['cli', 'sat1'] });
    const streamed = await streamSufficientStatistics(SURVEY, {
      variables: ['cli', 'sat1'],
      derive: (r) => ({ cli: cli(r) }),
      chunkSize: 256,
    });
    expect(maxRelativeDifference(streamed, whole)).toBeLessThanOrEqual(1e-12);
  });

  it('the model supplies scales, missing codes and the default variables (drivers, then continuous outcomes)', async () => {
    const model = parseModel(readFileSync('examples/data/model.json', 'utf8'));
    const streamed = await streamSufficientStatistics('examples/data/loyalty-survey.csv', { model });
    expect(streamed.variables).toEqual([...DRIVERS, 'recommend']);
    const whole = sufficientStatistics(withScaleScores(survey.rows, SCALES), { columns: [...DRIVERS, 'recommend'] });
    expect(maxRelativeDifference(streamed, whole)).toBeLessThanOrEqual(1e-12);
  });

  it('NDJSON streams to the same statistics as CSV', async () => {
    const file = join(dir, 'survey.ndjson');
    const out = createWriteStream(file);
    for (const r of survey.rows) out.write(`${JSON.stringify(r)}\n`);
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const variables = [...DRIVERS, 'recommend'];
    const fromCsv = await streamSufficientStatistics(SURVEY, { variables, scales: SCALES, weights: 'weight' });
    const fromJson = await streamSufficientStatistics(file, { variables, scales: SCALES, weights: 'weight', chunkSize: 999 });
    expect(maxRelativeDifference(fromJson, fromCsv)).toBeLessThanOrEqual(1e-12);
    expect(fromJson.missing).toEqual(fromCsv.missing);
  });

  it('missing codes are missing; a chunk whose weights are all zero adds cases but no weight', async () => {
    const text = 'x,y,w\n1,2,0\n2,3,0\n-99,4,1\n3,5,1\n4,7,2\n5,5,1\n';
    const rows = parseData(text, { missingCodes: [-99] }).rows;
    const whole = sufficientStatistics(rows, { columns: ['x', 'y'], weights: 'w', missingCodes: [-99] });
    const streamed = await streamSufficientStatistics([text], { variables: ['x', 'y'], weights: 'w', missingCodes: [-99], chunkSize: 2 });
    expect(maxRelativeDifference(streamed, whole)).toBeLessThanOrEqual(1e-12);
    expect(streamed.missing).toEqual({ policy: 'omit', rowsIn: 6, rowsUsed: 5, rowsDropped: 1, byColumn: { x: 1 } });
    // Hand check: weights 0,0,1,2,1 on x = 1,2,3,4,5: weighted mean (3 + 8 + 5) / 4 = 4.
    expect(streamed.means[0]).toBeCloseTo(4, 14);
    expect(streamed.weightSum).toBe(4);
    expect(streamed.n).toBe(3); // the two zero-weight cases are complete but do not count towards n
  });
});

describe('regression and importance run on the streamed statistics', () => {
  it('recommend ~ satisfaction + image + trust + engagement: coefficients, R2 and lmg as from the rows', async () => {
    const variables = [...DRIVERS, 'recommend'];
    const stats = await streamSufficientStatistics(SURVEY, { variables, scales: SCALES, chunkSize: 250 });
    const rows = withScaleScores(survey.rows, SCALES);
    const options = { outcome: 'recommend', predictors: DRIVERS };
    const fromRows = ols(rows, options);
    const fromStream = ols(stats, options);
    fromRows.coefficients.forEach((c, i) => {
      expect(Math.abs(fromStream.coefficients[i]!.estimate - c.estimate) / Math.abs(c.estimate)).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(fromStream.coefficients[i]!.standardError - c.standardError) / c.standardError).toBeLessThanOrEqual(1e-10);
    });
    expect(Math.abs(fromStream.rSquared - fromRows.rSquared)).toBeLessThanOrEqual(1e-12);
    const lmgRows = relativeImportance(rows, options).importance.lmg!;
    const lmgStream = relativeImportance(stats, options).importance.lmg!;
    for (const d of DRIVERS) expect(Math.abs(lmgStream[d]! - lmgRows[d]!) / lmgRows[d]!).toBeLessThanOrEqual(1e-10);
  });
});

describe('against R', () => {
  it('lm(recommend ~ satisfaction + image + trust + engagement) from the streamed file equals R to 1e-9', async () => {
    // Reference: test/fixtures/loyalty-survey.json "ols" (R lm on the complete cases of the 12
    // items, driver score = mean of its 3 items; see the file's note).
    const reference = loadJson<{
      ols: { coefficients: Record<string, number>; std_errors: Record<string, number>; r_squared: number; n: number };
    }>('loyalty-survey.json').ols;
    const model = parseModel(readFileSync('examples/data/model.json', 'utf8'));
    const stats = await streamSufficientStatistics('examples/data/loyalty-survey.csv', {
      model,
      variables: [...DRIVERS, 'recommend'],
      chunkSize: 128,
    });
    const fit = ols(stats, { outcome: 'recommend', predictors: DRIVERS });
    expect(stats.n).toBe(reference.n);
    for (const c of fit.coefficients) {
      expectRel(c.estimate, reference.coefficients[c.term]!, 1e-9, c.term);
      expectRel(c.standardError, reference.std_errors[c.term]!, 1e-9, c.term);
    }
    expectRel(fit.rSquared, reference.r_squared, 1e-9, 'R2');
  });
});

describe('progress', () => {
  it('reports rows as chunks complete and ends with done, fraction 1', async () => {
    const calls: ReadProgress[] = [];
    await streamSufficientStatistics(SURVEY, { variables: ['recommend'], chunkSize: 512, onProgress: (p) => calls.push(p) });
    expect(calls.at(-1)).toMatchObject({ rows: 2000, done: true, fraction: 1 });
    expect(calls.slice(0, -1).every((c) => !c.done && c.rows > 0 && c.fraction! < 1 + 1e-12)).toBe(true);
    const rows = calls.map((c) => c.rows);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows); // never goes back
  });
});

describe('errors name the file, line and column', () => {
  const text = 'id,x,y\n"a",1,2\n"b",,3\n"c",9,x\n';
  it('a missing value with missing: "fail"', async () => {
    await expect(streamSufficientStatistics([text], { file: 's.csv', variables: ['x', 'y'], missing: 'fail' })).rejects.toMatchObject({
      code: 'MISSING_VALUE',
      message: expect.stringContaining('s.csv, line 3, column 2 ("x"): missing value and options.missing is "fail"'),
    });
  });

  it('text in a variable', async () => {
    await expect(streamSufficientStatistics([text], { file: 's.csv', variables: ['x', 'y'] })).rejects.toMatchObject({
      code: 'NOT_NUMERIC',
      message: expect.stringContaining('s.csv, line 4, column 3 ("y"): expected a number'),
      location: { row: 2, column: 'y' },
    });
  });

  it('an item outside its scale', async () => {
    await expect(
      streamSufficientStatistics([text], { file: 's.csv', variables: ['s'], scales: { s: { items: ['x'], min: 1, max: 7 } } }),
    ).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
      message: expect.stringContaining('s.csv, line 4, column 2 ("x"): expected a number from 1 to 7, got 9'),
    });
  });

  it('unknown variables, items and weights', async () => {
    await expect(streamSufficientStatistics([text], { file: 's.csv', variables: ['z'] })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
      message: expect.stringContaining('s.csv, line 1, column "z": "z" is neither a column of the file'),
    });
    await expect(streamSufficientStatistics([text], { variables: ['s'], scales: { s: ['x', 'q'] } })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
      message: expect.stringContaining('no column "q" (an item of scale "s")'),
    });
    await expect(streamSufficientStatistics([text], { variables: ['x'], weights: 'w' })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
    await expect(streamSufficientStatistics([text], { variables: ['x', 'q'], derive: () => ({ r: 1 }) })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
      message: expect.stringContaining('"q" is not a column of input, not a scale, and not returned by options.derive (it returned r)'),
    });
  });

  it('no rows, no complete case, bad options', async () => {
    await expect(streamSufficientStatistics(['x,y\n'], { variables: ['x'] })).rejects.toBeInstanceOf(InputError);
    await expect(streamSufficientStatistics(['x,y\n,1\n'], { variables: ['x'] })).rejects.toBeInstanceOf(InsufficientDataError);
    await expect(streamSufficientStatistics(['x\n1\n'], { variables: [] })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(streamSufficientStatistics(['x\n1\n'], { variables: ['x', 'x'] })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(streamSufficientStatistics(['[]'], { variables: ['x'], format: 'json' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(streamSufficientStatistics(['x,w\n1,0\n2,0\n'], { variables: ['x'], weights: 'w' })).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
    });
  });
});

describe('a generated 100,000-row file (the 2,000,000-row run is in bench/streaming.bench.ts)', () => {
  it('reduces to the two-pass statistics of its values, across many row chunks and read buffers', async () => {
    // Seeded data (test/helpers/largeStream.ts): y near 1e6, two correlated predictors, sampling
    // weights, a missing x2 in every 997th row. Chunks of 3,217 rows: 31 full chunks and a partial
    // one are merged (the 2,000,000-row run at the default 65,536: 30 and a partial one); the
    // 3.3 MB file is read in 64 KiB buffers, so rows straddle about 50 buffer boundaries.
    const n = 100_000;
    const file = join(dir, 'large.csv');
    const data = await writeLargeStreamFile(file, n);
    const stats = await streamSufficientStatistics(file, { variables: ['x1', 'x2', 'y'], weights: 'w', chunkSize: 3_217 });
    const reference = largeStreamReference(data);
    expect(reference.dropped).toBe(Math.ceil(n / 997));
    expect(stats.n).toBe(n - Math.ceil(n / 997));
    expect(stats.missing).toEqual({
      policy: 'omit',
      rowsIn: n,
      rowsUsed: stats.n,
      rowsDropped: Math.ceil(n / 997),
      byColumn: { x2: Math.ceil(n / 997) },
    });
    expect(Math.abs(stats.weightSum - reference.weightSum) / reference.weightSum).toBeLessThanOrEqual(1e-12);
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(stats.means[j]! - reference.means[j]!) / Math.abs(reference.means[j]!)).toBeLessThanOrEqual(1e-12);
      for (let l = 0; l < 3; l++) {
        const s = reference.sscp[j]![l]!;
        expect(Math.abs(stats.sscp[j]![l]! - s) / Math.abs(s)).toBeLessThanOrEqual(1e-12);
      }
    }
  });
});
