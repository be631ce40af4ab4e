// Readers on good input: typed columns, missing values and codes, quoting, line numbers, every
// format and source kind, chunk boundaries anywhere (even inside a UTF-8 character).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseData, readCsv, readData, readJson, readModel, readRowChunks } from '../../src/io/index.js';
import type { ReadProgress } from '../../src/io/index.js';
import { fixturePath, loadCsv, testTmpDir } from '../helpers/fixtures.js';

const SURVEY = fixturePath('loyalty-survey.csv');
const dir = mkdtempSync(join(testTmpDir(), 'loyalty-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Splits text into byte chunks of `size` (cutting multi-byte characters apart). */
function byteChunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('the example survey', () => {
  it('reads exactly as the fixture helper sees it (quoted text, unquoted numbers, empty = null)', async () => {
    const survey = await readCsv(SURVEY);
    expect(survey.rows).toEqual(loadCsv('loyalty-survey.csv'));
    expect(survey.columns).toHaveLength(27);
    expect(survey.columnTypes).toMatchObject({
      respondent_id: 'string',
      region: 'string',
      channel: 'string',
      wave: 'number',
      sat1: 'number',
      weight: 'number',
    });
    // 2% of each item is missing: sat1 has 39 empty cells (counted in the file with a text editor's search for ",,").
    expect(survey.missingCells['sat1']).toBe(39);
    expect(survey.missingCodeCells).toEqual({});
    expect(survey.rowLines[0]).toBe(2);
    expect(survey.rowLines[1999]).toBe(2001);
    expect(survey.source).toMatchObject({ format: 'csv', byteOrderMark: false, file: SURVEY });
  });

  it('a model declares the types, ranges and missing codes', async () => {
    const model = await readModel('examples/data/model.json');
    const survey = await readData('examples/data/loyalty-survey.csv', { model });
    expect(survey.rows).toEqual(loadCsv('loyalty-survey.csv'));
  });

  it('gives the same rows from a stream, a URL, an iterable of text and tiny byte chunks', async () => {
    const text = (await import('node:fs')).readFileSync(SURVEY, 'utf8');
    const reference = parseData(text).rows;
    const { pathToFileURL } = await import('node:url');
    expect((await readData(pathToFileURL(SURVEY))).rows).toEqual(reference);
    expect((await readCsv(Readable.from(byteChunks(text, 4096)))).rows).toEqual(reference);
    expect((await readCsv([text])).rows).toEqual(reference);
    expect((await readCsv(byteChunks(text, 7), { chunkSize: 333 })).rows).toEqual(reference);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of byteChunks(text, 65_536)) controller.enqueue(new Uint8Array(chunk));
        controller.close();
      },
    });
    expect((await readCsv(web as unknown as AsyncIterable<Uint8Array>)).rows).toEqual(reference);
  });
});

describe('typing', () => {
  it('numbers, text, missing cells and the missing-value strings', () => {
    const d = parseData('id,x,y,z\n"001",1.5,NA,\n"002",-2e3,"NA",.5\n003, 7 ,N/A,+4\n');
    expect(d.rows).toEqual([
      { id: '001', x: 1.5, y: null, z: null },
      { id: '002', x: -2000, y: 'NA', z: 0.5 },
      { id: '003', x: 7, y: null, z: 4 },
    ]);
    // id has quoted cells, so it is text (and "003" keeps its zeros); y has a quoted "NA", so it is text.
    expect(d.columnTypes).toEqual({ id: 'string', x: 'number', y: 'string', z: 'number' });
    expect(d.missingCells).toEqual({ y: 2, z: 1 });
  });

  it('hexadecimal, Infinity, thousands separators and words are text, not numbers', () => {
    const d = parseData('a,b,c,d\n0x1F,Infinity,"1,000",ten\n');
    expect(d.rows).toEqual([{ a: '0x1F', b: 'Infinity', c: '1,000', d: 'ten' }]);
  });

  it('missing codes: global and per column, counted', () => {
    const d = parseData('a,b\n-99,5\n3,-99\n8,99\n', { missingCodes: [-99], columns: { b: { type: 'number', missingCodes: [99] } } });
    expect(d.rows).toEqual([
      { a: null, b: 5 },
      { a: 3, b: null },
      { a: 8, b: null },
    ]);
    expect(d.missingCodeCells).toEqual({ a: 1, b: 2 });
    expect(d.missingCells).toEqual({ a: 1, b: 2 });
  });

  it('declared numbers accept quoted numbers; declared text keeps unquoted numbers as text', () => {
    const d = parseData('id,score\n007,"8"\n', { columns: { id: 'string', score: 'number' } });
    expect(d.rows).toEqual([{ id: '007', score: 8 }]);
  });

  it('a column empty in the first chunk is typed by the first chunk that has a value', () => {
    const d = parseData('a,b\n1,\n2,\n3,x\n4,y\n', { chunkSize: 2 });
    expect(d.rows.map((r) => r['b'])).toEqual([null, null, 'x', 'y']);
    expect(d.columnTypes['b']).toBe('string');
    expect(parseData('a,b\n1,\n').columnTypes['b']).toBe('empty');
  });

  it('decimal commas with semicolons; TSV by name; Latin-1 bytes', async () => {
    expect(parseData('a;b\n3,5;"x"\n', { delimiter: ';', decimalComma: true }).rows).toEqual([{ a: 3.5, b: 'x' }]);
    const tsv = join(dir, 'data.tsv');
    writeFileSync(tsv, 'a\tb\n1\tSüd\n');
    expect((await readData(tsv)).rows).toEqual([{ a: 1, b: 'Süd' }]);
    const latin = join(dir, 'latin.csv');
    writeFileSync(latin, Buffer.from('region,n\nSüd,3\n', 'latin1'));
    expect((await readCsv(latin, { encoding: 'latin1' })).rows).toEqual([{ region: 'Süd', n: 3 }]);
  });
});

describe('lines', () => {
  it('CRLF, blank lines and quoted line breaks: each row knows the line it starts on', () => {
    const d = parseData('a,b\r\n1,2\r\n\r\n3,"x\r\ny"\r\n   \r\n5,6');
    // b has a quoted cell, so the whole column is text.
    expect(d.rows).toEqual([
      { a: 1, b: '2' },
      { a: 3, b: 'x\r\ny' },
      { a: 5, b: '6' },
    ]);
    // line 1 header, 2 "1,2", 3 blank, 4-5 the quoted break, 6 blanks, 7 "5,6"
    expect(d.rowLines).toEqual([2, 4, 7]);
  });

  it('a leading UTF-8 byte-order mark is stripped, even split across chunks', async () => {
    const text = '\uFEFFrespondent_id,recommend\n"a",9\n';
    for (const size of [1, 2, 3, 100]) {
      const d = await readCsv(byteChunks(text, size));
      expect(d.columns).toEqual(['respondent_id', 'recommend']);
      expect(d.rows).toEqual([{ respondent_id: 'a', recommend: 9 }]);
      expect(d.source.byteOrderMark).toBe(true);
    }
  });

  it('header names are trimmed', () => {
    expect(parseData('a, b ,c\n1,2,3\n').columns).toEqual(['a', 'b', 'c']);
  });

  it('a header without rows gives no rows', () => {
    const d = parseData('a,b\n');
    expect(d.rows).toEqual([]);
    expect(d.columns).toEqual(['a', 'b']);
  });
});

describe('JSON and NDJSON', () => {
  it('an array of rows, with the line each record starts on', () => {
    const text = '[\n  {"id": "a", "x": 1, "ok": true},\n  {"id": "b", "x": -99, "ok": false},\n  {"id": "c", "x": null}\n]';
    const d = parseData(text, { format: 'json', missingCodes: [-99], columns: { ok: 'number' } });
    expect(d.rows).toEqual([
      { id: 'a', x: 1, ok: 1 },
      { id: 'b', x: null, ok: 0 },
      { id: 'c', x: null, ok: null },
    ]);
    expect(d.rowLines).toEqual([2, 3, 4]);
    expect(d.missingCodeCells).toEqual({ x: 1 });
  });

  it('an object of columns (as jsonlite writes with dataframe = "columns")', async () => {
    const d = await readJson(['{"id": ["a", "b"], "x": [1, 2]}']);
    expect(d.rows).toEqual([
      { id: 'a', x: 1 },
      { id: 'b', x: 2 },
    ]);
  });

  it('NDJSON from a file, chunk by chunk, keys appearing late become columns', async () => {
    const file = join(dir, 'rows.ndjson');
    writeFileSync(file, '{"a": 1}\n\n{"a": 2, "b": "x"}\n{"a": 3}\n');
    const d = await readJson(file);
    // Every row of a chunk has every column known when the chunk was typed.
    expect(d.rows).toEqual([
      { a: 1, b: null },
      { a: 2, b: 'x' },
      { a: 3, b: null },
    ]);
    expect(d.rowLines).toEqual([1, 3, 4]);
    expect(d.columns).toEqual(['a', 'b']);
    const chunks = [];
    for await (const c of readRowChunks(file, { chunkSize: 1 })) chunks.push(c.rows.length);
    expect(chunks).toEqual([1, 1, 1]);
  });

  it('the survey as JSON reads like the CSV', async () => {
    const rows = loadCsv('loyalty-survey.csv');
    const file = join(dir, 'survey.json');
    writeFileSync(file, JSON.stringify(rows, null, 1));
    expect((await readData(file)).rows).toEqual(rows);
    const ndjson = join(dir, 'survey.jsonl');
    writeFileSync(ndjson, rows.map((r) => JSON.stringify(r)).join('\n'));
    expect((await readData(ndjson, { chunkSize: 300 })).rows).toEqual(rows);
  });
});

describe('chunks and progress', () => {
  it('readRowChunks yields chunkSize rows at a time, numbered through the file', async () => {
    const sizes: [number, number][] = [];
    for await (const chunk of readRowChunks(SURVEY, { chunkSize: 600 })) sizes.push([chunk.firstRow, chunk.rows.length]);
    expect(sizes).toEqual([
      [0, 600],
      [600, 600],
      [1200, 600],
      [1800, 200],
    ]);
  });

  it('onProgress reports rows and bytes, ending at fraction 1', async () => {
    const calls: ReadProgress[] = [];
    const d = await readCsv(SURVEY, { chunkSize: 500, onProgress: (p) => calls.push(p) });
    const last = calls[calls.length - 1]!;
    expect(last).toMatchObject({ rows: 2000, done: true, fraction: 1, bytes: last.totalBytes });
    expect(calls.filter((c) => !c.done).map((c) => c.rows)).toEqual([500, 1000, 1500, 2000]);
    expect(d.source.bytes).toBe(last.totalBytes);
  });
});
