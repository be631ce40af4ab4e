/**
 * Test data for the importance tests: driver scores of the bundled survey built as the reference
 * file's note says (complete cases on the 12 items, each driver the mean of its 3 items).
 */
import { loadCsv, loadJson } from '../helpers/fixtures.js';

export const DRIVERS = ['satisfaction', 'image', 'trust', 'engagement'] as const;
const STEMS = ['sat', 'img', 'tru', 'eng'] as const;

export type DriverRow = { recommend: number; weight: number; satisfaction: number; image: number; trust: number; engagement: number };

let cache: DriverRow[] | undefined;

/** The 1,596 complete cases with driver scores, recommend and weight. */
export function driverRows(): DriverRow[] {
  if (cache) return cache;
  const rows = loadCsv('loyalty-survey.csv');
  cache = rows
    .filter((r) => STEMS.every((s) => [1, 2, 3].every((k) => r[`${s}${k}`] !== null)))
    .map((r) => {
      const out: Record<string, number> = { recommend: r.recommend as number, weight: r.weight as number };
      STEMS.forEach((s, i) => {
        out[DRIVERS[i]!] = ((r[`${s}1`] as number) + (r[`${s}2`] as number) + (r[`${s}3`] as number)) / 3;
      });
      return out as DriverRow;
    });
  return cache;
}

export const survey = (): any => loadJson('loyalty-survey.json');
export const wide = (): any => loadJson('wide-10.json');
export const rReference = (): any => loadJson('r/importance.json');
export const wideRows = (): Record<string, number | string | null>[] => loadCsv('wide-10.csv');
export const p12Rows = (): Record<string, number | string | null>[] => loadCsv('importance-p12.csv');
export const WIDE = ['d01', 'd02', 'd03', 'd04', 'd05', 'd06', 'd07', 'd08', 'd09', 'd10'];
export const P12 = Array.from({ length: 12 }, (_, i) => `x${String(i + 1).padStart(2, '0')}`);

/** Pearson correlation matrix computed plainly in the test (two-pass), for matrix-input checks. */
export function plainCorrelation(rows: readonly Record<string, unknown>[], columns: readonly string[]): number[][] {
  const n = rows.length;
  const cols = columns.map((c) => rows.map((r) => r[c] as number));
  const means = cols.map((x) => x.reduce((a, b) => a + b, 0) / n);
  const centred = cols.map((x, j) => x.map((v) => v - means[j]!));
  const ss = centred.map((x) => x.reduce((a, b) => a + b * b, 0));
  return centred.map((x, i) => centred.map((z, j) => (i === j ? 1 : x.reduce((a, v, t) => a + v * z[t]!, 0) / Math.sqrt(ss[i]! * ss[j]!))));
}
