/**
 * Driver importance from a streamed 10,000,000-row file against the in-memory result on a sample
 * that fits. The file is the 2,000-row example survey repeated 5,000 times, so its correlation
 * matrix is exactly the sample's: the two importance results must agree to rounding.
 * Reports wall time, peak memory (this process) and the largest relative difference.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relativeImportance, withScaleScores } from '../src/index.js';
import { readData, readModel, streamSufficientStatistics } from '../src/io/index.js';
import { peakMemoryMb } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function replicate(copies: number): Promise<string> {
  const dir = join(root, '.bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `survey-x${copies}.csv`);
  if (existsSync(file)) return file;
  const [header, ...body] = readFileSync(join(root, 'examples', 'data', 'loyalty-survey.csv'), 'utf8')
    .trim()
    .split('\n');
  const block = `${body.join('\n')}\n`;
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < copies; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

export async function bench(): Promise<void> {
  const copies = 5_000;
  const modelPath = join(root, 'examples', 'data', 'model.json');
  const model = await readModel(modelPath);
  const drivers = [...model.drivers];
  const scales = Object.fromEntries(drivers.map((d) => [d, model.scales[d]!]));
  const file = await replicate(copies);
  const sample = await readData(join(root, 'examples', 'data', 'loyalty-survey.csv'), { model });
  const t0 = performance.now();
  const inMemory = relativeImportance(withScaleScores(sample.rows, scales), {
    outcome: 'recommend',
    predictors: drivers,
    weights: 'weight',
  });
  const tSample = performance.now() - t0;
  const t1 = performance.now();
  const stats = await streamSufficientStatistics(file, { model, scales, variables: ['recommend', ...drivers], weights: 'weight' });
  const streamed = relativeImportance(stats, { outcome: 'recommend', predictors: drivers });
  const tStream = performance.now() - t1;
  let worst = 0;
  for (const m of inMemory.metrics) {
    for (const d of drivers) {
      const a = inMemory.importance[m]![d]!;
      const b = streamed.importance[m]![d]!;
      worst = Math.max(worst, Math.abs(a - b) / Math.abs(a));
    }
  }
  console.log(
    `\n## Importance from a streamed ${(stats.n + stats.missing.rowsDropped).toLocaleString('en')}-row file vs the 2,000-row sample in memory`,
  );
  console.log('| task | wall s | rows used | peak RSS MB |');
  console.log('|---|---:|---:|---:|');
  console.log(`| in memory: the 2,000-row sample | ${(tSample / 1000).toFixed(3)} | ${inMemory.n} | |`);
  console.log(
    `| streamed: ${copies.toLocaleString('en')} copies of it, one pass | ${(tStream / 1000).toFixed(1)} | ${stats.n.toLocaleString('en')} | ${peakMemoryMb().toFixed(0)} |`,
  );
  console.log(`\nLargest relative difference over all 7 metrics x 4 drivers (weighted): ${worst.toExponential(2)}`);
}
