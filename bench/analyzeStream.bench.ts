/**
 * `loyalty-drivers analyze` on large files through the streaming path (analyzeSource): wall
 * time and peak RSS of the built CLI (dist/cli.js, `npm run build` first) as ratios to node
 * reading the same file line by line, each in its own process, in the same run. Files are the
 * example survey resampled with a seeded generator, written to /tmp (1M rows is about 87 MB;
 * 10M about 870 MB). Cases: analyze at 1M, 5M (which ran out of memory before the streaming
 * path) and 10M rows; the Poisson bootstrap of importance with B = 1,000 at 10M rows, against
 * analyze of the same model without it (the model's wave is dropped in both, so the wave
 * comparison's row-resampling bootstrap does not enter the ratio).
 *
 * `npm run bench -- analyzeStream` runs 1M only; `BENCH_ROWS=1000000,5000000,10000000` for more.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const MODEL = join(root, 'examples', 'data', 'model.json');

async function makeFile(rows: number): Promise<string> {
  const file = join('/tmp', `loyalty-survey-${rows}.csv`);
  if (existsSync(file)) return file;
  const lines = readFileSync(join(root, 'examples', 'data', 'loyalty-survey.csv'), 'utf8')
    .trim()
    .split('\n');
  const body = lines.slice(1);
  const rand = seeded(2026);
  const out = createWriteStream(file);
  out.write(`${lines[0]}\n`);
  for (let i = 0; i < rows; i++) {
    const line = body[Math.floor(rand() * body.length)]!;
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

interface Run {
  readonly seconds: number;
  readonly peakMb: number;
  readonly ok: boolean;
  readonly detail: string;
}

/** Wall time and peak RSS of a child process (GNU time's %e and %M). */
function measure(args: readonly string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('TIME ')) ?? 'TIME NaN NaN';
  const [, s, kb] = line.split(' ');
  const ok = r.status === 0;
  return { seconds: Number(s), peakMb: Number(kb) / 1024, ok, detail: ok ? '' : (r.stderr ?? '').trim().split('\n').slice(-2).join(' ') };
}

const LINES = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
(async () => { let n = 0; for await (const _ of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) n++; console.log(n - 1); })();
`;

/** analyzeSource from the built io entry: argv = file, model, bootstrap replicates (0: none). */
const SOURCE = `
const [file, modelPath, replicates] = process.argv.slice(1);
const io = await import(${JSON.stringify(`file://${join(root, 'dist', 'io.js')}`)});
const model = await io.readModel(modelPath);
const b = Number(replicates);
const r = await io.analyzeSource(file, model, { bootstrap: b > 0 ? { replicates: b, seed: 1, method: 'poisson' } : false });
console.log(r.rowsIn);
`;

function row(name: string, r: Run, base: Run): string {
  if (!r.ok) return `| ${name} | failed | | | | ${r.detail} |`;
  return `| ${name} | ${r.seconds.toFixed(1)} | ${(r.seconds / base.seconds).toFixed(1)} | ${r.peakMb.toFixed(0)} | ${(r.peakMb / base.peakMb).toFixed(1)} | |`;
}

export async function bench(): Promise<void> {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('analyzeStream bench: run `npm run build` first (it measures the built CLI)');
  const sizes = (process.env['BENCH_ROWS'] ?? '1000000').split(',').map(Number);
  const noWave = join('/tmp', 'loyalty-model-no-wave.json');
  const model = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
  delete model['wave'];
  writeFileSync(noWave, JSON.stringify(model));
  console.log('\n## analyze on large files: the built CLI (streaming path) against node reading the lines');
  console.log('| task | wall s | ratio | peak RSS MB | ratio | note |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const rows of sizes) {
    const file = await makeFile(rows);
    const lines = measure(['-e', LINES, file]);
    const label = `${(rows / 1e6).toLocaleString('en')}M rows`;
    console.log(row(`node reads the lines, ${label}`, lines, lines));
    console.log(
      row(
        `analyze (the tool, rows in memory), ${label}`,
        measure([cli, 'analyze', file, '--model', MODEL, '--format', 'json', '-o', '/tmp/analyze-stream.json']),
        lines,
      ),
    );
    const streamed = (m: string, b: number) => measure(['--input-type=module', '-e', SOURCE, file, m, String(b)]);
    console.log(row(`analyzeSource (column chunks), ${label}`, streamed(MODEL, 0), lines));
    if (rows >= 10_000_000 || process.env['BENCH_POISSON'] === '1') {
      const plain = measure([cli, 'analyze', file, '--model', noWave, '--format', 'json', '-o', '/tmp/analyze-stream.json']);
      const boot = measure([
        cli,
        'analyze',
        file,
        '--model',
        noWave,
        '--bootstrap',
        '1000',
        '--seed',
        '1',
        '--format',
        'json',
        '-o',
        '/tmp/analyze-stream.json',
      ]);
      console.log(row(`analyze without waves, ${label}`, plain, lines));
      console.log(row(`the same + bootstrap of importance, B = 1000, ${label}`, boot, lines));
      const sPlain = streamed(noWave, 0);
      const sBoot = streamed(noWave, 1000);
      console.log(row(`analyzeSource without waves, ${label}`, sPlain, lines));
      console.log(row(`analyzeSource + Poisson bootstrap, B = 1000, ${label}`, sBoot, lines));
      if (sPlain.ok && sBoot.ok)
        console.log(`\nPoisson bootstrap / analyzeSource without it at ${label}: ${(sBoot.seconds / sPlain.seconds).toFixed(2)} (wall)`);
    }
  }
}
