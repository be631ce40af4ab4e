/**
 * The columnar path and the streaming `indices` command (issue 14) on the example survey
 * repeated to 1,000,000 and 10,000,000 rows (89 MB and 890 MB, written once under the system's
 * temporary directory, not in the repository).
 *
 * Every task runs in a fresh Node process; its wall time is measured from spawn to exit (so it
 * includes Node's start for every task alike) and its peak resident memory is the child's own
 * (`process.resourceUsage().maxRSS`, written at exit by bench/maxRss.mjs). The baseline is Node
 * reading the same file line by line (`readline`), run before and after every task in the same
 * run; each task is a ratio to the mean of the two baseline runs around it.
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

interface Run {
  readonly ms: number;
  readonly rssMb: number;
}

/** Runs a command once in a child process: wall time from spawn to exit, and the child's peak memory. */
function once(task: string, args: readonly string[]): Run {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--import', join(HERE, 'maxRss.mjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    cwd: ROOT,
  });
  const ms = performance.now() - t0;
  if (child.status !== 0) throw new Error(`${task} failed: ${child.stderr}`);
  const m = /maxRSS (\d+)/.exec(child.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : Number.NaN };
}

interface Measured {
  readonly task: string;
  readonly ms: number;
  readonly ratio: number;
  readonly rssMb: number;
  readonly rssRatio: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Each round runs the baseline, then each task followed by the baseline again, so every task is
 * timed between two baseline runs; its ratio is to their mean (the machine's load drifts, and a
 * shared 2-core machine drifts a lot). Reports the median over rounds.
 */
function measureAll(file: string, tasks: readonly [string, readonly string[]][], rounds: number): Measured[] {
  const baseline: readonly string[] = [join(HERE, 'indicesStreamWorker.mjs'), 'lines', file, MODEL];
  const runs = new Map<string, { ms: number[]; ratio: number[]; rss: number[] }>();
  for (const [task] of [['lines'] as const, ...tasks]) runs.set(task, { ms: [], ratio: [], rss: [] });
  for (let r = 0; r < rounds; r++) {
    let before = once('lines', baseline);
    const lines = runs.get('lines')!;
    lines.ms.push(before.ms);
    lines.ratio.push(1);
    lines.rss.push(before.rssMb);
    for (const [task, args] of tasks) {
      const t = once(task, args);
      const after = once('lines', baseline);
      const m = runs.get(task)!;
      m.ms.push(t.ms);
      m.ratio.push(t.ms / ((before.ms + after.ms) / 2));
      m.rss.push(t.rssMb / ((before.rssMb + after.rssMb) / 2));
      lines.ms.push(after.ms);
      lines.rss.push(after.rssMb);
      (m as { peak?: number }).peak = Math.max((m as { peak?: number }).peak ?? 0, t.rssMb);
      before = after;
    }
  }
  return [...runs].map(([task, m]) => ({
    task,
    ms: median(m.ms),
    ratio: median(m.ratio),
    rssMb: task === 'lines' ? Math.max(...m.rss) : ((m as { peak?: number }).peak ?? Number.NaN),
    rssRatio: task === 'lines' ? 1 : median(m.rss),
  }));
}

function table(title: string, file: string, rows: number, results: readonly Measured[]): void {
  const mb = statSync(file).size / 1e6;
  console.log(`\n## ${title} (${mb.toFixed(0)} MB)`);
  console.log('| task | median s | ratio to reading lines | rows/s | MB/s | peak RSS MB | ratio to reading lines |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.ms / 1000;
    console.log(
      `| ${r.task} | ${s.toFixed(2)} | ${r.ratio.toFixed(2)} | ${Math.round(rows / s).toLocaleString('en-US')} | ${(mb / s).toFixed(0)} | ${r.rssMb.toFixed(0)} | ${r.rssRatio.toFixed(2)} |`,
    );
  }
}

function tasks(file: string, large: boolean): [string, readonly string[]][] {
  const worker = (task: string): [string, readonly string[]] => [task, [join(HERE, 'indicesStreamWorker.mjs'), task, file, MODEL]];
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  return [
    ...(large ? [] : [worker('csv-parse'), worker('rows')]),
    worker('columns'),
    ['indices', [cli, 'indices', file, '--model', MODEL]],
  ];
}

export async function bench(): Promise<void> {
  const million = await replicate(500);
  table('indices, streamed: 1,000,000 rows', million, 1_000_000, measureAll(million, tasks(million, false), 3));
  if (process.env['INDICES_BENCH_LARGE'] === '0') return;
  const large = await replicate(5_000);
  table('indices, streamed: 10,000,000 rows (csv-parse and rows not run)', large, 10_000_000, measureAll(large, tasks(large, true), 1));
}
