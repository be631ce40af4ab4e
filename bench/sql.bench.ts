/**
 * `--engine duckdb` against the JS streaming path: the sufficient statistics of the example
 * model (4 driver scores from 12 items, recommend, weights) over a generated survey-shaped file,
 * by `duckdbSufficientStatistics` (DuckDB reads the CSV, or a Parquet copy) and by
 * `streamSufficientStatistics`, each in its own process, as ratios to node reading the file's
 * lines in the same run. Rows: BENCH_SQL_ROWS (default 1,000,000; the figure is 10,000,000).
 * The file is the example survey resampled with a seeded generator, under .bench-data/.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const model = join(root, 'examples', 'data', 'model.json');

async function makeFile(rows: number): Promise<string> {
  const dir = join(root, '.bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `survey-${rows}.csv`);
  if (existsSync(file)) return file;
  const lines = readFileSync(join(root, 'examples', 'data', 'loyalty-survey.csv'), 'utf8')
    .trim()
    .split('\n');
  const body = lines.slice(1);
  const rand = seeded(2026);
  const out = createWriteStream(file);
  out.write(`${lines[0]!}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${body[Math.floor(rand() * body.length)]!}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

async function makeParquet(csv: string): Promise<string> {
  const file = csv.replace(/\.csv$/, '.parquet');
  if (existsSync(file)) return file;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`COPY (SELECT * FROM read_csv('${csv}', nullstr = ['', 'NA'])) TO '${file}' (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
  return file;
}

function measure(mode: 'lines' | 'js' | 'duckdb', file: string): { ms: number; peakMb: number; rows: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'sqlRunner.ts'), mode, file, model], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export async function bench(): Promise<void> {
  const rows = Number(process.env['BENCH_SQL_ROWS'] ?? 1_000_000);
  const csv = await makeFile(rows);
  const parquet = await makeParquet(csv);
  const lines = measure('lines', csv);
  const js = measure('js', csv);
  const duck = measure('duckdb', csv);
  const duckParquet = measure('duckdb', parquet);
  console.log(
    `\n## Sufficient statistics in DuckDB vs the JS streaming path (${rows.toLocaleString('en-US')} rows, ${(statSync(csv).size / 1e6).toFixed(0)} MB CSV, ${(statSync(parquet).size / 1e6).toFixed(0)} MB Parquet)`,
  );
  console.log('| task | wall ms | ratio to reading lines | ratio to JS streaming | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, t] of [
    ['node reading the CSV line by line (baseline)', lines],
    ['streamSufficientStatistics (JS), CSV', js],
    ['duckdbSufficientStatistics, CSV', duck],
    ['duckdbSufficientStatistics, Parquet', duckParquet],
  ] as const) {
    console.log(
      `| ${name} | ${t.ms.toFixed(0)} | ${(t.ms / lines.ms).toFixed(2)} | ${(t.ms / js.ms).toFixed(3)} | ${t.peakMb.toFixed(0)} |`,
    );
  }
}
