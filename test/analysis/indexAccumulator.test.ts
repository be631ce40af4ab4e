// The streamed indices section (IndexAccumulator over column chunks) against loyaltyIndices on
// the rows held in memory, the function `analyze` and the tool's `indices` command use (itself
// checked against R in test/indices/). Tolerance 1e-12 relative: the streamed Taylor variance
// sums w^2 (y - m)^2 per distinct score instead of per row, which moves the last bits only
// (the counts, shares and weight totals are summed in row order and agree exactly).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loyaltyIndices, type IndexColumns } from '../../src/analysis/loyaltyIndices.js';
import { IndexAccumulator } from '../../src/analysis/stream/indexAccumulator.js';
import { columnChunksFromRows, readColumnChunks } from '../../src/io/columnChunks.js';
import { readData, readModel } from '../../src/io/index.js';
import type { Row } from '../../src/types.js';

const ROOT = join(__dirname, '..', '..');
const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');

/** Deep equality, numbers to `tol` relative (absolute near 0); returns the largest relative difference seen. */
function close(a: unknown, b: unknown, path: string, tol: number, worst: { max: number }): void {
  if (typeof b === 'number' && typeof a === 'number') {
    const scale = Math.max(Math.abs(b), 1e-300);
    const d = Math.abs(a - b) / (Math.abs(b) > 1e-12 ? scale : 1);
    worst.max = Math.max(worst.max, d);
    expect(d, `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
    return;
  }
  if (Array.isArray(b)) {
    expect(Array.isArray(a), path).toBe(true);
    expect((a as unknown[]).length, `${path}.length`).toBe(b.length);
    b.forEach((x, i) => close((a as unknown[])[i], x, `${path}[${i}]`, tol, worst));
    return;
  }
  if (b !== null && typeof b === 'object') {
    expect(Object.keys(a as object), path).toEqual(Object.keys(b));
    for (const k of Object.keys(b)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, tol, worst);
    return;
  }
  expect(a, path).toEqual(b);
}

async function streamed(columns: IndexColumns, source: string | Row[], options: { model?: object; chunkSize?: number } = {}) {
  const acc = new IndexAccumulator({ ...columns, perRespondent: true });
  const chunks =
    typeof source === 'string'
      ? readColumnChunks(source, { request: acc.request, ...options })
      : columnChunksFromRows(source, acc.request, options.chunkSize ?? 3);
  for await (const chunk of chunks) acc.add(chunk);
  return acc.result();
}

/** The columns of the example model, as the tool's `indices --model` passes them. */
function modelColumns(weights: string | undefined): IndexColumns {
  return {
    recommend: { column: 'recommend' },
    csat: { column: 'csat', satisfiedMin: 4 },
    loyaltyIndex: { items: ['recommend', 'repurchase_intent', 'upsell_intent'], method: 'mean', min: 0, max: 10 },
    retained: 'retained',
    weights,
    missingCodes: [-99],
    confidenceLevel: 0.95,
  };
}

describe('IndexAccumulator = loyaltyIndices on the example survey', () => {
  it('weighted and unweighted, from the file in chunks of 65,536 and of 333 rows: every field to 1e-12', async () => {
    const model = await readModel(MODEL);
    const { rows } = await readData(DATA, { model });
    const worst = { max: 0 };
    for (const weights of ['weight', undefined]) {
      const columns = modelColumns(weights);
      const expected = loyaltyIndices(rows, columns);
      for (const chunkSize of [65_536, 333]) {
        const got = await streamed(columns, DATA, { model, chunkSize });
        close(got, expected, 'indices', 1e-12, worst);
      }
    }
    // The counts, shares and weight totals are summed as the row functions sum them: exact.
    const expected = loyaltyIndices(rows, modelColumns('weight'));
    const got = await streamed(modelColumns('weight'), DATA, { model });
    expect(got.npsWeighted!.estimate).toBe(expected.npsWeighted!.estimate);
    expect(got.npsWeighted!.weightSum).toBe(expected.npsWeighted!.weightSum);
    expect(got.customerLoyaltyIndex!.items).toEqual(expected.customerLoyaltyIndex!.items);
    expect(got.retention!.weightSum).toBe(expected.retention!.weightSum);
    expect(worst.max).toBeLessThan(1e-12);
  });

  it('with the second pass, every field equals the row function bit for bit', async () => {
    const model = await readModel(MODEL);
    const { rows } = await readData(DATA, { model });
    for (const weights of ['weight', undefined]) {
      const columns = modelColumns(weights);
      const acc = new IndexAccumulator({ ...columns, perRespondent: true });
      for await (const chunk of readColumnChunks(DATA, { request: acc.request, model, chunkSize: 700 })) acc.add(chunk);
      acc.result();
      const second = acc.secondPass()!;
      for await (const chunk of readColumnChunks(DATA, { request: second.request, model, chunkSize: 300 })) second.add(chunk);
      expect(acc.result()).toEqual(loyaltyIndices(rows, columns));
    }
  });

  it('other options: the net convention, a 90% level, Wald NPS, other cuts, no weights', async () => {
    const { rows } = await readData(DATA, { columns: { recommend: 'number', csat: 'number' } });
    const columns: IndexColumns = {
      recommend: { column: 'recommend', promoterMin: 8, detractorMax: 5, intervalMethod: 'wald' },
      csat: { column: 'csat', satisfiedMin: 5 },
      loyaltyIndex: { items: ['recommend', 'upsell_intent'], method: 'net' },
      retained: 'retained',
      confidenceLevel: 0.9,
    };
    close(await streamed(columns, DATA), loyaltyIndices(rows, columns), 'indices', 1e-12, { max: 0 });
  });

  it('merging two accumulators over the two halves gives the whole', async () => {
    const model = await readModel(MODEL);
    const { rows } = await readData(DATA, { model });
    const columns = modelColumns('weight');
    const a = new IndexAccumulator(columns);
    const b = new IndexAccumulator(columns);
    let k = 0;
    for await (const chunk of readColumnChunks(DATA, { request: a.request, model, chunkSize: 250 })) (k++ < 4 ? a : b).add(chunk);
    a.merge(b);
    const got = a.result();
    const expected = loyaltyIndices(rows, columns);
    close(
      { ...got, customerLoyaltyIndex: { ...got.customerLoyaltyIndex!, perRespondent: [] } },
      { ...expected, customerLoyaltyIndex: { ...expected.customerLoyaltyIndex!, perRespondent: [] } },
      'indices',
      1e-12,
      { max: 0 },
    );
  });
});

describe('IndexAccumulator: missing values and errors as loyaltyIndices reports them', () => {
  const base: IndexColumns = {
    recommend: { column: 'r' },
    csat: { column: 's' },
    loyaltyIndex: { items: ['r', 'u'] },
    retained: 'k',
    weights: 'w',
    missingCodes: [-99],
    confidenceLevel: 0.95,
  };
  const good: Row[] = [
    { r: 9, s: 5, u: 7, k: 1, w: 1.5 },
    { r: 3, s: null, u: 2, k: 0, w: 0.5 },
    { r: null, s: 4, u: 10, k: 1, w: 2 },
    { r: 7, s: 2, u: null, k: null, w: null },
    { r: 10, s: 1, u: 0, k: 1, w: 1 },
    { r: -99, s: 3, u: 5, k: 0, w: 0.25 },
    { r: 6, s: 5, u: 8, k: 1, w: 3 },
  ];

  it('missing cells, codes and weights: the same missing reports and results', async () => {
    close(await streamed(base, good), loyaltyIndices(good, base), 'indices', 1e-12, { max: 0 });
    const unweighted = { ...base, weights: undefined };
    close(await streamed(unweighted, good), loyaltyIndices(good, unweighted), 'indices', 1e-12, { max: 0 });
  });

  async function sameError(columns: IndexColumns, rows: Row[]): Promise<void> {
    let expected: unknown;
    try {
      loyaltyIndices(rows, columns);
    } catch (e) {
      expected = e;
    }
    expect(expected, 'the row function fails').toBeInstanceOf(Error);
    const e = expected as Error & { code: string; location: Record<string, unknown> };
    await expect(streamed(columns, rows)).rejects.toMatchObject({ name: e.name, code: e.code, message: e.message });
    const got = await streamed(columns, rows).catch((x: { location: Record<string, unknown> }) => x.location);
    const { line: _line, ...where } = got as Record<string, unknown>;
    expect(where).toEqual(e.location);
  }

  it('a value off the scale, a fractional score, a negative weight, all missing, all-zero weights, bad options', async () => {
    await sameError(base, [...good, { r: 11, s: 5, u: 5, k: 1, w: 1 }]);
    await sameError(base, [...good, { r: 8, s: 4.5, u: 5, k: 1, w: 1 }]);
    await sameError(base, [...good, { r: 8, s: 4, u: 12, k: 1, w: 1 }]);
    await sameError(base, [...good, { r: 8, s: 4, u: 5, k: 2, w: 1 }]);
    await sameError(base, [...good, { r: 8, s: 4, u: 5, k: 1, w: -1 }]);
    await sameError(base, [...good, { r: null, s: 4, u: 5, k: 1, w: -1 }]);
    await sameError(
      base,
      good.map((row) => ({ ...row, r: null })),
    );
    await sameError(
      base,
      good.map((row) => ({ ...row, u: null })),
    );
    await sameError(
      base,
      good.map((row) => ({ ...row, w: 0 })),
    );
    await sameError({ ...base, recommend: { column: 'r', promoterMin: 5, detractorMax: 6 } }, good);
    await sameError({ ...base, csat: { column: 's', satisfiedMin: 9 } }, good);
    await sameError({ ...base, confidenceLevel: 1.5 }, good);
  });
});
