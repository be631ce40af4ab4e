// Bad files give one InputError whose message names the file, the 1-based line and the column,
// and whose location carries the 0-based data row and the column name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError } from '../../src/errors.js';
import { parseData, readCsv, readData, readJson, readModel } from '../../src/io/index.js';
import { expectError, testTmpDir } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(testTmpDir(), 'loyalty-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a temp file and returns the rejection of reading it. */
async function readError(name: string, content: string | Buffer, options = {}): Promise<InputError> {
  const file = join(dir, name);
  writeFileSync(file, content);
  try {
    await readData(file, options);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.message.startsWith(file)).toBe(true); // every message starts with the file
    expect(err.message).not.toContain('\n'); // one line
    return err;
  }
  throw new Error(`reading ${name} did not fail`);
}

const HEADER = 'respondent_id,region,sat1,sat2,recommend\n';

describe('malformed CSV', () => {
  it('a quote that pairs with a later one shifts the fields: the record where it starts is named', async () => {
    const e = await readError('shift.csv', `${HEADER}"R1","South",5,6,9\n"R2","West,4,3,9\n"R3","East",1,2,3\n`);
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain('shift.csv, line 3, column 6: 6 fields where the header has 5');
  });

  it('a short (ragged) row names its line and the first absent column', async () => {
    const e = await readError('short.csv', `${HEADER}"R1","South",5,6,9\n"R2","West",4,3\n"R3","East",1,2,3\n`);
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain('short.csv, line 3, column 5 ("recommend"): 4 fields where the header has 5');
    expect(e.location).toMatchObject({ row: 1, column: 'recommend' });
  });

  it('a long row names its line and the extra field', async () => {
    const e = await readError('long.csv', `${HEADER}"R1","South",5,6,9\n"R2","West",4,3,9,1\n`);
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain('long.csv, line 3, column 6: 6 fields where the header has 5');
    expect(e.location.row).toBe(1);
  });

  it('an unterminated quote names the line where the quoted field opens', async () => {
    const e = await readError('quote.csv', `${HEADER}"R1","South",5,6,9\n"R2","West,4,3,9\nR3,East,1,2,3\n`);
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain(
      'quote.csv, line 3, column 2 ("region"): a quoted field opens in the record starting on this line and is never closed',
    );
  });

  it('an unterminated quote in a large file stops at the record size limit, naming where it opened', async () => {
    const rows = Array.from({ length: 80_000 }, (_, i) => `R${i},South,5,6,9`).join('\n');
    const e = await readError('quote-big.csv', `${HEADER}"R0","Nor,1,2,3\n${rows}\n`);
    expect(e.message).toContain('quote-big.csv, line 2, column 2 ("region"): a quoted field opens');
    expect(e.message).toContain('the record grew past 1,048,576 characters');
  });

  it('a record longer than 1 MiB with no quote in it is reported as too long, not as an open quote', async () => {
    // Line 3 holds 2 MiB of unquoted text (no line break, no quote); lines 1-2 are fine.
    const e = await readError('long-line.csv', `${HEADER}R1,South,5,6,9\nR2,${'x'.repeat(2 << 20)},4,3,9\nR3,East,1,2,3\n`);
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain(
      'long-line.csv, line 3: the record starting on this line is longer than 1,048,576 characters, the limit for one record, with no quote open',
    );
    expect(e.message).not.toContain('never closed');
    expect(e.location).toMatchObject({ line: 3, row: 1 });
    // Lines ended by a lone CR in a file whose first line ends with LF are one record: the same reason.
    const cr = await readError('cr-lines.csv', `${HEADER}${'R1,South,5,6,9\r'.repeat(100_000)}\n`);
    expect(cr.message).toContain('cr-lines.csv, line 2: the record starting on this line is longer than 1,048,576 characters');
  });

  it('characters after a closing quote', async () => {
    const e = await readError('close.csv', `a,b\n1,"x"y\n`, { columns: { b: 'number' } });
    // relax_quotes keeps `"x"y` as text; in a numeric column that is NOT_NUMERIC at line 2, column 2.
    expect(e.code).toBe('NOT_NUMERIC');
    expect(e.message).toContain('close.csv, line 2, column 2 ("b")');
  });

  it('a second byte-order mark (a file saved twice with a BOM) corrupts the first header: an error at line 1, column 1', async () => {
    const e = await readError('bom2.csv', `\uFEFF\uFEFF${HEADER}"R1","South",5,6,9\n`);
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain('bom2.csv, line 1, column 1: unexpected byte-order mark (U+FEFF)');
  });

  it('a byte-order mark in the middle (two files joined) names its line and column', async () => {
    const e = await readError('joined.csv', `\uFEFF${HEADER}"R1","South",5,6,9\n\uFEFF"R2","West",4,3,9\n`);
    expect(e.message).toContain('joined.csv, line 3, column 1 ("respondent_id"): unexpected byte-order mark');
    expect(e.location).toMatchObject({ row: 1, column: 'respondent_id' });
  });

  it('a Latin-1 file read as UTF-8', async () => {
    const e = await readError('latin.csv', Buffer.from('region,n\nSüd,3\n', 'latin1'));
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain('latin.csv, line 2, column 1 ("region"): not valid UTF-8');
    expect(e.message).toContain('encoding: "latin1"');
  });

  it('header problems: duplicate name, empty name (R row names)', async () => {
    const dup = await readError('dup.csv', 'a,b,a\n1,2,3\n');
    expect(dup.message).toContain('dup.csv, line 1, column 3 ("a"): column name "a" appears twice (columns 1 and 3)');
    const empty = await readError('rownames.csv', '"","a"\n"1",2\n');
    expect(empty.message).toContain('rownames.csv, line 1, column 1: the header has no name for column 1');
    expect(empty.message).toContain('row.names = FALSE');
  });

  it('an empty file', async () => {
    const e = await readError('empty.csv', '\n\n');
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toContain('empty.csv: the file is empty (no header line)');
  });
});

describe('values that do not fit their column', () => {
  it('text in a declared numeric column', async () => {
    const e = await readError('text.csv', `${HEADER}"R1","South",5,6,9\n"R2","West",4,three,9\n`, { columns: { sat2: 'number' } });
    expect(e.code).toBe('NOT_NUMERIC');
    expect(e.message).toBe(
      `${join(dir, 'text.csv')}, line 3, column 4 ("sat2"): expected a number (column "sat2" is declared numeric), got "three"`,
    );
    expect(e.location).toMatchObject({ row: 1, column: 'sat2', value: 'three' });
  });

  it('text after the first chunk in a column read as numeric: an error that says to declare it', async () => {
    const e = await readError('late.csv', 'a,b\n1,2\n3,4\n5,n/a\n', { chunkSize: 2 });
    expect(e.code).toBe('NOT_NUMERIC');
    expect(e.message).toContain(
      'late.csv, line 4, column 2 ("b"): expected a number (column "b" was read as numeric from the first rows), got "n/a"; declare it "string"',
    );
  });

  it('an undeclared -99 in a 1-7 item of the model: OUT_OF_RANGE with a hint', async () => {
    const model = { scales: { satisfaction: { items: ['sat1', 'sat2'], min: 1, max: 7 } } };
    const e = await readError('codes.csv', `${HEADER}"R1","South",5,-99,9\n`, { model });
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.message).toContain(
      'codes.csv, line 2, column 4 ("sat2"): expected a number from 1 to 7, got -99 (if it codes a missing answer, declare it in missingCodes)',
    );
    // Declared, the same file reads, and the code becomes a missing value.
    const ok = await readData(join(dir, 'codes.csv'), { model: { ...model, missingCodes: [-99] } });
    expect(ok.rows[0]!['sat2']).toBeNull();
    expect(ok.missingCodeCells).toEqual({ sat2: 1 });
  });

  it('a non-integer in an integer column', () => {
    expectError(() => parseData('recommend\n9.5\n', { file: 'nps.csv', model: { recommend: 'recommend' } }), InputError, 'OUT_OF_RANGE', [
      'nps.csv, line 2, column 1 ("recommend"): expected an integer from 0 to 10, got 9.5',
    ]);
  });
});

describe('wrong columns', () => {
  it('a declared column that is not in the header', async () => {
    const e = await readError('cols.csv', HEADER, { columns: { recomend: 'number' } });
    expect(e.code).toBe('COLUMN_NOT_FOUND');
    expect(e.message).toContain('cols.csv, line 1, column "recomend": no column "recomend" in the header (did you mean "recommend"?)');
  });

  it('a model naming a column the file lacks: the model key is named', async () => {
    const model = { scales: { satisfaction: ['sat1', 'sat2', 'sat3'] } };
    const e = await readError('model.csv', `${HEADER}"R1","South",5,6,9\n`, { model });
    expect(e.code).toBe('COLUMN_NOT_FOUND');
    // The path is the key as written in the model (a list here), not of its normalized form.
    expect(e.message).toBe(`${join(dir, 'model.csv')}: model.scales.satisfaction[2]: "sat3" is not a column of the data`);
    expect(e.location).toMatchObject({ argument: 'model.scales.satisfaction[2]', column: 'sat3' });
  });
});

describe('bad JSON', () => {
  it('a syntax error names line and column', async () => {
    const e = await readError('bad.json', '[\n  {"a": 1},\n  {"a": 2,}\n]');
    expect(e.message).toContain('bad.json, line 3, column 11: not valid JSON');
  });

  it("a non-numeric value names the record's line", async () => {
    const e = await readError('text.json', '[\n  {"a": 1},\n  {"a": "two"}\n]', { columns: { a: 'number' } });
    expect(e.code).toBe('NOT_NUMERIC');
    expect(e.message).toContain('text.json, line 3, column "a": expected a number (column "a" is declared numeric), got "two"');
    expect(e.location.row).toBe(1);
  });

  it('NDJSON: a bad line and a record that is not an object', async () => {
    const e = await readError('bad.ndjson', '{"a": 1}\n{"a": 2\n');
    expect(e.message).toContain('bad.ndjson, line 2, column 8: not valid JSON');
    const f = await readError('array.ndjson', '{"a": 1}\n[2]\n');
    expect(f.message).toContain('array.ndjson, line 2: expected an object (one row keyed by column name), got an array');
  });

  it('nested values and columns of unequal length', async () => {
    const e = await readError('nested.json', '[{"a": {"b": 1}}]');
    expect(e.message).toContain('nested.json, line 1, column "a": expected a number, text or null, got an object');
    const f = await readError('columns.json', '{"a": [1, 2], "b": [1]}');
    expect(f.code).toBe('LENGTH_MISMATCH');
    expect(f.message).toContain('column "b" has 1 values where "a" has 2');
  });
});

describe('sources and options', () => {
  it('a missing file or a directory', async () => {
    await expect(readCsv(join(dir, 'nope.csv'))).rejects.toThrow(/nope\.csv: cannot read the file \(no such file\)/);
    await expect(readCsv(dir)).rejects.toThrow(/it is a directory/);
    await expect(readModel(join(dir, 'nope.json'))).rejects.toThrow(/cannot read the model file \(no such file\)/);
  });

  it('bad options', () => {
    expectError(() => parseData('a\n1\n', { delimiter: ';;' }), InputError, 'INVALID_OPTION', [
      'options.delimiter: expected a single character',
    ]);
    expectError(() => parseData('a\n1\n', { format: 'xlsx' as 'csv' }), InputError, 'INVALID_OPTION', ['options.format']);
    expectError(() => parseData('a\n1\n', { chunkSize: 0 }), InputError, 'INVALID_OPTION', ['options.chunkSize']);
    expectError(() => parseData('a\n1\n', { columns: { a: 'integer' as 'number' } }), InputError, 'INVALID_OPTION', ['options.columns.a']);
    expectError(() => parseData('a\n1\n', { model: { scales: 3 } as never }), InputError, 'INVALID_OPTION', ['options.model.scales']);
    expectError(() => parseData(42 as unknown as string), InputError, 'INVALID_OPTION', ["text: expected the file's content as a string"]);
  });

  it("readCsv and readJson refuse each other's formats", async () => {
    await expect(readCsv(['a\n1\n'], { format: 'json' })).rejects.toThrow(/readCsv reads "csv" or "tsv"/);
    await expect(readJson(['[]'], { format: 'csv' })).rejects.toThrow(/readJson reads "json" or "ndjson"/);
  });

  it('an error class check: nothing but InputError escapes a reader', async () => {
    const e = await readError('x.csv', 'a,b\n1\n');
    expect(e).not.toBeInstanceOf(InsufficientDataError);
    expect(e.toJSON()).toMatchObject({ name: 'InputError', code: 'MALFORMED_INPUT', row: 0, column: 'b', line: 2 });
    expect(e.location.file).toMatch(/x\.csv$/);
  });
});
