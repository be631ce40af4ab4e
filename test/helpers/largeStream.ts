/**
 * A generated file for the streaming stress test (test/io/streaming.test.ts, at 100,000 rows) and
 * its benchmark (bench/streaming.bench.ts, at 2,000,000 rows), with the reference it must reduce to.
 *
 * The data: y near 1e6 (a naive one-pass sum of squares would lose about 12 digits there), two
 * correlated predictors, sampling weights, and a missing x2 in every 997th row, from a seeded LCG,
 * so the first n rows are the same whatever the size. The file is written through a stream,
 * waiting for 'drain' whenever write() says so (backpressure).
 *
 * The reference: weighted two-pass over the complete cases with Neumaier-compensated sums,
 * written here from the definitions (not the library's code).
 */
import { createWriteStream } from 'node:fs';

export interface LargeStreamData {
  readonly n: number;
  readonly x1: Float64Array;
  readonly x2: Float64Array; // NaN where the file's cell is empty
  readonly y: Float64Array;
  readonly w: Float64Array;
}

/** Writes `n` rows of `x1,x2,y,w` to `file` and returns the values written. */
export async function writeLargeStreamFile(file: string, n: number): Promise<LargeStreamData> {
  let seed = 12345;
  const uniform = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed + 0.5) / 4294967296;
  };
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  const out = createWriteStream(file);
  out.write('x1,x2,y,w\n');
  let lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.round((uniform() * 10 - 5) * 1e4) / 1e4;
    const b = Math.round((0.6 * a + uniform() * 4) * 1e4) / 1e4;
    x1[i] = a;
    x2[i] = i % 997 === 0 ? NaN : b;
    y[i] = Math.round((1e6 + 0.5 * a - 0.25 * b + uniform()) * 1e4) / 1e4;
    w[i] = Math.round((0.5 + uniform()) * 1e3) / 1e3;
    lines.push(`${x1[i]},${Number.isNaN(x2[i]) ? '' : x2[i]},${y[i]},${w[i]}`);
    if (lines.length === 50_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      lines = [];
    }
  }
  out.write(lines.length ? `${lines.join('\n')}\n` : '');
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { n, x1, x2, y, w };
}

export interface LargeStreamReference {
  /** Complete cases (x2 present). */
  readonly n: number;
  /** Rows dropped for a missing x2: ceil(n / 997). */
  readonly dropped: number;
  readonly weightSum: number;
  /** Weighted means of x1, x2, y. */
  readonly means: readonly number[];
  /** Weighted centred cross-products of x1, x2, y. */
  readonly sscp: readonly (readonly number[])[];
}

/** The weighted two-pass statistics of the complete cases, with compensated sums. */
export function largeStreamReference(data: LargeStreamData): LargeStreamReference {
  const { x1, x2, y, w } = data;
  const keep: number[] = [];
  for (let i = 0; i < data.n; i++) if (!Number.isNaN(x2[i]!)) keep.push(i);
  const sum = (f: (i: number) => number): number => {
    let s = 0;
    let c = 0;
    for (const i of keep) {
      const v = f(i);
      const t = s + v;
      c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      s = t;
    }
    return s + c;
  };
  const cols = [x1, x2, y];
  const weightSum = sum((i) => w[i]!);
  const means = cols.map((c) => sum((i) => w[i]! * c[i]!) / weightSum);
  const sscp = cols.map((cj, j) => cols.map((cl, l) => sum((i) => w[i]! * (cj[i]! - means[j]!) * (cl[i]! - means[l]!))));
  return { n: keep.length, dropped: data.n - keep.length, weightSum, means, sscp };
}
