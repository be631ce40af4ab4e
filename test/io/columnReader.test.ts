// The columnar CSV reader (src/io/csvColumnReader.ts) against the row path it replaces
// (readRowChunks: csv-parse + RowConverter, then the chunk builder): on every malformed input of
// test/io/badFiles.test.ts and test/cli/hostile.test.ts, on the fuzz corpus of test/cli/fuzz.test.ts,
// and on random byte soups cut into random pieces, both paths give the same chunks or the same
// error (code, message, file, line, row, column). The row path is the reference: it is the
// reader every test of the library checks by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { CsvRecordReader } from '../../src/io/csvRecords.js';
import { type ColumnChunk, type ColumnChunkOptions, columnChunksOfRows, readColumnChunks } from '../../src/io/columnChunks.js';
import { createRandom } from '../../src/internal/random.js';
import { mutateCsv, pick } from '../helpers/csvMutations.js';
import { fixturePath } from '../helpers/fixtures.js';

type Outcome = { chunks: string } | { error: Record<string, unknown> };

/** Chunks as comparable text (NaN kept), or the error's code, message and location. */
async function outcome(gen: AsyncGenerator<ColumnChunk>): Promise<Outcome> {
  const chunks: ColumnChunk[] = [];
  try {
    for await (const c of gen) chunks.push(c);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { error: { code: e.code, message: e.message, ...e.location } };
  }
  return {
    chunks: JSON.stringify(chunks, (_k, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : x)) : v,
    ),
  };
}

/** The header's names as csv-parse reads them, or [] when there is none. */
function headerOf(parts: readonly Buffer[], options: Omit<ColumnChunkOptions, 'request'>): string[] {
  const reader = new CsvRecordReader({
    file: 'data.csv',
    delimiter: options.delimiter ?? (options.format === 'tsv' ? '\t' : ','),
    quote: '"',
    encoding: options.encoding ?? 'utf8',
  });
  try {
    for (const p of parts) {
      reader.push(p);
      if (reader.header) break;
    }
    if (!reader.header) reader.end();
  } catch {
    // a broken file: whatever header was read
  }
  return reader.header ?? [];
}

/**
 * Reads `content` both ways, cut into `parts` pieces; requests every header column (or `request`),
 * numbers where `numberKind(name)` says so, categories otherwise.
 */
async function same(
  content: string | Buffer,
  options: Omit<ColumnChunkOptions, 'request'> & { request?: ColumnChunkOptions['request'] } = {},
  cuts: readonly number[] = [],
): Promise<Outcome> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const points = [0, ...[...cuts].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  const parts = points.slice(1).map((end, i) => bytes.subarray(points[i]!, end));
  const { request: asked, ...rest } = options;
  let request = asked;
  if (request === undefined) {
    const names = headerOf(parts, rest);
    request = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? 'number' : 'category']));
  }
  const full = { file: 'data.csv', ...rest, request };
  const fast = await outcome(readColumnChunks(parts, full));
  const rows = await outcome(columnChunksOfRows(parts, full));
  expect(fast, `input ${JSON.stringify(bytes.toString('latin1').slice(0, 300))}`).toEqual(rows);
  return fast;
}

const HEADER = 'respondent_id,region,sat1,sat2,recommend\n';

describe('columnar reader = row reader on malformed input (the cases of badFiles and hostile)', () => {
  const cases: readonly [string, string | Buffer, Omit<ColumnChunkOptions, 'request'>?][] = [
    ['shifted quote', `${HEADER}"R1","South",5,6,9\n"R2","West,4,3,9\n"R3","East",1,2,3\n`],
    ['short row', `${HEADER}"R1","South",5,6,9\n"R2","West",4,3\n"R3","East",1,2,3\n`],
    ['long row', `${HEADER}"R1","South",5,6,9\n"R2","West",4,3,9,1\n`],
    ['unterminated quote', `${HEADER}"R1","South",5,6,9\n"R2","West,4,3,9\nR3,East,1,2,3\n`],
    ['text after a closing quote', 'a,b\n1,"x"y\n', { columns: { b: 'number' } }],
    ['two byte-order marks', `\uFEFF\uFEFF${HEADER}"R1","South",5,6,9\n`],
    ['a byte-order mark in the middle', `\uFEFF${HEADER}"R1","South",5,6,9\n\uFEFF"R2","West",4,3,9\n`],
    ['Latin-1 read as UTF-8', Buffer.from('region,n\nSüd,3\n', 'latin1')],
    ['Latin-1 read as Latin-1', Buffer.from('region,n\nSüd,3\n', 'latin1'), { encoding: 'latin1' }],
    ['duplicate header name', 'a,b,a\n1,2,3\n'],
    ['empty header name', '"","a"\n"1",2\n'],
    ['empty file', '\n\n'],
    ['text in a declared numeric column', `${HEADER}"R1","South",5,6,9\n"R2","West",4,three,9\n`, { columns: { sat2: 'number' } }],
    ['text after the first chunk', 'a,b\n1,2\n3,4\n5,n/a\n', { chunkSize: 2 }],
    [
      'an undeclared -99',
      `${HEADER}"R1","South",5,-99,9\n`,
      { model: { scales: { satisfaction: { items: ['sat1', 'sat2'], min: 1, max: 7 } } } },
    ],
    ['a non-integer in an integer column', 'recommend\n9.5\n', { model: { recommend: 'recommend' } }],
    ['a declared column not in the header', HEADER, { columns: { recomend: 'number' } }],
    ['a model column not in the file', `${HEADER}"R1","South",5,6,9\n`, { model: { scales: { satisfaction: ['sat1', 'sat2', 'sat3'] } } }],
    ['a ragged row', 'a,b\n1\n'],
    [
      'Latin-1 Zürich as UTF-8',
      Buffer.concat([Buffer.from('id,city,recommend\n1,Z'), Buffer.from([0xfc]), Buffer.from('rich,9\n2,Bern,3\n')]),
    ],
    [
      'Latin-1 Zürich as Latin-1',
      Buffer.concat([Buffer.from('id,city,recommend\n1,Z'), Buffer.from([0xfc]), Buffer.from('rich,9\n2,Bern,3\n')]),
      { encoding: 'latin1' },
    ],
    ['decimal commas without the option', 'id;recommend;spend\n1;9;3,5\n2;7;4,25\n', { delimiter: ';' }],
    ['decimal commas with the option', 'id;recommend;spend\n1;9;3,5\n2;7;4,25\n3;1;1.0\n', { delimiter: ';', decimalComma: true }],
    ['pipes', 'id|recommend\n1|9\n2|7\n', { delimiter: '|' }],
    ['tabs', 'id\trecommend\n1\t9\n2\t7\n', { format: 'tsv' }],
    ['a header-only file', 'id,recommend\n'],
    ['an all-missing column', 'id,recommend\n1,\n2,NA\n3,\n'],
    ['CRLF, CR and mixed line ends', 'a,b\r\n1,2\r\n3,"x\r\ny"\r\n4,5\n6,7\r\n'],
    ['lone CRs', 'a,b\r1,2\r3,4\r\n5,6\r'],
    ['quoted missing strings', 'a,b\n"NA",NA\n"",x\n  ,"7"\n'],
    ['missing codes', 'a,b\n-99,1\n2,-99\n', { missingCodes: [-99] }],
    ['a UTF-16 byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')])],
  ];
  for (const [name, content, options] of cases) {
    it(name, async () => {
      await same(content, options);
      // The same through every cut into two pieces of a short file (the push boundaries).
      const length = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
      if (length < 120) for (let cut = 1; cut < length; cut++) await same(content, options, [cut]);
    });
  }

  it('an unterminated quote in a large file, and a record longer than 1 MiB', async () => {
    const rows = Array.from({ length: 80_000 }, (_, i) => `R${i},South,5,6,9`).join('\n');
    const a = await same(`${HEADER}"R0","Nor,1,2,3\n${rows}\n`, {}, [65_536, 131_072, 500_000]);
    expect((a as { error: { message: string } }).error.message).toContain('the record grew past 1,048,576 characters');
    await same(`${HEADER}R1,South,5,6,9\nR2,${'x'.repeat(2 << 20)},4,3,9\nR3,East,1,2,3\n`, {}, [65_536, 1 << 20]);
    await same(`${HEADER}${'R1,South,5,6,9\r'.repeat(100_000)}\n`, {}, [65_536]);
  });

  it('worker: anything but true or false is refused', async () => {
    const read = async () => {
      for await (const _ of readColumnChunks([Buffer.from('a\n1\n')], { request: { a: 'number' }, worker: 'yes' } as never)) {
        // nothing
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'INVALID_OPTION', location: { argument: 'options.worker' } });
  });

  it('a requested column the file lacks', async () => {
    const r = await same('a,b\n1,2\n', { request: { c: 'number' } });
    expect(r).toMatchObject({ error: { code: 'COLUMN_NOT_FOUND', column: 'c' } });
  });
});

describe('columnar reader = row reader on the fuzz corpus and on byte soups', () => {
  const csv = `${readFileSync(fixturePath('loyalty-survey.csv'), 'utf8').split('\n').slice(0, 81).join('\n')}\n`;
  const model = JSON.parse(readFileSync(new URL('../../examples/data/model.json', import.meta.url), 'utf8')) as object;
  it('120 mutated survey files, with and without the model, in random pieces and chunk sizes', async () => {
    for (let seed = 1; seed <= 120; seed++) {
      const r = createRandom(seed);
      const t = mutateCsv(csv, r);
      const length = Buffer.byteLength(t);
      const cuts = Array.from({ length: r.integer(4) }, () => r.integer(length));
      const chunkSize = pick(r, [7, 30, 65_536]);
      await same(t, { chunkSize }, cuts);
      await same(t, { chunkSize, model }, cuts);
    }
  });

  it('2,000 byte soups of quotes, delimiters, line ends, blanks, missing strings and non-ASCII bytes', async () => {
    const atoms = [
      'a',
      '7',
      '-3.5',
      ',',
      ',',
      ',',
      '"',
      '"',
      '""',
      '\n',
      '\n',
      '\r',
      '\r\n',
      ' ',
      '\t',
      'NA',
      '-99',
      'é',
      '\uFEFF',
      'x"y',
      '\0',
    ];
    for (let seed = 1; seed <= 2000; seed++) {
      const r = createRandom(seed);
      const header = pick(r, ['a,b\n', 'a,b,c\n', 'a\n', '"a","b"\r\n']);
      let body = '';
      const n = 1 + r.integer(40);
      for (let k = 0; k < n; k++) body += pick(r, atoms);
      let bytes = Buffer.from(header + body, 'utf8');
      if (r.uniform() < 0.1) bytes = Buffer.concat([bytes, Buffer.from([0xff, 0x41])]);
      const cuts = Array.from({ length: r.integer(3) }, () => r.integer(bytes.length));
      const options = pick<Omit<ColumnChunkOptions, 'request'>>(r, [
        {},
        { chunkSize: 2 },
        { missingCodes: [-99] },
        { encoding: 'latin1' },
        { columns: { a: 'number' } },
        { columns: { a: 'string' }, chunkSize: 3 },
      ]);
      await same(bytes, options, cuts);
    }
  });
});

describe('columnar reader = row reader at the edges of the fast path for ordinary records', () => {
  // Ordinary records around one unusual one: the fast path reads the ordinary ones and must give
  // the unusual one, whatever it is, to the general path from its start.
  const header = 'id,region,sat1,sat2,recommend,spend\n';
  const ordinary = (k: number): string =>
    `R${k},${['North', 'South', '"East"', 'West'][k % 4]},${1 + (k % 7)},${1 + ((k * 3) % 7)},${k % 11},${((k * 7.31) % 500).toFixed(k % 3)}\n`;
  const unusual = [
    'R,South,-0,+5,.5,5.\n',
    'R,South,5 ,  6,9, 1.5\n',
    'R,South,,6,,\n',
    'R,South,-99,6,-99,-99\n',
    'R,South,8,6,12,1.5\n',
    'R,South,5.5,6,9,-1\n',
    'R,South,5,6,9,1234567890123456\n',
    'R,South,5,6,9,123456789012345\n',
    'R,South,5,6,9,0.1234567890123456\n',
    'R,South,5,6,9,12345678901234567\n',
    'R,South,5,6,9,0.12345678901234567\n',
    'R,South,5,6,9,9007199254740993\n',
    'R,South,5,6,9,-99999999999999999.5\n',
    'R,South,5,6,9,1e3\n',
    'R,South,5,6,9,0x1F\n',
    'R,South,NA,6,N/A,NULL\n',
    'R,South,"NA","7",9,"1.5"\n',
    'R,South,5,6,abc,1\n',
    'R,South,5,-,.,+\n',
    'R,South,5,6,9,1.5,extra\n',
    'R,South,5,6,9\n',
    'R,South,5,6,9,1,\n',
    'R,"Sou""th",5,6,9,1.5\n',
    'R,"South"x,5,6,9,1\n',
    'R,So"uth,5,6,9,1\n',
    'R,"So,uth",5,6,9,1\n',
    '"R","South","5","6","9","1.5"\n',
    'R,South\r,5,6,9,1\n',
    'R,South,5,6,9,1\r\n',
    'R,South,5,6,9\r1\n',
    'R,South,5,6,9,1\r2\n',
    'R,South,5,6,9,"1"\r\n',
    'R,Süd,5,6,9,1\n',
    'R,S\0uth,5,6,9,1\n',
    'R,South,5,6,9,"1\0"\n',
    '\n',
    '   \n',
    '\t\n',
    '\u000b\f\n',
    'R,NA,5,6,9,1\n',
    'R,,5,6,9,1\n',
    'R,"",5,6,9,1\n',
    'R,"NA",5,6,9,1\n',
    'R,South,5,6,9,"1.5\nmore"\n',
    'R,South,5,6,9,"1.5\r\nmore"\n',
    '\uFEFFR,South,5,6,9,1\n',
  ];
  const variants: readonly [string, (t: string) => string, Omit<ColumnChunkOptions, 'request'>][] = [
    ['LF', (t) => t, {}],
    ['CRLF', (t) => t.replace(/\r?\n/g, '\r\n'), {}],
    ['TSV', (t) => t.replace(/,/g, '\t'), { format: 'tsv' }],
    ['decimal commas', (t) => t.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2'), { delimiter: ';', decimalComma: true }],
    ['Latin-1', (t) => t, { encoding: 'latin1' }],
    ['Latin-1, CRLF', (t) => t.replace(/\r?\n/g, '\r\n'), { encoding: 'latin1' }],
  ];
  const model = {
    missingCodes: [-99],
    recommend: 'recommend',
    scales: { satisfaction: { items: ['sat1', 'sat2'], min: 1, max: 7, integer: true } },
    columns: { region: 'string', spend: { type: 'number', min: 0 } },
  } as const;
  const requests: readonly ColumnChunkOptions['request'][] = [
    // Every column (the row path types cells the columnar reader is not asked for).
    { id: 'category', region: 'category', sat1: 'number', sat2: 'number', recommend: 'number', spend: 'number' },
    { id: 'category', region: 'category', sat1: 'number', sat2: 'category', recommend: 'category', spend: 'number' },
  ];
  const bytesOf = (text: string, encoding: string | undefined): Buffer => Buffer.from(text, encoding === 'latin1' ? 'latin1' : 'utf8');
  const every = (length: number, step: number): number[] => Array.from({ length: Math.floor(length / step) }, (_, k) => (k + 1) * step);

  it('each unusual record among ordinary ones, in every variant, whole and in small pieces', async () => {
    for (const record of unusual) {
      for (const [, rewrite, options] of variants) {
        const before = Array.from({ length: 40 }, (_, k) => ordinary(k)).join('');
        const after = Array.from({ length: 40 }, (_, k) => ordinary(k + 41)).join('');
        const bytes = bytesOf(rewrite(header + before + record + after), options.encoding);
        const at = bytesOf(rewrite(header + before), options.encoding).length;
        // Every cut around the unusual record, and pieces of 1, 5 and 64 bytes.
        const around = Array.from({ length: record.length + 8 }, (_, k) => at - 4 + k);
        for (const [k, cuts] of [[], around, every(bytes.length, 1), every(bytes.length, 5), every(bytes.length, 64)].entries()) {
          const chunkSize = [65_536, 7, 30, 41, 1][k]!;
          await same(bytes, { ...options, chunkSize, request: requests[k % 2]! }, cuts);
          await same(bytes, { ...options, chunkSize, model, request: requests[(k + 1) % 2]! }, cuts);
        }
      }
    }
  });

  it('ordinary files: header only, no final line end, one column with blank lines, chunk and piece boundaries', async () => {
    const body = Array.from({ length: 100 }, (_, k) => ordinary(k)).join('');
    const files = [
      header,
      header.trimEnd(),
      header + body.trimEnd(),
      header + body,
      `x\n${'1\n\n2\n \n3\n'.repeat(10)}`,
      `x\r\n${'1\r\n\r\n-2.5\r\n \r\n3\r\n'.repeat(10)}`,
    ];
    for (const file of files) {
      const bytes = Buffer.from(file);
      for (const chunkSize of [1, 3, 100, 65_536]) {
        await same(bytes, { chunkSize });
        await same(bytes, { chunkSize, model: file.startsWith('id') ? model : undefined }, every(bytes.length, 3));
        for (let cut = 1; cut < Math.min(bytes.length, 200); cut++) await same(bytes, { chunkSize }, [cut, cut + 37, cut + 600]);
      }
    }
  });

  it('delimiters and quotes that are bytes of numbers', async () => {
    const body = 'a,b,c\n1,2.5,-3\n4,+5,6.\n"7",8,9\n';
    for (const [delimiter, quote] of [
      ['.', '"'],
      ['-', '"'],
      ['+', '"'],
      ['5', '"'],
      [',', '5'],
      [',', '.'],
      [';', "'"],
    ] as const) {
      const text = body.replace(/,/g, delimiter === ',' ? ',' : delimiter).replace(/"/g, quote);
      const columns = { a: 'number', b: 'number', c: 'number' } as const;
      for (const chunkSize of [1, 65_536]) {
        await same(text, { delimiter, quote, chunkSize });
        await same(text, { delimiter, quote, chunkSize, columns });
        await same(text, { delimiter, quote, chunkSize, columns, decimalComma: true });
        await same(text.replace(/\n/g, '\r\n'), { delimiter, quote, chunkSize, columns });
      }
    }
  });

  it('300 random files of mostly ordinary records with unusual ones, in random pieces', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = createRandom(seed);
      const [, rewrite, options] = pick(r, variants);
      let text = header;
      const n = 20 + r.integer(200);
      for (let k = 0; k < n; k++) text += r.uniform() < 0.05 ? pick(r, unusual) : ordinary(r.integer(1000));
      const bytes = bytesOf(rewrite(text), options.encoding);
      const cuts = Array.from({ length: r.integer(30) }, () => r.integer(bytes.length));
      const chunkSize = pick(r, [1, 7, 64, 65_536]);
      await same(bytes, { ...options, chunkSize, request: pick(r, requests) }, cuts);
      await same(bytes, { ...options, chunkSize, model, request: pick(r, requests) }, cuts);
    }
  });
});
