/**
 * io benchmark: parse throughput and streamed sufficient statistics on generated survey files
 * of 1,000,000 and 10,000,000 rows (seeded, written once under .bench-data/, git-ignored).
 *
 * Each task runs in a fresh Node process so its peak resident memory (maxRSS) is its own; wall
 * time is the median of the runs. The baseline is csv-parse alone on the same file in the same
 * run ("only parsing"); every other task is reported as a ratio to it.
 *
 * Tasks: `parse` (csv-parse records, nothing else), `rows` (readRowChunks: typed rows, chunk by
 * chunk, discarded), `readData` (all typed rows held in memory, 1M only), `stats` (12 items +
 * recommend, weighted: streamSufficientStatistics on raw columns), `stats+scores` (driver scores
 * made from the items while streaming, + recommend: the input of recommend ~ drivers).
 *
 * `npm run bench -- io` (set IO_BENCH_LARGE=0 to skip the 10,000,000-row file).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, '..', '.bench-data');
const ITEMS = ['sat1', 'sat2', 'sat3', 'img1', 'img2', 'img3', 'tru1', 'tru2', 'tru3', 'eng1', 'eng2', 'eng3'];
const SCALES = {
  satisfaction: { items: ['sat1', 'sat2', 'sat3'], min: 1, max: 7 },
  image: { items: ['img1', 'img2', 'img3'], min: 1, max: 7 },
  trust: { items: ['tru1', 'tru2', 'tru3'], min: 1, max: 7 },
  engagement: { items: ['eng1', 'eng2', 'eng3'], min: 1, max: 7 },
};
const DRIVERS = Object.keys(SCALES);
const HEADER = [
  'respondent_id',
  'wave',
  'region',
  'channel',
  ...ITEMS,
  'recommend',
  'repurchase_intent',
  'upsell_intent',
  'csat',
  'switching_cost',
  'tenure_months',
  'purchases_12m',
  'spend_12m',
  'category_spend_12m',
  'retained',
  'weight',
];

/** Writes `rows` survey-like rows (same columns as the example survey; 2% of items missing). The first n rows of any size are the same. */
async function generate(rows: number): Promise<string> {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `io-survey-${rows}.csv`);
  if (existsSync(file)) return file;
  const uniform = seeded(20260101);
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform() + 1e-300)) * Math.cos(2 * Math.PI * uniform());
  const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(x)));
  const regions = ['"North"', '"South"', '"East"', '"West"'];
  const channels = ['"online"', '"store"'];
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let block: string[] = [];
  out.write(`${HEADER.map((h) => `"${h}"`).join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const general = normal();
    const driver = DRIVERS.map(() => 0.6 * general + 0.8 * normal());
    const items = ITEMS.map((_, j) => (uniform() < 0.02 ? '' : String(clamp(4 + 1.2 * driver[Math.floor(j / 3)]! + 0.7 * normal(), 1, 7))));
    const recommend = clamp(6 + 0.5 * driver[0]! + 0.3 * driver[1]! + 0.6 * driver[2]! + 0.4 * driver[3]! + 1.5 * normal(), 0, 10);
    const spend = Math.round(Math.exp(4.5 + 0.6 * normal()) * 100) / 100;
    const cells = [
      `"R${String(i + 1).padStart(8, '0')}"`,
      String(1 + (i % 2)),
      regions[Math.floor(uniform() * 4)]!,
      channels[Math.floor(uniform() * 2)]!,
      ...items,
      String(recommend),
      String(clamp(recommend + normal(), 0, 10)),
      String(clamp(recommend - 1 + normal(), 0, 10)),
      String(clamp(3 + 0.8 * driver[0]! + 0.7 * normal(), 1, 5)),
      uniform() < 0.3 ? '1' : '0',
      String(Math.floor(uniform() * 120)),
      String(Math.floor(uniform() * 12)),
      String(spend),
      String(Math.round(spend * (1 + uniform()) * 100) / 100),
      uniform() < 0.8 ? '1' : '0',
      String(Math.round((0.5 + uniform()) * 1000) / 1000),
    ];
    block.push(cells.join(','));
    if (block.length === 20_000) {
      if (!out.write(`${block.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      block = [];
    }
  }
  out.write(block.length ? `${block.join('\n')}\n` : '');
  await new Promise<void>((resolve) => out.end(() => resolve()));
  renameSync(partial, file);
  return file;
}

interface WorkerResult {
  readonly ms: number;
  readonly rssMb: number;
  readonly rows: number;
  readonly note?: string;
}

/** Runs one task in this process (worker mode) and prints its result as JSON. */
async function work(task: string, file: string): Promise<void> {
  const io = await import('../src/io/index.js');
  const t0 = performance.now();
  let rows = 0;
  let note: string | undefined;
  if (task === 'parse') {
    const { Parser } = await import('csv-parse');
    const api = (
      new Parser({}) as unknown as {
        api: { parse: (b: Buffer | undefined, end: boolean, push: () => void, close: () => void) => Error | undefined };
      }
    ).api;
    const push = (): void => {
      rows++;
    };
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
      const err = api.parse(chunk as Buffer, false, push, () => undefined);
      if (err) throw err;
    }
    api.parse(undefined, true, push, () => undefined);
    rows--; // the header
  } else if (task === 'rows') {
    for await (const chunk of io.readRowChunks(file)) rows += chunk.rows.length;
  } else if (task === 'readData') {
    rows = (await io.readData(file)).rows.length;
  } else if (task === 'stats') {
    const s = await io.streamSufficientStatistics(file, { variables: [...ITEMS, 'recommend'], weights: 'weight' });
    rows = s.missing.rowsIn;
    note = `n = ${s.n}`;
  } else if (task === 'stats+scores') {
    const s = await io.streamSufficientStatistics(file, { variables: [...DRIVERS, 'recommend'], scales: SCALES, weights: 'weight' });
    rows = s.missing.rowsIn;
    const { relativeImportance } = await import('../src/importance/relativeImportance.js');
    const lmg = relativeImportance(s, { outcome: 'recommend', predictors: DRIVERS }).importance.lmg!;
    note = `n = ${s.n}; lmg ${DRIVERS.map((d) => `${d} ${lmg[d]!.toFixed(4)}`).join(', ')}`;
  } else if (task === 'check') {
    // Importance from the streamed file = importance from the rows held in memory.
    const { relativeImportance } = await import('../src/importance/relativeImportance.js');
    const { withScaleScores } = await import('../src/measurement/withScaleScores.js');
    const { ols } = await import('../src/regression/ols.js');
    const options = { outcome: 'recommend', predictors: DRIVERS, weights: 'weight' };
    const streamed = await io.streamSufficientStatistics(file, { variables: [...DRIVERS, 'recommend'], scales: SCALES, weights: 'weight' });
    const data = await io.readData(file);
    const scored = withScaleScores(data.rows, SCALES);
    rows = data.rows.length;
    const a = relativeImportance(scored, options).importance.lmg!;
    const summary = { outcome: 'recommend', predictors: DRIVERS }; // the statistics carry their weighting
    const b = relativeImportance(streamed, summary).importance.lmg!;
    const fa = ols(scored, options).coefficients;
    const fb = ols(streamed, summary).coefficients;
    const lmgDiff = Math.max(...DRIVERS.map((d) => Math.abs(a[d]! - b[d]!) / Math.abs(a[d]!)));
    const coefDiff = Math.max(...fa.map((c, i) => Math.abs(c.estimate - fb[i]!.estimate) / Math.abs(c.estimate)));
    note = `max relative difference, streamed vs in memory: lmg ${lmgDiff.toExponential(1)}, WLS coefficients ${coefDiff.toExponential(1)}`;
  }
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, rows, note } satisfies WorkerResult)}\n`);
}

/** Runs a task `runs` times in fresh processes: median wall time, largest peak memory. */
function run(task: string, file: string, runs: number): WorkerResult & { task: string } {
  const results: WorkerResult[] = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--io-bench-worker', task, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      cwd: join(HERE, '..'),
    });
    if (child.status !== 0) throw new Error(`io bench task ${task} failed: ${child.stderr}`);
    results.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as WorkerResult);
  }
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    task,
    ms: times[Math.floor(times.length / 2)]!,
    rssMb: Math.max(...results.map((r) => r.rssMb)),
    rows: results[0]!.rows,
    note: results[0]!.note,
  };
}

function table(title: string, file: string, results: readonly (WorkerResult & { task: string })[]): void {
  const mb = statSync(file).size / 1e6;
  const base = results[0]!;
  console.log(`\n## ${title} (${mb.toFixed(0)} MB)`);
  console.log('| task | median s | ratio to parsing | rows/s | MB/s | peak RSS MB | ratio to parsing |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.ms / 1000;
    console.log(
      `| ${r.task} | ${s.toFixed(1)} | ${(r.ms / base.ms).toFixed(2)} | ${Math.round(r.rows / s).toLocaleString('en-US')} | ${(mb / s).toFixed(1)} | ${r.rssMb.toFixed(0)} | ${(r.rssMb / base.rssMb).toFixed(2)} |`,
    );
  }
  for (const r of results) if (r.note) console.log(`- ${r.task}: ${r.note}`);
}

export async function bench(): Promise<void> {
  const million = await generate(1_000_000);
  const runs = 3;
  table('io: 1,000,000 rows, 27 columns', million, [
    run('parse', million, runs),
    run('rows', million, runs),
    run('readData', million, 1),
    run('stats', million, runs),
    run('stats+scores', million, runs),
  ]);
  const check = run('check', million, 1);
  console.log(`- check: ${check.note}`);
  if (process.env['IO_BENCH_LARGE'] === '0') return;
  const large = await generate(10_000_000);
  table('io: 10,000,000 rows, 27 columns (streamed; readData not run)', large, [
    run('parse', large, 1),
    run('stats', large, 1),
    run('stats+scores', large, 1),
  ]);
}

const worker = process.argv.indexOf('--io-bench-worker');
if (worker >= 0) await work(process.argv[worker + 1]!, process.argv[worker + 2]!);
