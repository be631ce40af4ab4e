import { describe, expect, it } from 'vitest';
import {
  applyQTranspose,
  dependence,
  householderQr,
  solveUpper,
  thinQ,
  triangularFactor,
  upperTriangularInverse,
} from '../../src/internal/qr.js';
import { digits, loadCsv, loadJson } from '../helpers/fixtures.js';

// NIST StRD Longley, certified values (test/fixtures/longley-nist.json).
const longley = loadCsv('longley-nist.csv') as Record<string, number>[];
const certified = loadJson('longley-nist.json').certified;
const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];

function rawDesign(): { a: Float64Array; y: Float64Array; n: number } {
  const n = longley.length;
  const a = new Float64Array(n * 7);
  for (let i = 0; i < n; i++) a[i] = 1;
  names.forEach((c, j) =>
    longley.forEach((r, i) => {
      a[(j + 1) * n + i] = r[c]!;
    }),
  );
  return { a, y: Float64Array.from(longley.map((r) => r['y']!)), n };
}

describe('householderQr (src/internal/qr.ts)', () => {
  it('solves Longley on the raw, uncentred design to >= 9 digits (NIST certified)', () => {
    // The raw design (intercept + 6 columns, condition number ~5e9) with no help from centring:
    // the QR alone must carry the accuracy.
    const { a, y, n } = rawDesign();
    const qr = householderQr(a, n, 7);
    expect(qr.dependent).toEqual([]);
    const z = applyQTranspose(qr, Float64Array.from(y));
    const r = triangularFactor(qr);
    const b = solveUpper(r, z);
    let rss = 0;
    for (let i = 7; i < n; i++) rss += z[i]! ** 2;
    const sigma = Math.sqrt(rss / (n - 7));
    const rInverse = upperTriangularInverse(r);
    b.forEach((bj, j) => {
      expect(digits(bj, certified.coefficients[j]), `coefficient ${j}`).toBeGreaterThanOrEqual(9);
      const se = sigma * Math.sqrt(rInverse[j]!.reduce((s, v) => s + v * v, 0));
      expect(digits(se, certified.std_errors[j]), `SE ${j}`).toBeGreaterThanOrEqual(9);
    });
    expect(digits(sigma, certified.residual_standard_deviation)).toBeGreaterThanOrEqual(9);
  });

  it('R is upper triangular with Q R = A, and the thin Q is orthonormal with leverages summing to the rank', () => {
    const { a, n } = rawDesign();
    const copy = Float64Array.from(a);
    const qr = householderQr(a, n, 7);
    const r = triangularFactor(qr);
    const { q, leverage } = thinQ(qr);
    for (let j = 0; j < 7; j++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += q[k * n + i]! * r[k]![j]!;
        expect(Math.abs(s - copy[j * n + i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(copy[j * n + i]!) + 1e-9);
      }
      for (let l = 0; l < 7; l++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[j * n + i]! * q[l * n + i]!;
        expect(Math.abs(dot - (j === l ? 1 : 0))).toBeLessThan(1e-13);
      }
    }
    expect(Math.abs(leverage.reduce((s, h) => s + h, 0) - 7)).toBeLessThan(1e-12);
  });

  it('skips a dependent column, reports it, and recovers the exact combination', () => {
    // Columns: 1, u, v, 2u - 3v + 5 (dependent), w. Hand-built so the relation is known.
    const u = [1, 4, 2, 8, 5, 7];
    const v = [3, 1, 4, 1, 5, 9];
    const w = [2, 7, 1, 8, 2, 8];
    const n = 6;
    const cols = [u.map(() => 1), u, v, u.map((x, i) => 2 * x - 3 * v[i]! + 5), w];
    const a = new Float64Array(n * 5);
    cols.forEach((c, j) =>
      c.forEach((x, i) => {
        a[j * n + i] = x;
      }),
    );
    const qr = householderQr(a, n, 5);
    expect(qr.dependent).toEqual([3]);
    expect(qr.accepted).toEqual([0, 1, 2, 4]);
    const dep = dependence(qr, 3);
    expect(dep.columns).toEqual([0, 1, 2]);
    [5, 2, -3].forEach((c, i) => expect(dep.coefficients[i]).toBeCloseTo(c, 12));
    expect(dep.residualRatio).toBeLessThan(1e-14);
  });

  it('the rank test is relative, not === 0: a perturbation of 1e-9 is dependent at 1e-7, independent at 1e-10', () => {
    const n = 5;
    const x = [1, 2, 3, 4, 5];
    const make = (): Float64Array => {
      const a = new Float64Array(n * 2);
      x.forEach((v, i) => {
        a[i] = v;
        a[n + i] = v * (1 + (i === 2 ? 1e-9 : 0));
      });
      return a;
    };
    expect(householderQr(make(), n, 2, 1e-7).dependent).toEqual([1]);
    expect(householderQr(make(), n, 2, 1e-10).dependent).toEqual([]);
  });
});
