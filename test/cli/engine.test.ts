// `--engine duckdb` and Parquet input: analyze, importance and regress with the statistics from
// DuckDB equal the same commands on rows (the example survey) to 1e-12 relative, section by
// section; the flags that need rows are refused; other commands refuse Parquet input.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const CSV = 'examples/data/loyalty-survey.csv';
const MODEL = 'examples/data/model.json';

/** Largest relative difference over the numbers both results hold (convergence diagnostics aside). */
function maxRel(a: unknown, b: unknown, path = ''): { max: number; at: string } {
  if (typeof a === 'number' && typeof b === 'number') {
    // Numbers below 1e-9 (a saturated factor model's zero residuals, the F test's p < 2e-16, whose
    // tail amplifies rounding) are compared to 1e-9 instead of their own size.
    return { max: a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-9), at: path };
  }
  let best = { max: 0, at: '' };
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const [k, v] of Object.entries(b)) {
      // A 3-item factor model is saturated: its fit statistics are zero up to the iteration's tolerance.
      if (!(k in a) || k === 'convergence' || k === 'iterations' || k === 'fit') continue;
      const r = maxRel((a as Record<string, unknown>)[k], v, `${path}.${k}`);
      if (r.max > best.max) best = r;
    }
  }
  return best;
}

async function json(args: string[]): Promise<Record<string, any>> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).result;
}

let tmp = '';
let parquet = '';
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'loyalty-drivers-cli-sql-'));
  parquet = join(tmp, 'survey.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`COPY (SELECT * FROM read_csv('${CSV}', nullstr = ['', 'NA'])) TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('--engine duckdb', () => {
  it('importance: importance, dominance and priorities equal the rows path to 1e-12; CSV and Parquet alike', async () => {
    const rows = await json(['importance', CSV, '--model', MODEL]);
    for (const input of [CSV, parquet]) {
      const duck = await json(['importance', input, '--model', MODEL, ...(input === CSV ? ['--engine', 'duckdb'] : [])]);
      expect(duck['engine']).toBe('duckdb');
      for (const key of ['importance', 'dominance', 'priorities']) expect(maxRel(duck[key], rows[key]).max, key).toBeLessThan(1e-12);
      expect(duck['importance'].n).toBe(rows['importance'].n);
    }
  });

  it('regress: the OLS fit equals the rows path to 1e-12', async () => {
    const rows = await json(['regress', CSV, '--model', MODEL, '--outcome', 'recommend']);
    const duck = await json(['regress', CSV, '--model', MODEL, '--outcome', 'recommend', '--engine', 'duckdb']);
    expect(duck['n']).toBe(rows['n']);
    const { engine: _, ...fit } = duck;
    expect(maxRel(fit, rows).max).toBeLessThan(1e-12);
  });

  it('analyze: reliability, HTMT, regression, importance, dominance, priorities equal the rows path; what needs rows is named as left out', async () => {
    const rows = await json(['analyze', CSV, '--model', MODEL]);
    const r = await runCli(['analyze', parquet, '--model', MODEL, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const duck = out.result;
    const rel = maxRel(duck.measurement.reliability, rows['measurement'].reliability);
    expect(rel.max, rel.at).toBeLessThan(1e-12);
    expect(maxRel(duck.measurement.htmt, rows['measurement'].htmt).max).toBeLessThan(1e-12);
    const o = duck.outcomes[0];
    const ref = rows['outcomes'].find((x: { outcome: string }) => x.outcome === o.outcome);
    for (const key of ['regression', 'importance', 'dominance', 'priorities'])
      expect(maxRel(o[key], ref[key]).max, key).toBeLessThan(1e-12);
    expect(duck.waves.map((w: { wave: unknown }) => w.wave)).toEqual([1, 2]);
    expect(out.notes[0]).toMatch(/^left out by --engine duckdb \(they need rows\): indices/);
  });

  it('refuses what needs rows, a bad engine, and standard input', async () => {
    const bad = async (args: string[], message: RegExp) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await bad(
      ['importance', CSV, '--model', MODEL, '--engine', 'duckdb', '--bootstrap', '100'],
      /--bootstrap: the bootstrap resamples rows; not with --engine duckdb/,
    );
    await bad(['regress', CSV, '--model', MODEL, '--engine', 'duckdb', '--robust', 'HC3'], /--robust: .*not with --engine duckdb/);
    await bad(['regress', CSV, '--model', MODEL, '--engine', 'duckdb', '--outcome', 'retained'], /binary outcome/);
    await bad(['analyze', CSV, '--model', MODEL, '--engine', 'sqlite'], /--engine: expected js or duckdb, got "sqlite"/);
    await bad(['importance', '-', '--model', MODEL, '--engine', 'duckdb'], /not standard input/);
    await bad(['importance', CSV, '--model', MODEL, '--engine', 'duckdb', '--decimal', ','], /--decimal: DuckDB reads UTF-8 CSV/);
    await bad(['importance', parquet, '--model', MODEL, '--engine', 'js'], /Parquet file is read through DuckDB/);
  });

  it('a command that reads rows refuses a Parquet file (exit 1, INVALID_OPTION)', async () => {
    const r = await runCli(['indices', parquet, '--model', MODEL]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /INVALID_OPTION: .*survey\.parquet: a Parquet file is read through DuckDB, by analyze, importance and regress/,
    );
  });
});
