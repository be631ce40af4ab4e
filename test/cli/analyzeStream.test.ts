// `loyalty-drivers analyze` on a file runs the streaming analyzeSource; on standard input it
// reads the rows (the path every release before had). Both print the same tables, and the same
// CSV cells and JSON result to 1e-10 relative, on the example survey.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../docs/examples.js';
import { numericDifferences } from './close.js';
import { runCli } from './run.js';

const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');
const TEXT = readFileSync(DATA, 'utf8');

describe('analyze: the file path streams, standard input reads rows, same output', () => {
  it('--format table: the same text', async () => {
    const streamed = await runCli(['analyze', DATA, '--model', MODEL]);
    const rows = await runCli(['analyze', '-', '--model', MODEL], TEXT);
    expect(streamed.code).toBe(0);
    expect(rows.code).toBe(0);
    expect(streamed.stdout).toBe(rows.stdout);
    expect(streamed.stderr).toBe(rows.stderr);
  });
  // CSV prints full precision: the streamed sections agree with the rows' to rounding (the
  // regression's TSQR factor to about 1e-14), so numbers are compared to 1e-10 relative.
  it('--format csv: the same cells, numbers to 1e-10 relative', async () => {
    const streamed = await runCli(['analyze', DATA, '--model', MODEL, '--format', 'csv']);
    const rows = await runCli(['analyze', '-', '--model', MODEL, '--format', 'csv'], TEXT);
    const cells = (text: string) =>
      text.split('\n').map((line) => line.split(',').map((c) => (c !== '' && Number.isFinite(Number(c)) ? Number(c) : c)));
    expect(streamed.code).toBe(0);
    expect(numericDifferences(cells(streamed.stdout), cells(rows.stdout))).toEqual([]);
  });
  it('--format json: the same result, numbers to 1e-10 relative, and the input named', async () => {
    const streamed = await runCli(['analyze', DATA, '--model', MODEL, '--format', 'json']);
    const rows = await runCli(['analyze', '-', '--model', MODEL, '--format', 'json'], TEXT);
    const a = JSON.parse(streamed.stdout);
    const b = JSON.parse(rows.stdout);
    expect(a.input).toEqual({ file: DATA, format: 'csv', rows: 2000 });
    expect(b.input).toEqual({ file: 'stdin', format: 'csv', rows: 2000 });
    expect(numericDifferences(a.result, b.result)).toEqual([]);
    expect(a.notes).toEqual(b.notes);
  });
  it('--row-limit: past it the row-bound sections (the panel transitions) are skipped and named; a bad value is a usage error', async () => {
    const limited = await runCli(['analyze', DATA, '--model', MODEL, '--row-limit', '1000', '--format', 'json']);
    expect(limited.code).toBe(0);
    const skipped = JSON.parse(limited.stdout).result.skipped as { section: string; code: string }[];
    expect(skipped.map((s) => s.section)).toEqual(['transitions']);
    expect(new Set(skipped.map((s) => s.code))).toEqual(new Set(['TOO_MANY_ROWS']));
    const none = await runCli(['analyze', DATA, '--model', MODEL, '--row-limit', 'none', '--format', 'json']);
    expect(JSON.parse(none.stdout).result.skipped).toEqual([]);
    const bad = await runCli(['analyze', DATA, '--model', MODEL, '--row-limit', '-3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--row-limit/);
  });
});
