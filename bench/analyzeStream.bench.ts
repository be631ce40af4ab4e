/**
 * Issue 14's table: `loyalty-drivers analyze` and `indices` on large files (the built CLI,
 * dist/cli.js: `npm run build` first), wall time and peak RSS as ratios to node reading the same
 * file line by line, each in its own process, in the same run. Files are the example survey
 * resampled with a seeded generator, written to /tmp (1M rows is about 89 MB, 10M about 890 MB).
 *
 * Rows printed: for each size, node reading the lines (the baseline), `analyze` (a file streams:
 * src/analysis/stream/analyzeChunks.ts; past the default row limit of 500,000 the sections that
 * still read whole columns, here the wave comparison's panel transitions, are skipped), `indices`,
 * and up to 1M rows `analyze --row-limit none` (every section); at 10M rows (or with
 * BENCH_POISSON=1) the Poisson bootstrap with B = 1,000 (of the importance, and of each wave's
 * importance and their differences) against the same analyze without it; at 10M rows (or
 * BENCH_DUCKDB=1) `analyze --engine duckdb` with its ratio to the JS
 * path, when @duckdb/node-api is installed. A failed run (out of memory, say) prints its last
 * stderr line instead of numbers, and the other rows still run. Each child has BENCH_TIMEOUT
 * seconds (default 1800).
 *
 * `npm run bench -- analyzeStream` runs 1M only; `BENCH_ROWS=1000000,5000000,10000000` for the
 * issue's sizes.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const MODEL = join(root, 'examples', 'data', 'model.json');
const TIMEOUT = Number(process.env['BENCH_TIMEOUT'] ?? 1800) * 1000;

async function makeFile(rows: number): Promise<string> {
  const file = join('/tmp', `loyalty-survey-${rows}.csv`);
  if (existsSync(file)) return file;
  const lines = readFileSync(join(root, 'examples', 'data', 'loyalty-survey.csv'), 'utf8')
    .trim()
    .split('\n');
  const body = lines.slice(1);
  const rand = seeded(2026);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  out.write(`${lines[0]}\n`);
  for (let i = 0; i < rows; i++) {
    const line = body[Math.floor(rand() * body.length)]!;
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  // Renamed when complete, so an interrupted run does not leave a short file behind.
  const { renameSync } = await import('node:fs');
  renameSync(partial, file);
  return file;
}

interface Run {
  readonly seconds: number;
  readonly peakMb: number;
  readonly ok: boolean;
  readonly detail: string;
}

/** Wall time (measured here) and peak RSS (the child's own, from bench/maxRss.mjs) of a node child process. */
function measure(args: readonly string[]): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(here, 'maxRss.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: TIMEOUT,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const stderr = r.stderr ?? '';
  const line = stderr.split('\n').find((l) => l.startsWith('maxRSS ')) ?? 'maxRSS NaN';
  const ok = r.status === 0;
  const last = stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('maxRSS '))
    .slice(-1)
    .join(' ');
  const detail = ok ? '' : r.error ? String(r.error.message) : `exit ${r.status ?? r.signal}: ${last.slice(0, 160)}`;
  return { seconds, peakMb: Number(line.split(' ')[1]) / 1024, ok, detail };
}

const LINES = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
(async () => { let n = 0; for await (const _ of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) n++; console.log(n - 1); })();
`;

function row(task: string, rows: string, r: Run, base: Run, target = ''): string {
  if (!r.ok) return `| ${task} | ${rows} | failed | | | | ${target} | ${r.detail.replace(/\|/g, '/')} |`;
  return `| ${task} | ${rows} | ${r.seconds.toFixed(1)} | ${(r.seconds / base.seconds).toFixed(1)} | ${r.peakMb.toFixed(0)} | ${(r.peakMb / base.peakMb).toFixed(1)} | ${target} | |`;
}

function hasDuckDB(): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

export async function bench(): Promise<void> {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('analyzeStream bench: run `npm run build` first (it measures the built CLI)');
  const sizes = (process.env['BENCH_ROWS'] ?? '1000000').split(',').map(Number);
  const out = join('/tmp', 'analyze-stream-bench.out');
  const tool = (file: string, ...args: string[]) => measure([cli, ...args.slice(0, 1), file, ...args.slice(1), '-o', out]);
  console.log('\n## Large files (issue 14): the built CLI against node reading the same file line by line');
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores; ratios are to the lines row of the same size`,
  );
  console.log('| task | rows | wall s | × lines | peak RSS MB | × lines | target | note |');
  console.log('|---|---:|---:|---:|---:|---:|---|---|');
  const analyzed = new Map<number, Run>();
  for (const rows of sizes) {
    const file = await makeFile(rows);
    const label = `${(rows / 1e6).toLocaleString('en')}M`;
    const lines = measure(['-e', LINES, file]);
    console.log(row('node reads the lines', label, lines, lines));
    const analyze = tool(file, 'analyze', '--model', MODEL);
    analyzed.set(rows, analyze);
    console.log(row('analyze', label, analyze, lines, rows === 1_000_000 ? 'wall <= 5x, RSS < 400 MB' : 'RSS < 400 MB, flat'));
    console.log(row('indices', label, tool(file, 'indices', '--model', MODEL), lines, 'wall <= 3x'));
    // Every section, the row-bound ones too (they keep their columns and build rows): the cost of the default limit's skips.
    if (rows <= 1_000_000)
      console.log(row('analyze --row-limit none', label, tool(file, 'analyze', '--model', MODEL, '--row-limit', 'none'), lines));
    if (rows >= 10_000_000 || process.env['BENCH_POISSON'] === '1') {
      const plain = analyzed.get(rows)!;
      const boot = tool(file, 'analyze', '--model', MODEL, '--bootstrap', '1000', '--seed', '1');
      console.log(row('analyze + Poisson bootstrap (importance and waves), B = 1,000', label, boot, lines, '<= 3x analyze without it'));
      if (plain.ok && boot.ok)
        console.log(`| Poisson B = 1,000 / without, wall | ${label} | ${(boot.seconds / plain.seconds).toFixed(2)} | | | | <= 3 | |`);
    }
    if (rows >= 10_000_000 || process.env['BENCH_DUCKDB'] === '1') {
      if (!hasDuckDB()) console.log(`| analyze --engine duckdb | ${label} | not run | | | | | @duckdb/node-api is not installed |`);
      else {
        const duck = tool(file, 'analyze', '--model', MODEL, '--engine', 'duckdb');
        console.log(row('analyze --engine duckdb', label, duck, lines));
        const js = analyzed.get(rows);
        if (duck.ok && js?.ok)
          console.log(
            `| duckdb / JS analyze, wall | ${label} | ${(duck.seconds / js.seconds).toFixed(2)} | | ${(duck.peakMb / js.peakMb).toFixed(2)} | | | |`,
          );
      }
    }
  }
}
