// The value table (src/analysis/stream/valueTable.ts) against a direct count: per group, each
// distinct value's count, sum of weights and sum of squared weights, values ascending. The
// values are drawn to exercise its hash: repeats, 0 and -0 (one value, as in a Map), fractions
// like scale means (1/3 steps), thousands of distinct values (the table grows and rehashes), and
// a small cap (rows past it kept as they come).
import { describe, expect, it } from 'vitest';
import { GroupedValues } from '../../src/analysis/stream/valueTable.js';
import { createRandom } from '../../src/internal/random.js';

/** The atoms of group g, counted directly (a Map keyed by value: SameValueZero, so -0 is 0). */
function direct(rows: readonly [number, number, number][], g: number) {
  const by = new Map<number, [number, number, number]>();
  for (const [group, x, w] of rows) {
    if (group !== g) continue;
    const a = by.get(x) ?? [0, 0, 0];
    a[0] += 1;
    a[1] += w;
    a[2] += w * w;
    by.set(x, a);
  }
  const values = [...by.keys()].sort((a, b) => a - b);
  return {
    values: values.map((v) => (v === 0 ? 0 : v)),
    counts: values.map((v) => by.get(v)![0]),
    weights: values.map((v) => by.get(v)![1]),
    squares: values.map((v) => by.get(v)![2]),
  };
}

describe('GroupedValues', () => {
  for (const [label, draw, cap] of [
    ['scale means with 0 and -0', (r: ReturnType<typeof createRandom>) => [0, -0, 1 / 3, 2 / 3, 1, 7 / 3, 5][r.integer(7)]!, undefined],
    ['5,000 distinct revenues', (r: ReturnType<typeof createRandom>) => Math.round(r.uniform() * 5000) / 7, undefined],
    ['revenues past a cap of 50', (r: ReturnType<typeof createRandom>) => Math.round(r.uniform() * 500) / 7 - 30, 50],
  ] as const) {
    it(label, () => {
      const r = createRandom(7);
      const table = new GroupedValues(3, cap);
      const rows: [number, number, number][] = [];
      for (let i = 0; i < 20_000; i++) {
        const row: [number, number, number] = [r.integer(3), draw(r), r.integer(4) === 0 ? 0 : 0.5 + r.uniform()];
        rows.push(row);
        table.add(...row);
      }
      for (let g = 0; g < 3; g++) {
        const a = table.atoms(g);
        const d = direct(rows, g);
        expect(Array.from(a.values, (v) => (v === 0 ? 0 : v))).toEqual(d.values);
        expect(Array.from(a.counts)).toEqual(d.counts);
        // Sums in another order: equal to rounding (1e-12 relative).
        a.weights.forEach((w, i) => expect(Math.abs(w - d.weights[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(d.weights[i]!)));
        a.squares.forEach((q, i) => expect(Math.abs(q - d.squares[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(d.squares[i]!)));
      }
    });
  }
});
