/**
 * Regression benchmark: `ols` with 4 and 20 predictors on 1,000,000 rows, as a ratio to building
 * the centred cross-product matrix alone (`centredCrossProducts`, the least any linear fit must
 * do: one pass over the data). Data is seeded and generated in memory.
 */
import { centredCrossProducts } from '../src/internal/sums.js';
import { fitRows } from '../src/regression/fitRows.js';
import { ols } from '../src/regression/ols.js';
import type { RegressionSample } from '../src/regression/design.js';
import { peakMemoryMb, report, seeded, time } from './harness.js';

const N = 1_000_000;

function makeData(p: number): { columns: Float64Array[]; y: Float64Array; rows: Record<string, number>[]; names: string[] } {
  const rand = seeded(20240 + p);
  const names = Array.from({ length: p }, (_, j) => `x${String(j + 1).padStart(2, '0')}`);
  const columns = names.map(() => new Float64Array(N));
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const common = rand();
    let s = 0;
    for (let j = 0; j < p; j++) {
      const v = 1 + Math.round(6 * (0.6 * common + 0.4 * rand())); // 1-7 Likert-like, correlated
      columns[j]![i] = v;
      s += (0.1 + 0.02 * j) * v;
    }
    y[i] = s + 2 * (rand() - 0.5);
  }
  const rows: Record<string, number>[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const r: Record<string, number> = { y: y[i]! };
    for (let j = 0; j < p; j++) r[names[j]!] = columns[j]![i]!;
    rows[i] = r;
  }
  return { columns, y, rows, names };
}

export async function bench(): Promise<void> {
  for (const p of [4, 20]) {
    const { columns, y, rows, names } = makeData(p);
    const sample: RegressionSample = {
      outcome: 'y',
      predictors: names,
      y,
      x: columns,
      weights: undefined,
      index: Int32Array.from({ length: N }, (_, i) => i),
      n: N,
      weightSum: N,
      missing: { policy: 'omit', rowsIn: N, rowsUsed: N, rowsDropped: 0, byColumn: {} },
    };
    const runs = 3;
    const baseline = time(`centredCrossProducts (${p + 1} columns)`, () => centredCrossProducts([y, ...columns]), runs);
    const core = time('QR fit from columns (fitRows, classical SEs)', () => fitRows(sample, 1e-7, false), runs);
    const coreHc3 = time('QR fit from columns, HC3 robust SEs', () => fitRows(sample, 1e-7, 'HC3'), runs);
    const full = time('ols(rows) end to end (reading 1e6 row objects + QR)', () => ols(rows, { outcome: 'y', predictors: names }), runs);
    report(`ols, ${p} predictors, ${N.toLocaleString('en')} rows (peak RSS ${peakMemoryMb().toFixed(0)} MB)`, baseline, [
      core,
      coreHc3,
      full,
    ]);
  }
}
