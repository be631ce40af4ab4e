// The column reader in a worker thread (src/io/workerColumnChunks.ts, built to
// dist/columnChunkWorker.js) against the same reader in the calling thread: the same chunks
// (values, firstRow, lines, levels), the same progress events and the same errors (class,
// code, message, location) on the example survey and on 60 mutated copies of it; and
// analyzeSource's result the same whether it reads (and scores) in the worker or not. The
// in-thread reader is checked against the row reader by test/io/columnReader.test.ts. These
// tests load the built package (`npm test` builds it first): the worker runs only from dist/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/internal/random.js';
import { mutateCsv } from '../helpers/csvMutations.js';
import { fixturePath } from '../helpers/fixtures.js';

const dist = (await import(new URL('../../dist/io.js', import.meta.url).href)) as typeof import('../../src/io/index.js');
const { analyzeSource, readColumnChunks, readModel } = dist;

const dir = mkdtempSync(join(tmpdir(), 'loyalty-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SURVEY = fixturePath('loyalty-survey.csv');
const request = {
  respondent_id: 'category',
  region: 'category',
  wave: 'category',
  recommend: 'number',
  sat1: 'number',
  img2: 'number',
  weight: 'number',
  spend_12m: 'number',
} as const;

type Seen = { chunks: unknown[]; progress: unknown[]; error?: Record<string, unknown> };

/** Everything a read gives: the chunks (levels as seen at each chunk), the progress events, the error. */
async function read(file: string, options: Record<string, unknown>): Promise<Seen> {
  const progress: unknown[] = [];
  const chunks: unknown[] = [];
  try {
    for await (const c of readColumnChunks(file, { request, ...options, onProgress: (p: unknown) => progress.push(p) } as never)) {
      chunks.push(
        JSON.stringify(
          {
            ...c,
            categories: Object.fromEntries(Object.entries(c.categories).map(([k, v]) => [k, { codes: v.codes, levels: [...v.levels] }])),
          },
          (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v),
        ),
      );
    }
  } catch (e) {
    const err = e as Error & { code?: string; location?: object };
    return { chunks, progress, error: { name: err.name, code: err.code, message: err.message, ...(err.location ?? {}) } };
  }
  return { chunks, progress };
}

describe('the column reader in a worker thread', () => {
  it('gives the example survey exactly as the calling thread reads it, in chunks of 137 rows', async () => {
    const here = await read(SURVEY, { chunkSize: 137 });
    const there = await read(SURVEY, { chunkSize: 137, worker: true });
    expect(here.chunks.length).toBe(Math.ceil(2000 / 137));
    expect(there).toEqual(here);
  });

  it('gives the same chunks, progress and errors on 60 mutated survey files, with and without the model', async () => {
    const csv = `${readFileSync(SURVEY, 'utf8').split('\n').slice(0, 301).join('\n')}\n`;
    const model = await readModel(new URL('../../examples/data/model.json', import.meta.url).pathname);
    let errors = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const file = join(dir, `mutated-${seed}.csv`);
      writeFileSync(file, mutateCsv(csv, createRandom(seed)));
      for (const options of [{ chunkSize: 50 }, { chunkSize: 50, model }]) {
        const here = await read(file, options);
        const there = await read(file, { ...options, worker: true });
        expect(there, `seed ${seed}`).toEqual(here);
        if (here.error) errors++;
      }
    }
    expect(errors).toBeGreaterThan(10); // the corpus really has broken files
  });

  it('names a missing file as the calling thread does', async () => {
    const missing = join(dir, 'nope.csv');
    const here = await read(missing, {});
    expect(here.error).toMatchObject({ name: 'InputError', code: 'INVALID_OPTION' });
    expect(await read(missing, { worker: true })).toEqual(here);
  });

  it('stops the worker when the consumer stops early', async () => {
    let n = 0;
    for await (const c of readColumnChunks(SURVEY, { request, chunkSize: 100, worker: true })) {
      n += c.length;
      if (n >= 300) break;
    }
    expect(n).toBe(300);
  });
});

describe('analyzeSource reading and scoring in the worker', () => {
  it('returns the same analysis as reading in the calling thread', async () => {
    const model = await readModel(new URL('../../examples/data/model.json', import.meta.url).pathname);
    const here = JSON.stringify(await analyzeSource(SURVEY, model, { read: { chunkSize: 337 }, perRow: true, readInWorker: false }));
    const there = JSON.stringify(await analyzeSource(SURVEY, model, { read: { chunkSize: 337 }, perRow: true }));
    expect(there).toBe(here);
  });

  it('raises a scoring error at the same place', async () => {
    const model = await readModel(new URL('../../examples/data/model.json', import.meta.url).pathname);
    const lines = readFileSync(SURVEY, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const sat1 = header.indexOf('"sat1"');
    const row = lines[900]!.split(',');
    row[sat1] = '9'; // outside the 1-7 scale
    lines[900] = row.join(',');
    const file = join(dir, 'out-of-scale.csv');
    writeFileSync(file, lines.join('\n'));
    // A section's error is in the result's `skipped`, a reading error thrown: either way the same.
    const outcome = async (readInWorker: boolean) => {
      try {
        return JSON.stringify(await analyzeSource(file, model, { read: { chunkSize: 100 }, readInWorker }));
      } catch (e) {
        const err = e as Error & { code?: string; location?: object };
        return { name: err.name, code: err.code, message: err.message, ...(err.location ?? {}) };
      }
    };
    const here = await outcome(false);
    expect(JSON.stringify(here)).toMatch(/OUT_OF_RANGE/);
    expect(JSON.stringify(here)).toMatch(/901|row 899/);
    expect(await outcome(true)).toEqual(here);
  });
});
