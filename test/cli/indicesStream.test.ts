// `loyalty-drivers indices` streams the file through the columnar reader into IndexAccumulator.
// Its output is the row path's (the files in test/fixtures/indices-stream/, written by the
// command before it streamed): the table, and the JSON and CSV of a file, byte for byte; the JSON
// of standard input (read once, so no exact second pass) field for field, numbers to 1e-12
// relative (the weighted SEs move in their last bits: one pass sums the Taylor variance per
// distinct score, not per row); the messages of bad inputs word for word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../docs/examples.js';
import { runCli } from './run.js';

const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'indices-stream');
const expected = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function close(a: unknown, b: unknown, path: string): void {
  if (typeof b === 'number' && typeof a === 'number') {
    const d = Math.abs(a - b) / (Math.abs(b) > 1e-12 ? Math.abs(b) : 1);
    expect(d, `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12);
  } else if (b !== null && typeof b === 'object') {
    expect(Object.keys(a as object), path).toEqual(Object.keys(b));
    for (const k of Object.keys(b)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else expect(a, path).toEqual(b);
}

describe('indices, streamed: the output of the row path', () => {
  it('the table with the model, byte for byte', async () => {
    const r = await runCli(['indices', DATA, '--model', MODEL]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected('expected-model.txt'));
  });

  it('the table from flags (other items, Wald, 90%) and from standard input without weights', async () => {
    const flags = ['--recommend', 'recommend', '--csat', 'csat', '--loyalty-items', 'recommend,upsell_intent', '--retained', 'retained'];
    const a = await runCli(['indices', DATA, ...flags, '--interval', 'wald', '--confidence', '0.9']);
    expect(a.stdout).toBe(expected('expected-flags.txt'));
    const b = await runCli(['indices', '--model', MODEL, '--weights', 'none'], readFileSync(DATA, 'utf8'));
    expect(b.stdout).toBe(expected('expected-stdin.txt'));
  });

  it('the JSON and CSV of a file, byte for byte (a second pass makes the weighted SEs exact)', async () => {
    const r = await runCli(['indices', DATA, '--model', MODEL, '--format', 'json']);
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    // The fixture was written with the paths as given then: the rest must be the same text.
    const want = JSON.parse(expected('expected-model.json')) as Record<string, unknown>;
    got['input'] = want['input'];
    got['model'] = want['model'];
    expect(`${JSON.stringify(got, null, 2)}\n`).toBe(expected('expected-model.json'));
    const csv = await runCli(['indices', DATA, '--model', MODEL, '--format', 'csv']);
    expect(csv.stdout).toBe(expected('expected-model.csv'));
  });

  it('the JSON from standard input (one pass): the same fields, numbers to 1e-12', async () => {
    const r = await runCli(['indices', '--model', MODEL, '--format', 'json'], readFileSync(DATA, 'utf8'));
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    const want = JSON.parse(expected('expected-model.json')) as Record<string, unknown>;
    want['input'] = { ...(want['input'] as object), file: 'stdin' };
    want['model'] = MODEL;
    close(got, want, 'output');
  });
});

describe('indices, streamed: the messages of the row path', () => {
  const run = (name: string) => {
    const file = join(FIXTURES, `${name}.csv`);
    return runCli(['indices', file, '--recommend', 'recommend', '--csat', 'csat', '--weights', 'w']).then((r) => ({
      code: r.code,
      stderr: r.stderr.replaceAll(file, 'FILE').trim(),
    }));
  };
  it('a score off the scale and a negative weight name the column, row and line', async () => {
    expect(await run('off-scale')).toEqual({
      code: 1,
      stderr:
        'loyalty-drivers: OUT_OF_RANGE: column "recommend", row 1: expected an integer from 0 to 10, got 11 (give it with --missing-codes or in the model file\'s "missingCodes" if it codes a missing answer) (FILE, line 3, column "recommend")',
    });
    expect(await run('negative-weight')).toEqual({
      code: 1,
      stderr:
        'loyalty-drivers: OUT_OF_RANGE: column "recommend", row 1: expected a number >= 0, got -1 (give it with --missing-codes or in the model file\'s "missingCodes" if it codes a missing answer) (FILE, line 3, column "recommend")',
    });
  });
  it('an all-missing column, all-zero weights, a text cell, a header-only file (and on standard input)', async () => {
    expect(await run('all-missing')).toEqual({
      code: 1,
      stderr:
        'loyalty-drivers: TOO_FEW_CASES: column "recommend" of FILE has no value in any of the 3 rows (every cell empty or a missing code): values: 0 non-missing values of 3; need at least 1',
    });
    expect(await run('zero-weights')).toEqual({
      code: 1,
      stderr: 'loyalty-drivers: OUT_OF_RANGE: weight column "w": every weight is zero; expected at least one positive weight',
    });
    expect(await run('text-cell')).toEqual({
      code: 1,
      stderr:
        'loyalty-drivers: NOT_NUMERIC: FILE, line 3, column 3 ("csat"): expected a number (column "csat" is declared numeric), got "x"',
    });
    expect(await run('header-only')).toEqual({
      code: 1,
      stderr:
        'loyalty-drivers: EMPTY_INPUT: FILE: no data rows (the file has its header line, columns id, recommend, csat, w, and nothing under it)',
    });
    const stdin = await runCli(['indices', '--recommend', 'recommend'], 'id,recommend,csat,w\n');
    expect(stdin.stderr.trim()).toBe(
      'loyalty-drivers: EMPTY_INPUT: stdin: no data rows (the file has its header line, columns id, recommend, csat, w, and nothing under it)',
    );
  });
});
