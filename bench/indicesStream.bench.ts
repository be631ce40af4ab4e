/**
 * The columnar path and the streaming `indices` command (issue 14) on the example survey
 * repeated to 1,000,000 and 10,000,000 rows (89 MB and 890 MB, written once under the system's
 * temporary directory, not in the repository).
 *
 * Every task runs in a fresh Node process; its wall time is measured from spawn to exit (so it
 * includes Node's start for every task alike) and its peak resident memory is the child's own
 * (`process.resourceUsage().maxRSS`, written at exit by bench/maxRss.mjs). The baseline is Node
 * reading the same file line by line (`readline`) in the same run; every task is a ratio to it.
 *
 * Tasks (bench/indicesStreamWorker.mjs, plain JavaScript on dist/): `lines` (the baseline),
 * `csv-parse` (csv-parse's records and nothing else: the registry tokenizer the row path uses),
 * `columns` (readColumnChunks of the 6 columns `indices` reads, typed by the model: the columnar
 * tokenizer), `rows` (readRowChunks with the model: the row path the old `indices` and the old
 * readColumnChunks were built on), `indices` (the built tool: `dist/cli.js indices file --model
 * model.json`, default table output).
 *
 * `npm run build && npm run bench -- indicesStream` (INDICES_BENCH_LARGE=0 skips 10,000,000 rows;
 * INDICES_BENCH_DIR sets where the files go).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');
const DIR = process.env['INDICES_BENCH_DIR'] ?? join(tmpdir(), 'loyalty-drivers-bench');
const REQUEST = {
  recommend: 'number',
  csat: 'number',
  repurchase_intent: 'number',
  upsell_intent: 'number',
  retained: 'number',
  weight: 'number',
};

/** The example survey's 2,000 rows repeated `copies` times under one header. */
async function replicate(copies: number): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `survey-x${copies}.csv`);
  if (existsSync(file)) return file;
  const [header, ...body] = readFileSync(join(ROOT, 'examples', 'data', 'loyalty-survey.csv'), 'utf8')
    .trim()
    .split('\n');
  const block = `${body.join('\n')}\n`;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  out.write(`${header}\n`);
  for (let i = 0; i < copies; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  renameSync(partial, file);
  return file;
}

interface Measured {
  readonly task: string;
  readonly ms: number;
  readonly rssMb: number;
}

/** Runs a command in a child process `runs` times: median wall time, largest peak memory. */
function measure(task: string, args: readonly string[], runs: number): Measured {
  const times: number[] = [];
  let rss = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', join(HERE, 'maxRss.mjs'), ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      cwd: ROOT,
    });
    times.push(performance.now() - t0);
    if (child.status !== 0) throw new Error(`${task} failed: ${child.stderr}`);
    const m = /maxRSS (\d+)/.exec(child.stderr);
    rss = Math.max(rss, m ? Number(m[1]) / 1024 : Number.NaN);
  }
  times.sort((a, b) => a - b);
  return { task, ms: times[Math.floor(times.length / 2)]!, rssMb: rss };
}

function table(title: string, file: string, rows: number, results: readonly Measured[]): void {
  const mb = statSync(file).size / 1e6;
  const base = results[0]!;
  console.log(`\n## ${title} (${mb.toFixed(0)} MB)`);
  console.log('| task | median s | ratio to reading lines | rows/s | MB/s | peak RSS MB | ratio to reading lines |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.ms / 1000;
    console.log(
      `| ${r.task} | ${s.toFixed(2)} | ${(r.ms / base.ms).toFixed(2)} | ${Math.round(rows / s).toLocaleString('en-US')} | ${(mb / s).toFixed(0)} | ${r.rssMb.toFixed(0)} | ${(r.rssMb / base.rssMb).toFixed(2)} |`,
    );
  }
}

function tasks(file: string, runs: number, withRows: boolean): Measured[] {
  const worker = (task: string): Measured => measure(task, [join(HERE, 'indicesStreamWorker.mjs'), task, file, MODEL], runs);
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  return [
    worker('lines'),
    worker('csv-parse'),
    worker('columns'),
    ...(withRows ? [worker('rows')] : []),
    measure('indices', [cli, 'indices', file, '--model', MODEL], runs),
  ];
}

export async function bench(): Promise<void> {
  const million = await replicate(500);
  table('indices, streamed: 1,000,000 rows', million, 1_000_000, tasks(million, 3, true));
  if (process.env['INDICES_BENCH_LARGE'] === '0') return;
  const large = await replicate(5_000);
  table('indices, streamed: 10,000,000 rows', large, 10_000_000, tasks(large, 1, false));
}
