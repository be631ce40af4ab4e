// sufficientStatisticsSql run in two real engines (DuckDB through @duckdb/node-api, PostgreSQL 18
// through PGlite), read back by sufficientStatisticsFromSql, against (1) the library's JS path
// (streamSufficientStatistics over the same rows as CSV text) and (2) exact rational moments
// (test/sql/data.ts). Tolerance 1e-12 relative: means relative to their value, a co-moment
// S_jl relative to sqrt(S_jj S_ll) (an off-diagonal co-moment near 0 has no relative accuracy
// of its own in any algorithm). Spark SQL and BigQuery: golden strings and a parse by their grammars.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { SparkSQL } from 'dt-sql-parser';
import NodeSqlParser from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InputError,
  InsufficientDataError,
  ols,
  relativeImportance,
  sufficientStatistics,
  sufficientStatisticsFromSql,
  sufficientStatisticsSql,
  type SufficientStatistics,
  type SufficientStatisticsSqlPlan,
} from '../../src/index.js';
import { streamSufficientStatistics } from '../../src/io/index.js';
import type { Row } from '../../src/types.js';
import { exactMoments, surveyRows } from './data.js';

const ROWS = surveyRows(3000);
const COLUMNS = ['big', 'y', 'z', 'item1', 'item2', 'item3', 'w', 'g'];
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'sql');

function csvText(rows: readonly Row[]): string {
  const cell = (x: unknown): string => (x === null || x === undefined ? '' : String(x));
  return `${COLUMNS.join(',')}\n${rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(',')).join('\n')}\n`;
}

/** The JS path: the streaming reducer over the rows as CSV text. */
function jsStatistics(rows: readonly Row[], plan: SufficientStatisticsSqlPlan): Promise<SufficientStatistics> {
  const { groupBy: _g, model: _m, columns: _c, ...rest } = plan;
  return streamSufficientStatistics([csvText(rows)], { file: 'rows.csv', ...rest });
}

/** Largest relative difference (means: to their size; co-moments: to sqrt(S_jj S_ll)). */
function relDiff(a: { means: readonly number[]; sscp: readonly (readonly number[])[] }, b: typeof a): number {
  let max = 0;
  a.means.forEach((m, j) => {
    max = Math.max(max, Math.abs(m - b.means[j]!) / Math.max(Math.abs(b.means[j]!), Math.sqrt(b.sscp[j]![j]!) * 1e-3));
  });
  a.sscp.forEach((row, j) =>
    row.forEach((s, l) => {
      max = Math.max(max, Math.abs(s - b.sscp[j]![l]!) / Math.sqrt(b.sscp[j]![j]! * b.sscp[l]![l]!));
    }),
  );
  return max;
}

const TOL = 1e-12;

const ddl = (double: string, text: string): string =>
  `CREATE TABLE survey (${COLUMNS.map((c) => `${c} ${c === 'g' ? text : double}`).join(', ')})`;
const insert = (rows: readonly Row[]): string =>
  `INSERT INTO survey VALUES ${rows
    .map((r) => `(${COLUMNS.map((c) => (r[c] === null ? 'NULL' : c === 'g' ? `'${r[c]}'` : String(r[c]))).join(', ')})`)
    .join(', ')}`;

interface Engine {
  readonly dialect: 'duckdb' | 'postgres';
  query(sql: string): Promise<Record<string, unknown>[]>;
}

let duck: DuckDBConnection;
let pg: PGlite;
const engines: Engine[] = [
  { dialect: 'duckdb', query: async (sql) => (await duck.runAndReadAll(sql)).getRowObjects() },
  { dialect: 'postgres', query: async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows },
];

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  duck = await instance.connect();
  await duck.run(ddl('DOUBLE', 'VARCHAR'));
  await duck.run(insert(ROWS));
  pg = new PGlite();
  await pg.exec(ddl('DOUBLE PRECISION', 'TEXT'));
  await pg.exec(insert(ROWS));
}, 60_000);

afterAll(async () => {
  duck?.closeSync();
  await pg?.close();
});

const SCALES = { score: { items: ['item1', 'item2', 'item3'], reverse: ['item3'], min: 1, max: 7 } };
const PLANS: Record<string, SufficientStatisticsSqlPlan> = {
  unweighted: { variables: ['big', 'y', 'z'] },
  weighted: { variables: ['big', 'y', 'z'], weights: 'w' },
  'scale score (reverse item, missing code, 2 of 3 answered)': {
    variables: ['score', 'y', 'big'],
    weights: 'w',
    scales: SCALES,
    scoring: { minimumAnswered: 2 },
    missingCodes: [-99],
  },
  'scale score rescaled 0-100, all items': {
    variables: ['y', 'score'],
    scales: SCALES,
    scoring: { rescale: '0-100' },
    missingCodes: [-99],
  },
};

describe.each(engines)('$dialect', (engine) => {
  const run = async (plan: SufficientStatisticsSqlPlan) =>
    sufficientStatisticsFromSql(await engine.query(sufficientStatisticsSql(plan, { dialect: engine.dialect, source: 'survey' })), plan);

  for (const [name, plan] of Object.entries(PLANS)) {
    it(`${name}: equals the JS path to 1e-12 (n, weight sum, missing report, means, co-moments)`, async () => {
      const sql = (await run(plan)) as SufficientStatistics;
      const js = await jsStatistics(ROWS, plan);
      expect(sql.variables).toEqual(js.variables);
      expect(sql.n).toBe(js.n);
      expect(sql.weighted).toBe(js.weighted);
      expect(sql.missing).toEqual(js.missing);
      expect(Math.abs(sql.weightSum - js.weightSum) / js.weightSum).toBeLessThan(TOL);
      expect(relDiff(sql, js)).toBeLessThan(TOL);
    });
  }

  it('the column of mean 1e8 and SD 1: means and co-moments equal the exact rationals to 1e-12 (unweighted and weighted)', async () => {
    for (const weights of [undefined, 'w']) {
      const sql = (await run({ variables: ['big', 'y'], ...(weights ? { weights } : {}) })) as SufficientStatistics;
      const exact = exactMoments(ROWS, ['big', 'y'], [20, 10], weights);
      expect(relDiff(sql, exact), `weights ${weights}`).toBeLessThan(TOL);
      // The variance itself, which a one-pass formula loses entirely at this mean.
      expect(Math.abs(sql.sscp[0]![0]! - exact.sscp[0]![0]!) / exact.sscp[0]![0]!).toBeLessThan(TOL);
    }
  });

  it('grouped by g (a NULL group of its own): each group equals the JS path on its rows', async () => {
    const plan = { ...PLANS['scale score (reverse item, missing code, 2 of 3 answered)']!, groupBy: 'g' };
    const groups = sufficientStatisticsFromSql(
      await engine.query(sufficientStatisticsSql(plan, { dialect: engine.dialect, source: 'survey' })),
      plan,
    );
    expect(groups.map((x) => x.group.g).sort()).toEqual(['a', 'b', 'c', null].sort());
    for (const { group, statistics } of groups) {
      const js = await jsStatistics(
        ROWS.filter((r) => r['g'] === group.g),
        plan,
      );
      expect(statistics.n, String(group.g)).toBe(js.n);
      expect(statistics.missing).toEqual(js.missing);
      expect(relDiff(statistics, js)).toBeLessThan(TOL);
    }
  });

  it('relativeImportance and ols on the SQL statistics equal them on the rows', async () => {
    const predictors = ['big', 'z', 'item1'];
    const plan = { variables: [...predictors, 'y'], weights: 'w', missingCodes: [-99] };
    const stats = (await run(plan)) as SufficientStatistics;
    const common = { outcome: 'y', predictors };
    const onRows = { ...common, weights: 'w', missingCodes: [-99] };
    // Same statistics to 1e-12 -> importance (from the correlations) to 1e-12.
    const a = relativeImportance(stats, common);
    const b = relativeImportance(ROWS, onRows);
    expect(a.n).toBe(b.n);
    expect(Math.abs(a.rSquared - b.rSquared) / b.rSquared).toBeLessThan(1e-12);
    for (const metric of a.metrics) {
      for (const p of predictors) {
        const x = a.importance[metric]![p]!;
        const y = b.importance[metric]![p]!;
        expect(Math.abs(x - y) / Math.max(Math.abs(y), 1e-3 * b.rSquared), `${metric} ${p}`).toBeLessThan(1e-12);
      }
    }
    // ols (without big: the rows path refuses a predictor whose variation is below 1e-7 of its
    // size as collinear with the intercept): the statistics path solves the normal equations
    // (Cholesky), the rows path by QR; they agree to 1e-10 (the documented 14 digits, with margin).
    const reg = { outcome: 'y', predictors: ['z', 'item1', 'item2'] };
    const regStats = (await run({ variables: [...reg.predictors, 'y'], weights: 'w', missingCodes: [-99] })) as SufficientStatistics;
    const fa = ols(regStats, reg);
    const fb = ols(ROWS, { ...reg, weights: 'w', missingCodes: [-99] });
    expect(fa.n).toBe(fb.n);
    fa.coefficients.forEach((c, i) => {
      const ref = fb.coefficients[i]!;
      expect(c.term).toBe(ref.term);
      const tol = 1e-10;
      expect(Math.abs(c.estimate - ref.estimate) / Math.abs(ref.estimate), c.term).toBeLessThan(tol);
      expect(Math.abs(c.standardError - ref.standardError) / ref.standardError, c.term).toBeLessThan(tol);
    });
  });

  it('reads answers given as text or bigint (node-postgres returns bigint and numeric columns as strings)', async () => {
    const plan = { variables: ['big', 'y'], weights: 'w', groupBy: 'g' } as const;
    const answer = await engine.query(sufficientStatisticsSql(plan, { dialect: engine.dialect, source: 'survey' }));
    const asText = answer.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k.toUpperCase(), typeof v === 'number' || typeof v === 'bigint' ? String(v) : v]),
      ),
    );
    const a = sufficientStatisticsFromSql(asText, plan);
    const b = sufficientStatisticsFromSql(answer, plan);
    expect(a.map((x) => x.group)).toEqual(b.map((x) => x.group));
    a.forEach((x, i) => expect(x.statistics).toEqual(b[i]!.statistics));
  });

  it('errors: out of declared range, no complete case, every weight zero', async () => {
    await expect(run({ variables: ['y', 'item1'], columns: { item1: { min: 1, max: 7 } } })).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
      location: { column: 'item1', value: -99 },
    });
    const none = engine.query(
      sufficientStatisticsSql({ variables: ['y'] }, { dialect: engine.dialect, source: '(SELECT * FROM survey WHERE y IS NULL) AS t' }),
    );
    await expect(none.then((r) => sufficientStatisticsFromSql(r, { variables: ['y'] }))).rejects.toThrow(InputError);
    const plan = { variables: ['y', 'z'] };
    const empty = await engine.query(
      sufficientStatisticsSql(plan, {
        dialect: engine.dialect,
        source: '(SELECT y, CAST(NULL AS DOUBLE PRECISION) AS z FROM survey) AS t',
      }),
    );
    expect(() => sufficientStatisticsFromSql(empty, plan)).toThrow(InsufficientDataError);
    const zero = { variables: ['y'], weights: 'w' };
    const zeros = await engine.query(
      sufficientStatisticsSql(zero, { dialect: engine.dialect, source: '(SELECT y, 0 * w AS w FROM survey) AS t' }),
    );
    expect(() => sufficientStatisticsFromSql(zeros, zero)).toThrow(/every weight in column "w" is zero/);
  });
});

// Which algorithm: the generated two-pass query against a one-pass formula and the engines' own
// co-moment aggregates, on the column of mean 1e8 and SD 1 (reported in docs/guides/sql.md).
describe('stability at mean 1e8, SD 1 (measured)', () => {
  it('the one-pass formula loses the variance; the two-pass query and the engines’ var_pop keep it', async () => {
    const exact = exactMoments(ROWS, ['big'], [20]).sscp[0]![0]!;
    const n = ROWS.length;
    const out: Record<string, number> = {};
    for (const engine of engines) {
      const [naive] = await engine.query(
        'SELECT SUM(big * big) - SUM(big) * SUM(big) / COUNT(*) AS s, VAR_POP(big) * COUNT(*) AS v FROM survey',
      );
      const two = (await engine.query(sufficientStatisticsSql({ variables: ['big'] }, { dialect: engine.dialect, source: 'survey' })))[0]!;
      const s = sufficientStatisticsFromSql([two], { variables: ['big'] }).sscp[0]![0]!;
      out[`${engine.dialect} one-pass`] = Math.abs(Number(naive!['s']) - exact) / exact;
      out[`${engine.dialect} var_pop`] = Math.abs(Number(naive!['v']) - exact) / exact;
      out[`${engine.dialect} two-pass`] = Math.abs(s - exact) / exact;
      // Without the correction term d^2/W: the plain two-pass sum.
      out[`${engine.dialect} two-pass uncorrected`] = Math.abs(Number(two['s0_0']) - exact) / exact;
    }
    const js = sufficientStatistics(ROWS, { columns: ['big'] }).sscp[0]![0]!;
    out['js corrected two-pass'] = Math.abs(js - exact) / exact;
    console.log(`relative error of sum (x - mean)^2, n = ${n}:`, out);
    expect(out['duckdb one-pass']).toBeGreaterThan(1e-3);
    expect(out['postgres one-pass']).toBeGreaterThan(1e-3);
    expect(out['duckdb two-pass']).toBeLessThan(TOL);
    expect(out['postgres two-pass']).toBeLessThan(TOL);
  });
});

describe('Spark SQL and BigQuery', () => {
  const plan: SufficientStatisticsSqlPlan = {
    variables: ['score', 'recommend', 'spend'],
    scales: { score: { items: ['sat1', 'sat2', 'sat3'], reverse: ['sat3'], min: 1, max: 7 } },
    scoring: { minimumAnswered: 2 },
    weights: 'weight',
    groupBy: ['wave', 'region'],
    missingCodes: [-99],
    columns: { recommend: { min: 0, max: 10, integer: true } },
  };
  const golden = (dialect: 'spark' | 'bigquery', source: string): { sql: string; expected: string } => {
    const sql = sufficientStatisticsSql(plan, { dialect, source });
    const file = join(FIXTURES, `${dialect}-grouped.sql`);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, sql);
    return { sql, expected: readFileSync(file, 'utf8') };
  };

  it('Spark SQL: the golden query, and it parses by the Spark SQL grammar (dt-sql-parser)', () => {
    const { sql, expected } = golden('spark', 'lake.survey');
    expect(sql).toBe(expected);
    expect(new SparkSQL().validate(sql)).toEqual([]);
    expect(new SparkSQL().validate('SELECT FROM WHERE')).not.toEqual([]);
  });

  it('BigQuery: the golden query, and it parses by a GoogleSQL grammar (node-sql-parser)', () => {
    const { sql, expected } = golden('bigquery', '`project.dataset.survey`');
    expect(sql).toBe(expected);
    const parser = new NodeSqlParser.Parser();
    expect(() => parser.astify(sql, { database: 'bigquery' })).not.toThrow();
    expect(() => parser.astify('SELECT FROM WHERE', { database: 'bigquery' })).toThrow();
  });

  it('the Spark query, with back-quotes and <=> turned into DuckDB’s, gives DuckDB’s answer', async () => {
    const spark = sufficientStatisticsSql({ variables: ['big', 'y'], weights: 'w', groupBy: 'g' }, { dialect: 'spark', source: 'survey' });
    const asDuck = spark.replaceAll('`', '"').replaceAll(' <=> ', ' IS NOT DISTINCT FROM ');
    const plan = { variables: ['big', 'y'], weights: 'w', groupBy: 'g' } as const;
    const a = sufficientStatisticsFromSql(await engines[0]!.query(asDuck), plan);
    const b = sufficientStatisticsFromSql(
      await engines[0]!.query(sufficientStatisticsSql(plan, { dialect: 'duckdb', source: 'survey' })),
      plan,
    );
    expect(a.map((x) => x.group)).toEqual(b.map((x) => x.group));
    // DuckDB sums in parallel, in no fixed order: equal to rounding, not bit for bit.
    a.forEach((x, i) => expect(relDiff(x.statistics, b[i]!.statistics)).toBeLessThan(TOL));
  });
});

describe('options', () => {
  it('strict: unknown keys, dialects, an empty source', () => {
    expect(() => sufficientStatisticsSql({ variables: ['x'], wieghts: 'w' } as never, { dialect: 'duckdb', source: 't' })).toThrow(
      /plan\.wieghts: unknown option; did you mean "weights"\?/,
    );
    expect(() => sufficientStatisticsSql({ variables: ['x'] }, { dialect: 'mysql' as never, source: 't' })).toThrow(/options\.dialect/);
    expect(() => sufficientStatisticsSql({ variables: ['x'] }, { dialect: 'duckdb', source: ' ' })).toThrow(/options\.source/);
    expect(() => sufficientStatisticsSql({ variables: [] }, { dialect: 'duckdb', source: 't' })).toThrow(/plan\.variables/);
  });

  it('identifiers are quoted for each dialect (a quote inside a name is doubled or escaped)', () => {
    const q = (dialect: 'duckdb' | 'postgres' | 'spark' | 'bigquery') =>
      sufficientStatisticsSql({ variables: ['a"b`c'] }, { dialect, source: 't' }).match(/CAST\((.+?) AS/)![1];
    expect(q('duckdb')).toBe('"a""b`c"');
    expect(q('postgres')).toBe('"a""b`c"');
    expect(q('spark')).toBe('`a"b``c`');
    expect(q('bigquery')).toBe('`a"b\\`c`');
  });

  it('reading: rows from another plan, or the wrong number of rows, are refused', () => {
    expect(() => sufficientStatisticsFromSql([], { variables: ['x'] })).toThrow(/one row, got 0/);
    expect(() => sufficientStatisticsFromSql([{ rows_in: 1 }], { variables: ['x'] })).toThrow(/no column "rows_used"/);
  });
});
