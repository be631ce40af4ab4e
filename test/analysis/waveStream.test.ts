// The streaming wave comparison (src/analysis/stream/waveAccumulator.ts) equals compareWaves on
// the rows, through analyze: the reference is analyze over rows (compareWaves is checked against
// R's prop.test, t.test and survey::svymean in test/monitoring). Small chunks (173 rows) so that
// every wave's sums merge across many chunks.
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/analysis/analyze.js';
import { analyzeChunks } from '../../src/analysis/stream/analyzeChunks.js';
import { WaveAccumulator, waveSeed } from '../../src/analysis/stream/waveAccumulator.js';
import { relativeImportance } from '../../src/importance/relativeImportance.js';
import { scaleScores } from '../../src/measurement/scaleScores.js';
import { IndexAccumulator } from '../../src/analysis/stream/indexAccumulator.js';
import { columnChunksFromRows } from '../../src/io/columnChunks.js';
import { readData } from '../../src/io/index.js';
import { validateModel } from '../../src/model/validateModel.js';
import { compareWaves } from '../../src/monitoring/compareWaves.js';
import type { Row } from '../../src/types.js';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/fixtures.js';

const SURVEY = fixturePath('loyalty-survey.csv');
const MODEL = JSON.parse(readFileSync('examples/data/model.json', 'utf8')) as Record<string, unknown>;

/**
 * Every number of `a` and `b` equal to `rel` relative (or both tiny), everything else equal. A
 * difference of two means (a test's estimate, its interval, and its t = estimate / SE) carries the
 * rounding of the means, so it is compared relative to the larger mean (the t relative to that
 * mean over the SE): two means of 4 that agree to 1e-16 give differences of 6e-5 that agree to
 * 1e-16 of 4, not of 6e-5.
 */
function differences(a: unknown, b: unknown, rel: number, path = '$', out: string[] = [], floor = 0): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(Math.abs(a), Math.abs(b), floor);
    if (a !== b && !(Math.abs(a - b) <= rel * scale) && !(Math.abs(a) < 1e-13 && Math.abs(b) < 1e-13)) out.push(`${path}: ${a} vs ${b}`);
    return out;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b) out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    return out;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const means = [x['a'], x['b']].map((side) => (side as { mean?: unknown } | undefined)?.mean);
  const meanScale = means.every((m) => typeof m === 'number') ? Math.max(...(means as number[]).map(Math.abs)) : 0;
  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const f =
      meanScale === 0
        ? floor
        : k === 'estimate' || k === 'confidenceInterval'
          ? meanScale
          : k === 'statistic' && typeof x['standardError'] === 'number'
            ? meanScale / (x['standardError'] as number)
            : 0;
    differences(x[k], y[k], rel, `${path}.${k}`, out, f);
  }
  return out;
}

const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

async function both(rows: readonly Row[], file: Record<string, unknown>): Promise<[Analysis, Analysis]> {
  const model = validateModel(file);
  const expected = analyze(rows, model);
  const actual = await analyzeChunks(
    async function* (request) {
      yield* columnChunksFromRows(rows, request, 173);
    },
    model,
    {},
    { perRow: true },
  );
  return [json(actual) as Analysis, json(expected) as Analysis];
}

const { rows: SURVEY_ROWS } = await readData(SURVEY, { model: validateModel(MODEL) });

describe('the streaming wave comparison', () => {
  it('weighted, with missing waves, weights and answers, a zero weight and three text waves: equal to compareWaves', async () => {
    const labels = ['before', 'after', 'during'];
    const rows = SURVEY_ROWS.map((r, i) => ({
      ...r,
      wave: i % 53 === 0 ? null : labels[i % 3],
      weight: i % 41 === 0 ? null : i % 97 === 0 ? 0 : r['weight'],
      csat: i % 29 === 0 ? -99 : r['csat'],
      retained: i % 31 === 0 ? null : r['retained'],
      recommend: i % 37 === 0 ? null : r['recommend'],
      sat2: i % 43 === 0 ? null : r['sat2'],
    }));
    const file = { ...MODEL };
    delete file['id']; // no panel: the whole comparison streams
    const [actual, expected] = await both(rows, file);
    const w = actual.waves!;
    expect(w.waves.map((x) => x.wave)).toEqual(['after', 'before', 'during']);
    expect(w.missing.byColumn).toEqual(expected.waves!.missing.byColumn);
    expect(w.missing.rowsDropped).toBeGreaterThan(50);
    expect(w.comparisons).toHaveLength(2);
    expect(w.waves[0]!.importance!.n).toBeGreaterThan(400);
    expect(differences(actual.waves, expected.waves, 1e-12)).toEqual([]);
    expect(actual.skipped).toEqual(expected.skipped);
  });
  it('unweighted, numeric waves, a panel: the transitions from the kept columns', async () => {
    const file = { ...MODEL };
    delete file['weight'];
    // Each respondent answers both waves (ids P0 to P999).
    const rows = SURVEY_ROWS.map((r, i) => ({ ...r, wave: (i % 2) + 1, respondent_id: `P${Math.floor(i / 2)}` }));
    const [actual, expected] = await both(rows, file);
    expect(actual.waves!.comparisons[0]!.transitions!.n).toBeGreaterThan(900);
    expect(actual.waves!.weighted).toBe(false);
    expect(actual.waves!.comparisons[0]!.drivers!['trust']!.method).toBe('welch-t');
    expect(actual.waves!.comparisons[0]!.transitions).not.toBeNull();
    expect(differences(actual.waves, expected.waves, 1e-12)).toEqual([]);
  });
  it("a model whose CLI is 'net' (the waves take the default 'mean'): the waves count their own indices, equal", async () => {
    const file = { ...MODEL, loyaltyIndex: { ...(MODEL['loyaltyIndex'] as object), method: 'net' } };
    const [actual, expected] = await both(SURVEY_ROWS, file);
    expect(actual.indices.customerLoyaltyIndex!.convention).toBe('net');
    expect(actual.waves!.waves[0]!.customerLoyaltyIndex!.intervalMethod).toBe('wald');
    expect(differences(actual.waves, expected.waves, 1e-12)).toEqual([]);
    expect(differences(actual.indices, expected.indices, 1e-12)).toEqual([]);
  });
  it('a wave column declared numeric (read as numbers, not categories): equal', async () => {
    const file = { ...MODEL, columns: { ...(MODEL['columns'] as object), wave: 'number' } };
    const rows = SURVEY_ROWS.map((r, i) => ({ ...r, wave: i % 61 === 0 ? null : i % 3 === 0 ? 2.5 : r['wave'] }));
    const [actual, expected] = await both(rows, file);
    expect(actual.waves!.waves.map((w) => w.wave)).toEqual([1, 2, 2.5]);
    expect(differences(actual.waves, expected.waves, 1e-12)).toEqual([]);
  });
  it('more distinct waves than the cap (an id as the wave column): the section skipped as TOO_MANY_WAVES, in bounded memory', async () => {
    const file: Record<string, unknown> = { ...MODEL, wave: 'respondent_id' };
    delete file['id'];
    const model = validateModel(file);
    const run = (waveCap: number) =>
      analyzeChunks(
        async function* (request) {
          yield* columnChunksFromRows(SURVEY_ROWS, request, 173);
        },
        model,
        {},
        { waveCap },
      );
    const capped = await run(50);
    expect(capped.waves).toBeUndefined();
    expect(capped.skipped.map((x) => [x.section, x.code])).toEqual([['waves', 'TOO_MANY_WAVES']]);
    expect(capped.skipped[0]!.message).toMatch(/"respondent_id" has more than 50 distinct values/);
    // Under the cap the comparison runs (and fails as on rows: one respondent per wave).
    const [, rows] = await both(SURVEY_ROWS, file);
    expect((await run(5000)).skipped.filter((x) => x.section === 'waves')).toEqual(rows.skipped.filter((x) => x.section === 'waves'));
  });
  it('one wave: the TOO_FEW_WAVES warning of the rows, no section', async () => {
    const rows = SURVEY_ROWS.map((r) => ({ ...r, wave: 1 }));
    const [actual, expected] = await both(rows, MODEL);
    expect(actual.waves).toBeUndefined();
    expect(expected.waves).toBeUndefined();
    expect(actual.warnings.filter((x) => x.code === 'TOO_FEW_WAVES')).toEqual(expected.warnings.filter((x) => x.code === 'TOO_FEW_WAVES'));
    expect(actual.warnings.some((x) => x.code === 'TOO_FEW_WAVES')).toBe(true);
  });
  it('a model that scores otherwise than compareWaves (at least 2 of 3 items) keeps the rows path, equal', async () => {
    const rows = SURVEY_ROWS.map((r, i) => ({ ...r, img1: i % 11 === 0 ? null : r['img1'] }));
    const file = { ...MODEL, scoring: { minimumAnswered: 2 } };
    const [actual, expected] = await both(rows, file);
    expect(actual.waves).toBeDefined();
    expect(differences(actual.waves, expected.waves, 1e-12)).toEqual([]);
  });
  it('a negative weight: analyze on rows and on chunks reject it alike (code, column, row)', async () => {
    const rows = SURVEY_ROWS.map((r, i) => (i === 500 ? { ...r, weight: -2 } : r));
    const model = validateModel(MODEL);
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as { code: string; location: { column?: string; row?: number } };
      }
      throw new Error('no error');
    };
    const expected = error(() => analyze(rows, model));
    let actual: { code: string; location: { column?: string; row?: number } } | undefined;
    await analyzeChunks(async function* (request) {
      yield* columnChunksFromRows(rows, request, 173);
    }, model).catch((e) => {
      actual = e;
    });
    expect([actual?.code, actual?.location.row]).toEqual([expected.code, expected.location.row]);
    expect(expected.location.row).toBe(500);
  });
});

describe('the streaming wave comparison with a bootstrap (Poisson, per wave)', () => {
  it("each wave's intervals are relativeImportance's Poisson bootstrap of that wave's rows; the differences pair replicates", async () => {
    const model = validateModel(MODEL);
    const bootstrap = { replicates: 200, seed: 11 };
    const run = (size: number) =>
      analyzeChunks(
        async function* (request) {
          yield* columnChunksFromRows(SURVEY_ROWS, request, size);
        },
        model,
        { bootstrap },
      );
    const actual = await run(173);
    const w = actual.waves!;
    expect(w.bootstrap).toMatchObject({ method: 'poisson', replicates: 200, seed: 11, intervalMethod: 'percentile' });
    // The point estimates are the rows' (compareWaves without a bootstrap).
    const [, plain] = await both(SURVEY_ROWS, MODEL);
    for (const [j, wave] of w.waves.entries()) {
      const { intervals, ...point } = wave.importance!;
      expect(differences(json(point), json({ ...plain.waves!.waves[j]!.importance, intervals: undefined }), 1e-12)).toEqual([]);
      // Reference: the Poisson bootstrap of relativeImportance on the wave's own rows, seeded
      // as the wave is (the counts of a case pattern depend on the seed, the pattern and how
      // often it occurs, not on where its rows are: so the same replicates).
      const members = SURVEY_ROWS.filter((r) => r['wave'] === wave.wave && r['weight'] !== null);
      const scored = scaleScores(members, Object.fromEntries(model.drivers.map((d) => [d, model.scales[d]!])), {
        missingCodes: model.missingCodes,
      });
      const rows = members.map((r, i) => ({ ...r, ...Object.fromEntries(model.drivers.map((d) => [d, scored.scores[d]![i]])) }));
      const reference = relativeImportance(rows, {
        outcome: 'recommend',
        predictors: model.drivers,
        weights: 'weight',
        missingCodes: model.missingCodes,
        metrics: ['lmg'],
        bootstrap: { method: 'poisson', replicates: 200, seed: waveSeed(11, wave.wave) },
      });
      expect(differences(json(intervals), json(reference.bootstrap!.intervals['lmg']), 1e-12)).toEqual([]);
    }
    // Independent waves: the SE of a difference is about sqrt(SE_a^2 + SE_b^2).
    const c = w.comparisons[0]!.importance!;
    for (const d of model.drivers) {
      const [a, b] = w.waves.map((x) => x.importance!.intervals![d]!.standardError);
      expect(c.drivers[d]!.standardError / Math.hypot(a!, b!)).toBeGreaterThan(0.8);
      expect(c.drivers[d]!.standardError / Math.hypot(a!, b!)).toBeLessThan(1.25);
    }
    // The same replicates whatever the chunking (the point estimates to rounding).
    expect(differences(json((await run(1000)).waves), json(w), 1e-12)).toEqual([]);
  });
});

describe('WaveAccumulator', () => {
  it("shares the index section's reading only when it scores as compareWaves does", () => {
    const wave = { wave: 'w', nps: { column: 'r' }, weights: 'wt', drivers: [], confidenceLevel: 0.95 };
    const indices = (promoterMin: number) =>
      new IndexAccumulator({ recommend: { column: 'r', promoterMin }, weights: 'wt', confidenceLevel: 0.95 });
    expect(new WaveAccumulator(wave).share(indices(9))).toBe(true);
    expect(new WaveAccumulator(wave).share(indices(8))).toBe(false);
    expect(new WaveAccumulator({ ...wave, weights: undefined }).share(indices(9))).toBe(false);
  });
  it('driver means of 1e8 with an SD of 1 lose no digits (centred sums merged across chunks): equal to compareMeans on rows', () => {
    // Two waves of a score d = 1e8 + u, u from a fixed sequence with SD about 1.
    const n = 3000;
    const rows: Row[] = [];
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < n; i++) rows.push({ wave: i % 2 === 0 ? 1 : 2, d: 1e8 + 3.4 * (next() - 0.5) + (i % 2) * 0.05, w: 0.5 + next() });
    // The reference: compareWaves on the values less 1e8 (exact: Sterbenz), where no digit is at
    // risk; the SEs, SDs, differences and tests do not move with the shift.
    const expected = compareWaves(
      rows.map((r) => ({ wave: r['wave'], d1: (r['d'] as number) - 1e8, w: r['w'] })),
      { wave: 'wave', drivers: { d: { items: ['d1'] } }, weights: 'w' },
    );
    const acc = new WaveAccumulator({ wave: 'wave', drivers: ['d'], weights: 'w', confidenceLevel: 0.95 });
    for (let start = 0; start < n; start += 257) {
      const part = rows.slice(start, start + 257);
      acc.add({
        length: part.length,
        firstRow: start,
        lines: new Int32Array(part.length),
        numbers: { d: Float64Array.from(part, (r) => r['d'] as number), w: Float64Array.from(part, (r) => r['w'] as number) },
        categories: { wave: { codes: Int32Array.from(part, (r) => (r['wave'] === 1 ? 0 : 1)), levels: [1, 2] } },
      });
    }
    const actual = acc.result();
    const se = actual.waves[0]!.drivers!.means['d']!.standardError;
    // The SE of a mean of 1,500 values with SD about 1: about 0.025, all of its digits kept.
    expect(se).toBeGreaterThan(0.02);
    expect(se).toBeLessThan(0.03);
    const shifted = json(actual.waves) as { drivers: { means: { d: { mean: number } } } }[];
    for (const [j, w] of shifted.entries()) {
      // The mean itself to 1e-15 of 1e8 (its last bits are 1.5e-8 apart).
      expect(Math.abs(w.drivers.means.d.mean - 1e8 - expected.waves[j]!.drivers!.means['d']!.mean)).toBeLessThan(1e-7);
      w.drivers.means.d.mean -= 1e8;
    }
    expect(differences(shifted, json(expected.waves), 1e-12).filter((d) => !/\.mean:/.test(d))).toEqual([]);
    // The difference of two means of 1e8 is known to an ulp of 1e8 (1.5e-8), whoever computes
    // it; its SE and df to 1e-12 relative.
    const [c] = actual.comparisons;
    const [r] = expected.comparisons;
    const t = c!.drivers!['d']!;
    const u = r!.drivers!['d']!;
    expect(Math.abs(t.estimate - u.estimate)).toBeLessThan(3e-8);
    expect(Math.abs(t.standardError - u.standardError)).toBeLessThan(1e-12 * u.standardError);
    expect(Math.abs(t.df - u.df)).toBeLessThan(1e-12 * u.df);
    expect(Math.abs(t.statistic - u.statistic)).toBeLessThan(3e-8 / u.standardError);
  });
});
