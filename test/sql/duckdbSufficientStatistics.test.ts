// duckdbSufficientStatistics: the example survey (CSV, and the same data as Parquet and as a
// table) in DuckDB equals streamSufficientStatistics to 1e-12 relative; errors keep the
// library's codes; without @duckdb/node-api: MISSING_DEPENDENCY.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, parseModel, type SufficientStatistics } from '../../src/index.js';
import { streamSufficientStatistics } from '../../src/io/index.js';
import { duckdbSufficientStatistics } from '../../src/sql/index.js';
import { duckdbPeer } from '../../src/sql/duckdb.js';
import { readFileSync } from 'node:fs';

const CSV = 'examples/data/loyalty-survey.csv';
const model = parseModel(readFileSync('examples/data/model.json', 'utf8'));
const variables = ['satisfaction', 'image', 'trust', 'engagement', 'recommend'];

function relDiff(a: SufficientStatistics, b: SufficientStatistics): number {
  let max = 0;
  a.means.forEach((m, j) => {
    max = Math.max(max, Math.abs(m - b.means[j]!) / Math.abs(b.means[j]!));
  });
  a.sscp.forEach((row, j) =>
    row.forEach((s, l) => {
      max = Math.max(max, Math.abs(s - b.sscp[j]![l]!) / Math.sqrt(b.sscp[j]![j]! * b.sscp[l]![l]!));
    }),
  );
  return max;
}

let tmp = '';
let parquet = '';
let database = '';
beforeAll(async () => {
  // A Parquet copy and a database table of the survey, made by DuckDB from the CSV.
  tmp = mkdtempSync(join(tmpdir(), 'loyalty-drivers-sql-'));
  parquet = join(tmp, 'survey.parquet');
  database = join(tmp, 'survey.duckdb');
  const instance = await DuckDBInstance.create(database);
  const c = await instance.connect();
  await c.run(`CREATE TABLE survey AS SELECT * FROM read_csv('${CSV}', nullstr = ['', 'NA'])`);
  await c.run(`COPY survey TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('duckdbSufficientStatistics on the example survey', () => {
  it('CSV, Parquet and a table each equal streamSufficientStatistics to 1e-12 (weighted, scale scores from items, missing codes)', async () => {
    const plan = { model, variables, weights: 'weight' };
    const js = await streamSufficientStatistics(CSV, plan);
    for (const source of [CSV, parquet, { table: 'survey' }] as const) {
      const s = await duckdbSufficientStatistics(source, { ...plan, database, threads: 1 });
      expect(s.n, JSON.stringify(source)).toBe(js.n);
      expect(s.missing).toEqual(js.missing);
      expect(Math.abs(s.weightSum - js.weightSum) / js.weightSum).toBeLessThan(1e-12);
      expect(relDiff(s, js)).toBeLessThan(1e-12);
    }
  });

  it('by wave: each wave equals the JS path on that wave', async () => {
    const groups = await duckdbSufficientStatistics(CSV, { model, variables, groupBy: 'wave' });
    expect(groups.map((g) => g.group)).toEqual([{ wave: 1 }, { wave: 2 }]);
    const text = readFileSync(CSV, 'utf8').split('\n');
    for (const { group, statistics } of groups) {
      const rows = [text[0], ...text.slice(1).filter((l) => l.split(',')[1] === String(group.wave))].join('\n');
      const js = await streamSufficientStatistics([rows], { file: 'wave.csv', model, variables });
      expect(statistics.n).toBe(js.n);
      expect(statistics.missing).toEqual(js.missing);
      expect(relDiff(statistics, js)).toBeLessThan(1e-12);
    }
  });

  it('a query as the source', async () => {
    const s = await duckdbSufficientStatistics(
      { query: `SELECT * FROM read_parquet('${parquet}') WHERE region = 'South'` },
      { variables: ['recommend', 'csat'] },
    );
    expect(s.missing.rowsIn).toBeGreaterThan(0);
    expect(s.missing.rowsIn).toBeLessThan(2000);
  });

  it('errors: an unknown column, a missing file, a range the model declares', async () => {
    await expect(duckdbSufficientStatistics(CSV, { variables: ['recommend', 'recomend'] })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
    await expect(duckdbSufficientStatistics('nope.csv', { variables: ['x'] })).rejects.toThrow(
      /nope\.csv: cannot read the file \(no such file\)/,
    );
    // recommend (0-10) declared at most 5: OUT_OF_RANGE naming the column and its maximum.
    await expect(duckdbSufficientStatistics(CSV, { variables: ['recommend'], columns: { recommend: { max: 5 } } })).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
      location: { column: 'recommend', value: 10 },
    });
    await expect(duckdbSufficientStatistics(CSV, { variables: ['region', 'recommend'] })).rejects.toMatchObject({ code: 'NOT_NUMERIC' });
  });

  it('without @duckdb/node-api: InputError MISSING_DEPENDENCY naming the install command', async () => {
    const load = duckdbPeer.load;
    duckdbPeer.load = () =>
      Promise.reject(Object.assign(new Error("Cannot find package '@duckdb/node-api'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    try {
      const e = await duckdbSufficientStatistics(CSV, { variables: ['recommend'] }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect(e).toMatchObject({ code: 'MISSING_DEPENDENCY' });
      expect((e as Error).message).toContain('npm install @duckdb/node-api');
    } finally {
      duckdbPeer.load = load;
    }
  });
});
