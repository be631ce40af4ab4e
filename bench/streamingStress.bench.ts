/**
 * Streaming stress at full size: the 100,000-row test of test/io/streaming.test.ts ("a generated
 * 100,000-row file") run at 2,000,000 rows with the default chunk size, as it was a test before.
 * Same seeded data (test/helpers/largeStream.ts: y near 1e6, weights, a missing x2 every 997th
 * row), same reference (weighted two-pass with compensated sums), same tolerance: the run throws
 * if any of n, missing, weight sum, means or SSCP is off by more than 1e-12 relative.
 *
 * Reports the wall time of writing the file, of streaming it, and of the in-memory reference
 * (the baseline), and the largest relative difference. `npm run bench -- streamingStress`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamSufficientStatistics } from '../src/io/index.js';
import { largeStreamReference, writeLargeStreamFile } from '../test/helpers/largeStream.js';
import { peakMemoryMb } from './harness.js';

const N = 2_000_000;

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loyalty-stress-'));
  try {
    const file = join(dir, 'large.csv');
    const t0 = performance.now();
    const data = await writeLargeStreamFile(file, N);
    const tWrite = performance.now() - t0;
    const t1 = performance.now();
    const stats = await streamSufficientStatistics(file, { variables: ['x1', 'x2', 'y'], weights: 'w' });
    const tStream = performance.now() - t1;
    const t2 = performance.now();
    const reference = largeStreamReference(data);
    const tReference = performance.now() - t2;

    const dropped = Math.ceil(N / 997);
    const problems: string[] = [];
    if (stats.n !== N - dropped || reference.n !== stats.n) problems.push(`n ${stats.n}, expected ${N - dropped}`);
    const m = stats.missing;
    if (
      m.rowsIn !== N ||
      m.rowsUsed !== stats.n ||
      m.rowsDropped !== dropped ||
      JSON.stringify(m.byColumn) !== JSON.stringify({ x2: dropped })
    ) {
      problems.push(`missing ${JSON.stringify(m)}`);
    }
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    let worst = rel(stats.weightSum, reference.weightSum);
    for (let j = 0; j < 3; j++) {
      worst = Math.max(worst, rel(stats.means[j]!, reference.means[j]!));
      for (let l = 0; l < 3; l++) worst = Math.max(worst, rel(stats.sscp[j]![l]!, reference.sscp[j]![l]!));
    }
    if (!(worst <= 1e-12)) problems.push(`largest relative difference ${worst.toExponential(2)} > 1e-12`);

    console.log(
      `\n## Streaming stress: ${N.toLocaleString('en')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB), weighted, y near 1e6`,
    );
    console.log('| task | wall s | ratio to reference | peak RSS MB |');
    console.log('|---|---:|---:|---:|');
    console.log(`| two-pass reference in memory (baseline) | ${(tReference / 1000).toFixed(2)} | 1.00 | |`);
    console.log(`| write the file | ${(tWrite / 1000).toFixed(2)} | ${(tWrite / tReference).toFixed(2)} | |`);
    console.log(
      `| streamSufficientStatistics, default chunks | ${(tStream / 1000).toFixed(2)} | ${(tStream / tReference).toFixed(2)} | ${peakMemoryMb().toFixed(0)} |`,
    );
    console.log(`\nLargest relative difference from the reference (weight sum, means, SSCP): ${worst.toExponential(2)}`);
    if (problems.length > 0) throw new Error(`streaming stress failed: ${problems.join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
