/**
 * End-to-end `analyze` (what `loyalty-drivers analyze` runs) on a 1,000,000-row survey, as a
 * ratio to only parsing the same file, each in its own process (wall time and peak RSS).
 * The file is the example survey resampled with a seeded generator, written under .bench-data/.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

async function makeFile(rows: number): Promise<string> {
  const dir = join(root, '.bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `survey-${rows}.csv`);
  if (existsSync(file)) return file;
  const lines = readFileSync(join(root, 'examples', 'data', 'loyalty-survey.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0]!;
  const body = lines.slice(1);
  const rand = seeded(2026);
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) {
    const line = body[Math.floor(rand() * body.length)]!;
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

function measure(mode: 'parse' | 'analyze', file: string): { ms: number; peakMb: number; rows: number } {
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      join(here, 'analyzeRunner.ts'),
      mode,
      file,
      join(root, 'examples', 'data', 'model.json'),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export async function bench(): Promise<void> {
  const rows = 1_000_000;
  const file = await makeFile(rows);
  const parse = measure('parse', file);
  const full = measure('analyze', file);
  console.log(`\n## End-to-end analyze on ${full.rows.toLocaleString('en')} rows (one process each)`);
  console.log('| task | wall s | ratio | peak RSS MB | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(
    `| parse the CSV only (readData with the model) | ${(parse.ms / 1000).toFixed(1)} | 1.00 | ${parse.peakMb.toFixed(0)} | 1.00 |`,
  );
  console.log(
    `| parse + analyze (everything the model asks for) | ${(full.ms / 1000).toFixed(1)} | ${(full.ms / parse.ms).toFixed(2)} | ${full.peakMb.toFixed(0)} | ${(full.peakMb / parse.peakMb).toFixed(2)} |`,
  );
}
