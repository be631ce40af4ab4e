/**
 * The one collinearity rule (src/internal/collinearity.ts) against R (test/fixtures/r/collinearity.R):
 * VIF = 1 / (1 - R2) from lm of each driver on the others, condition indices from
 * eigen(cor(X)), Belsley's variance-decomposition proportions written out by formula.
 */
import { describe, expect, it } from 'vitest';
import { collinearityDiagnostics, VIF_SEVERE } from '../../src/internal/collinearity.js';
import { expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

interface Diagnosis {
  columns: string[];
  vif: Record<string, number>;
  condition_indices: number[];
  last_proportions: Record<string, number>;
}
const ref = loadJson<{ drivers: Diagnosis; near_copy: Diagnosis; satisfaction2: number[]; n: number }>('r/collinearity.json');

const items = ['sat', 'img', 'tru', 'eng'].flatMap((s) => [1, 2, 3].map((i) => `${s}${i}`));
const rows = loadCsv('loyalty-survey.csv').filter((r) => items.every((c) => typeof r[c] === 'number'));
const score = (r: Record<string, unknown>, s: string) => ((r[`${s}1`] as number) + (r[`${s}2`] as number) + (r[`${s}3`] as number)) / 3;
const columns: Record<string, number[]> = {
  satisfaction: rows.map((r) => score(r, 'sat')),
  image: rows.map((r) => score(r, 'img')),
  trust: rows.map((r) => score(r, 'tru')),
  engagement: rows.map((r) => score(r, 'eng')),
  satisfaction2: ref.satisfaction2,
};

/** Pearson correlation matrix, two-pass (centred) sums. */
function correlation(names: string[]): number[][] {
  const xs = names.map((n) => columns[n]!);
  const n = xs[0]!.length;
  const c = xs.map((x) => {
    const m = x.reduce((a, b) => a + b, 0) / n;
    return x.map((v) => v - m);
  });
  const cov = c.map((a) => c.map((b) => a.reduce((s, v, i) => s + v * b[i]!, 0)));
  return cov.map((row, i) => row.map((v, j) => v / Math.sqrt(cov[i]![i]! * cov[j]![j]!)));
}

describe('collinearity diagnostics', () => {
  it('the four driver scores: VIFs and condition indices as R, 1e-9; no warning', () => {
    expect(rows.length).toBe(ref.n);
    const names = ref.drivers.columns;
    const d = collinearityDiagnostics(correlation(names), names);
    for (const n of names) expectRel(d.vif[n]!, ref.drivers.vif[n]!, 1e-9);
    d.conditionIndices.forEach((v, i) => expectRel(v, ref.drivers.condition_indices[i]!, 1e-9));
    expect(d.involved).toEqual(names.filter((n) => ref.drivers.last_proportions[n]! >= 0.5));
    expect(d.level).toBe(Math.max(...Object.values(ref.drivers.vif)) > 5 ? 'high' : 'none');
  });

  it('a near copy (2 x satisfaction to 6 decimals): SEVERE_COLLINEARITY naming the pair', () => {
    const names = ref.near_copy.columns;
    const d = collinearityDiagnostics(correlation(names), names);
    // The VIFs are ~1e12: at that conditioning only their order of magnitude is reproducible.
    for (const n of ['satisfaction', 'satisfaction2']) {
      expect(ref.near_copy.vif[n]!).toBeGreaterThan(VIF_SEVERE);
      expect(Math.abs(Math.log10(d.vif[n]!) - Math.log10(ref.near_copy.vif[n]!))).toBeLessThan(0.5);
    }
    expect(d.involved).toEqual(names.filter((n) => ref.near_copy.last_proportions[n]! >= 0.5));
    expect(d.involved).toEqual(['satisfaction', 'satisfaction2']);
    expect(d.level).toBe('severe');
    const severe = d.warnings.find((w) => w.code === 'SEVERE_COLLINEARITY');
    expect(severe?.message).toContain('"satisfaction", "satisfaction2"');
    expect(d.warnings.some((w) => w.code === 'HIGH_CONDITION_NUMBER')).toBe(true);
  });
});
