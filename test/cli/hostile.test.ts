// The command-line tool under bad, partial and hostile input (issue 13, the input/output items),
// in-process through main(argv, io): an output file that cannot be written, the input flags
// (--input-format, --delimiter, --decimal, --encoding) and what is recognised without them,
// sampled Shapley, the bounds of --bootstrap, and messages that name the column the user wrote.
// Every expectation is written by hand from the input shown next to it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { OutputFileError, writeOutputFile } from '../../src/cli/files.js';
import { detectDelimiter, detectJson, planInput } from '../../src/cli/input.js';
import { ROOT } from '../docs/examples.js';
import { runCli } from './run.js';

const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');
const TMP = join(ROOT, 'test', '.tmp', 'cli-hostile');

/** One line on standard error, no stack trace, starting with the tool's name. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toMatch(/^loyalty-drivers: /);
  return lines[0]!;
}

/** Arguments with which each command succeeds on the example survey. */
const RUNS: Readonly<Record<string, readonly string[]>> = {
  analyze: ['analyze', DATA, '--model', MODEL],
  indices: ['indices', DATA, '--recommend', 'recommend'],
  reliability: ['reliability', DATA, '--model', MODEL],
  regress: ['regress', DATA, '--model', MODEL],
  importance: ['importance', DATA, '--model', MODEL],
  segment: ['segment', DATA, '--model', MODEL],
  compare: ['compare', DATA, '--model', MODEL],
  report: ['report', DATA, '--model', MODEL],
  paths: ['paths', join(ROOT, 'examples', 'data', 'ecsi.csv'), '--model', join(ROOT, 'examples', 'data', 'ecsi-model.json')],
};

// NPS of 9, 7, 10, 3, 10: promoters 3 (9, 10, 10), detractors 1 (3), n 5 -> 100 (3 - 1) / 5 = 40.
const NPS_ROWS = [
  ['1', '9'],
  ['2', '7'],
  ['3', '10'],
  ['4', '3'],
  ['5', '10'],
];

beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('-o to a path that cannot be written (item 1)', () => {
  it('covers every command of the tool', () => {
    expect(Object.keys(RUNS).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });
  for (const name of Object.keys(RUNS)) {
    it(`${name}: a missing directory and a directory each exit 1 naming the path and the reason, writing nothing`, async () => {
      const missing = join(TMP, 'no-such-dir', 'out.txt');
      const a = await runCli([...RUNS[name]!, '-o', missing]);
      expect(a.code).toBe(1);
      expect(a.stdout).toBe('');
      expect(oneLine(a.stderr)).toBe(
        `loyalty-drivers: FILE_NOT_WRITABLE: cannot write "${missing}": the directory ${join(TMP, 'no-such-dir')} does not exist`,
      );
      expect(existsSync(join(TMP, 'no-such-dir'))).toBe(false);
      const b = await runCli([...RUNS[name]!, '-o', TMP]);
      expect(b.code).toBe(1);
      expect(b.stdout).toBe('');
      expect(oneLine(b.stderr)).toMatch(
        new RegExp(`^loyalty-drivers: FILE_NOT_WRITABLE: cannot write "${TMP.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": it is a directory`),
      );
    });
  }
  it('a path under a file (not a directory) exits 1', async () => {
    const file = join(TMP, 'plain.txt');
    writeFileSync(file, 'x');
    const r = await runCli([...RUNS['indices']!, '-o', join(file, 'out.txt')]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/FILE_NOT_WRITABLE: cannot write ".*plain\.txt\/out\.txt": /);
  });
  it('a writable path gets the whole output and no temporary file is left', async () => {
    const dir = join(TMP, 'ok');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'indices.txt');
    writeFileSync(out, 'old content');
    const r = await runCli([...RUNS['indices']!, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const direct = await runCli(RUNS['indices']!);
    expect(readFileSync(out, 'utf8')).toBe(direct.stdout);
    expect(readdirSync(dir)).toEqual(['indices.txt']);
  });
  it('a write that fails after the check throws OutputFileError and leaves no file', async () => {
    const dir = join(TMP, 'gone');
    await expect(writeOutputFile(join(dir, 'x.txt'), 'text')).rejects.toThrow(OutputFileError);
    await expect(writeOutputFile(join(dir, 'x.txt'), 'text')).rejects.toThrow(
      `cannot write "${join(dir, 'x.txt')}": the directory ${dir} does not exist`,
    );
    expect(existsSync(dir)).toBe(false);
  });
});

describe('input formats, delimiters, decimal commas and encodings (item 4)', () => {
  const table = (sep: string) => ['id,recommend', ...NPS_ROWS.map((r) => r.join(','))].map((l) => l.replace(/,/g, sep)).join('\n') + '\n';
  const npsOf = async (args: string[], input?: string): Promise<{ nps: number; format: string }> => {
    const r = await runCli([...args, '--format', 'json'], input);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    return { nps: out.result.nps.estimate, format: out.input.format };
  };
  it('a semicolon, tab or pipe in the header line is detected in a file and on standard input', async () => {
    for (const [sep, format] of [
      [';', 'csv'],
      ['|', 'csv'],
      ['\t', 'tsv'],
      [',', 'csv'],
    ] as const) {
      const file = join(TMP, `sep-${sep === '\t' ? 'tab' : sep === '|' ? 'pipe' : sep === ';' ? 'semi' : 'comma'}.csv`);
      writeFileSync(file, table(sep));
      expect(await npsOf(['indices', file, '--recommend', 'recommend'])).toEqual({ nps: 40, format });
      expect(await npsOf(['indices', '--recommend', 'recommend'], table(sep))).toEqual({ nps: 40, format });
    }
  });
  it('--delimiter overrides the detection; a bad value is a usage error', async () => {
    // "a;b" under --delimiter , is one column named "id;recommend": the column is not found.
    const r = await runCli(['indices', '--recommend', 'recommend', '--delimiter', ','], table(';'));
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/COLUMN_NOT_FOUND/);
    expect(await npsOf(['indices', '--recommend', 'recommend', '--delimiter', ';'], table(';'))).toEqual({ nps: 40, format: 'csv' });
    expect(await npsOf(['indices', '--recommend', 'recommend', '--delimiter', 'tab'], table('\t'))).toEqual({ nps: 40, format: 'tsv' });
    const bad = await runCli(['indices', '--recommend', 'recommend', '--delimiter', ':'], table(';'));
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/usage error: --delimiter: expected , or ";" or "\|" or tab, got ":"/);
  });
  it('--decimal , reads 3,5 as 3.5 (with ";"); without it the error says to pass it; "," with --delimiter , is a usage error', async () => {
    // spend 3.5, 4.25, 1.0, 2.0, 5.5 against recommend 9, 7, 10, 3, 10: the same fit from dots and from commas.
    const spend = ['3.5', '4.25', '1.0', '2.0', '5.5'];
    const dots = ['id,recommend,spend', ...NPS_ROWS.map((r, i) => `${r.join(',')},${spend[i]}`)].join('\n') + '\n';
    const commas = ['id;recommend;spend', ...NPS_ROWS.map((r, i) => `${r.join(';')};${spend[i]!.replace('.', ',')}`)].join('\n') + '\n';
    const args = ['regress', '--outcome', 'recommend', '--predictors', 'spend', '--format', 'json'];
    const a = await runCli(args, dots);
    const b = await runCli([...args, '--decimal', ','], commas);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).result).toEqual(JSON.parse(a.stdout).result);
    const c = await runCli(args, commas);
    expect(c.code).toBe(1);
    expect(oneLine(c.stderr)).toMatch(
      /NOT_NUMERIC: stdin, line 2, column 3 \("spend"\): .*got "3,5"; if the file writes decimal commas, run with --decimal ,/,
    );
    const d = await runCli([...args, '--decimal', ',', '--delimiter', ','], dots);
    expect(d.code).toBe(2);
    expect(oneLine(d.stderr)).toMatch(/usage error: --decimal ,: the decimal comma needs another delimiter/);
  });
  it('JSON, NDJSON, a JSON object of columns and TSV on standard input are recognised from their first bytes', async () => {
    const rows = NPS_ROWS.map(([id, r]) => ({ id, recommend: Number(r) }));
    expect(await npsOf(['indices', '--recommend', 'recommend'], `  \n${JSON.stringify(rows, null, 2)}`)).toEqual({
      nps: 40,
      format: 'json',
    });
    expect(await npsOf(['indices', '--recommend', 'recommend'], rows.map((r) => JSON.stringify(r)).join('\n'))).toEqual({
      nps: 40,
      format: 'ndjson',
    });
    expect(
      await npsOf(
        ['indices', '--recommend', 'recommend'],
        JSON.stringify({ id: rows.map((r) => r.id), recommend: rows.map((r) => r.recommend) }),
      ),
    ).toEqual({ nps: 40, format: 'json' });
    expect(await npsOf(['indices', '--recommend', 'recommend'], `{\n  "recommend": [9, 7, 10, 3, 10]\n}\n`)).toEqual({
      nps: 40,
      format: 'json',
    });
    expect(await npsOf(['indices', '--recommend', 'recommend'], table('\t'))).toEqual({ nps: 40, format: 'tsv' });
    // --input-format says it outright; a wrong value is a usage error.
    expect(
      await npsOf(['indices', '--recommend', 'recommend', '--input-format', 'ndjson'], rows.map((r) => JSON.stringify(r)).join('\n')),
    ).toEqual({ nps: 40, format: 'ndjson' });
    const bad = await runCli(['indices', '--recommend', 'recommend', '--input-format', 'xml'], table(','));
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/--input-format: expected csv, tsv, json or ndjson, got "xml"/);
  });
  it('the detection rules: the most frequent delimiter outside quotes, JSON from "[" or "{"', () => {
    expect(detectDelimiter('id;name;"a,b,c"')).toBe(';');
    expect(detectDelimiter('"x;y",a,b')).toBe(',');
    expect(detectDelimiter('single')).toBeUndefined();
    expect(detectDelimiter('a\tb,c\td')).toBe('\t');
    expect(detectJson('\uFEFF [ {"a": 1} ]')).toBe('json');
    expect(detectJson('{"a": 1}\n{"a": 2}')).toBe('ndjson');
    expect(detectJson('{"a": [1, 2]}')).toBe('json');
    expect(detectJson('id,a')).toBeUndefined();
    // The extension decides the format; the header decides the delimiter of CSV.
    expect(planInput({ decimalComma: false }, 'x.json', 'id,a')).toMatchObject({ format: 'json', formatFrom: 'extension' });
    expect(planInput({ decimalComma: false }, 'x.csv', '[1]')).toMatchObject({ format: 'csv', delimiter: ',' });
    expect(planInput({ decimalComma: false }, 'x.csv', 'a;b\n1;2')).toMatchObject({
      format: 'csv',
      delimiter: ';',
      delimiterFrom: 'header',
    });
    expect(planInput({ decimalComma: false }, undefined, '\n\n a\tb\n')).toMatchObject({ format: 'tsv', delimiter: '\t' });
  });
  it('--encoding latin1 reads a Latin-1 file; without it the message says to pass the flag (not a library option)', async () => {
    const file = join(TMP, 'latin1.csv');
    // "Zürich" in Latin-1: ü is the single byte 0xFC, which is not valid UTF-8.
    writeFileSync(file, Buffer.concat([Buffer.from('id,city,recommend\n1,Z'), Buffer.from([0xfc]), Buffer.from('rich,9\n2,Bern,3\n')]));
    const a = await runCli(['indices', file, '--recommend', 'recommend']);
    expect(a.code).toBe(1);
    const line = oneLine(a.stderr);
    expect(line).toMatch(/not valid UTF-8.*run with --encoding latin1/);
    expect(line).not.toMatch(/encoding: "latin1"/);
    const b = await runCli([
      'segment',
      file,
      '--attitude',
      'recommend',
      '--attitude-cut',
      '5',
      '--behaviour',
      'recommend',
      '--behaviour-cut',
      '5',
      '--profile',
      'city',
      '--encoding',
      'latin1',
      '--format',
      'json',
    ]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(JSON.stringify(JSON.parse(b.stdout).result)).toContain('Zürich');
    const c = await runCli(['indices', file, '--recommend', 'recommend', '--encoding', 'cp1252']);
    expect(c.code).toBe(2);
    expect(oneLine(c.stderr)).toMatch(/--encoding: expected utf8 or latin1/);
  });
  it('sampled Shapley: above 25 predictors the message names --shapley sampled, and the flag runs it', async () => {
    // 27 predictors, 40 rows: y = d01 + d02 + small noise (deterministic, from sines).
    const p = 27;
    const names = Array.from({ length: p }, (_, j) => `d${String(j + 1).padStart(2, '0')}`);
    const lines = [['y', ...names].join(',')];
    for (let i = 0; i < 40; i++) {
      const x = names.map((_, j) => Math.sin(1.3 * (i + 1) * (j + 1) + j));
      lines.push([x[0]! + x[1]! + 0.1 * Math.cos(7 * i), ...x].map((v) => v.toFixed(6)).join(','));
    }
    const file = join(TMP, 'wide.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['importance', file, '--outcome', 'y', '--predictors', names.join(','), '--metrics', 'lmg'];
    const a = await runCli(args);
    expect(a.code).toBe(1);
    expect(oneLine(a.stderr)).toMatch(/LIMIT_EXCEEDED: .*27 predictors exceed the exact limit of 25.*run with --shapley sampled/);
    expect(a.stderr).not.toMatch(/shapley: \{/);
    const b = await runCli([...args, '--shapley', 'sampled']);
    expect(b.code).toBe(1);
    expect(oneLine(b.stderr)).toMatch(/dominanceAnalysis: 27 predictors.*run with --no-dominance/);
    const c = await runCli([...args, '--shapley', 'sampled', '--permutations', '200', '--seed', '3', '--no-dominance', '--format', 'json']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const shapley = JSON.parse(c.stdout).result.importance.shapley;
    expect(shapley).toMatchObject({ method: 'sampled', permutations: 200, seed: 3 });
    const d = await runCli([...args, '--permutations', '201', '--shapley', 'sampled']);
    expect(d.code).toBe(2);
    expect(oneLine(d.stderr)).toMatch(/--permutations: expected an even whole number of orderings, at least 4, got "201"/);
    const e = await runCli([...args, '--shapley', 'shuffled']);
    expect(e.code).toBe(2);
  });
});

describe('--bootstrap is checked when the flags are parsed (item 7)', () => {
  const commands = ['analyze', 'importance', 'reliability', 'compare', 'report'];
  it('below 50, above 1,000,000, fractional, negative or not a number: exit 2 with the range, before the data are read', async () => {
    for (const name of commands) {
      for (const value of ['10', '49', '1e9', '1000001', '2.5', '-1', 'many', '']) {
        // The data file does not exist: the usage error comes first.
        const r = await runCli([name, join(TMP, 'absent.csv'), '--model', MODEL, `--bootstrap=${value}`]);
        expect(r.code, `${name} --bootstrap ${value}`).toBe(2);
        expect(oneLine(r.stderr)).toBe(
          `loyalty-drivers: usage error: --bootstrap: expected 0 (none) or a whole number of replicates from 50 to 1,000,000, got "${value}" (see: loyalty-drivers ${name} --help)`,
        );
      }
    }
  });
  it('0 is none, 50 is accepted', async () => {
    const zero = await runCli(['importance', DATA, '--model', MODEL, '--bootstrap', '0', '--format', 'json', '--no-dominance']);
    expect(zero.code).toBe(0);
    expect(JSON.parse(zero.stdout).result.importance.bootstrap ?? null).toBeNull();
  });
  it('the help of every command with --bootstrap states the range', async () => {
    for (const name of commands) {
      const r = await runCli([name, '--help']);
      expect(r.stdout).toMatch(/--bootstrap N, --seed S .*N from 50 to 1,000,000 replicates, default 0 \(none\)/);
    }
  });
});

describe('messages name the column the user wrote (item 8)', () => {
  it('a header-only file: no data rows, naming the file and its columns', async () => {
    const file = join(TMP, 'header-only.csv');
    writeFileSync(file, 'id,recommend,csat\n');
    for (const args of [
      ['indices', file, '--recommend', 'recommend'],
      ['regress', file, '--outcome', 'recommend', '--predictors', 'csat'],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toBe(
        `loyalty-drivers: EMPTY_INPUT: ${file}: no data rows (the file has its header line, columns id, recommend, csat, and nothing under it)`,
      );
    }
    const json = await runCli(['indices', '--recommend', 'recommend'], '[]');
    expect(json.code).toBe(1);
    expect(oneLine(json.stderr)).toMatch(/EMPTY_INPUT: stdin: no data rows/);
  });
  it('an all-missing recommend names the column', async () => {
    const r = await runCli(['indices', '--recommend', 'recommend', '--missing-codes=-99'], 'id,recommend\n1,\n2,NA\n3,-99\n');
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(
      /^loyalty-drivers: TOO_FEW_CASES: column "recommend" of stdin has no value in any of the 3 rows \(every cell empty or a missing code\): /,
    );
  });
  it('all-zero weights name the weight column, not a library argument', async () => {
    const input = 'id,recommend,csat,w\n1,9,4,0\n2,3,5,0\n3,10,2,0\n';
    const a = await runCli(['indices', '--recommend', 'recommend', '--weights', 'w'], input);
    expect(a.code).toBe(1);
    expect(oneLine(a.stderr)).toBe(
      'loyalty-drivers: OUT_OF_RANGE: weight column "w": every weight is zero; expected at least one positive weight',
    );
    const b = await runCli(['regress', '--outcome', 'recommend', '--predictors', 'csat', '--weights', 'w'], input);
    expect(b.code).toBe(1);
    expect(oneLine(b.stderr)).toBe(
      'loyalty-drivers: OUT_OF_RANGE: weight column "w": every weight is zero in the 3 complete cases; expected at least one positive weight',
    );
  });
  it('an all-empty item is named by every command that fails on it', async () => {
    // The first 300 rows of the example survey with tru2 (an item of the trust scale) emptied.
    const [header, ...body] = readFileSync(DATA, 'utf8').trim().split('\n');
    const names = header!.split(',').map((h) => h.replace(/"/g, ''));
    const j = names.indexOf('tru2');
    const rows = body.slice(0, 300).map((l) =>
      l
        .split(',')
        .map((c, k) => (k === j ? '' : c))
        .join(','),
    );
    const file = join(TMP, 'empty-item.csv');
    writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
    for (const name of ['reliability', 'analyze', 'importance', 'regress']) {
      const r = await runCli([name, file, '--model', MODEL]);
      expect(r.code, name).toBe(1);
      const line = oneLine(r.stderr);
      expect(line, name).toMatch(/TOO_FEW_CASES/);
      expect(line, name).toMatch(/tru2/);
    }
  });
});

describe('NPS cut flags are points of the 0-10 scale', () => {
  it('--promoter-min 11 is a usage error (exit 2) naming the range', async () => {
    const r = await runCli(['indices', '-', '--recommend', 'recommend', '--promoter-min', '11'], 'recommend\n10\n9\n3\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--promoter-min: expected a whole number from 0 to 10');
  });
});
