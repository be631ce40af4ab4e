/**
 * Level contributions and the sums behind them from a table of fit values by subset.
 *
 * @internal
 */
import type { AllSubsetsSums } from './allSubsets.js';
import { levelContributions, type LevelContributions } from './levelContributions.js';

/** Popcount of a 32-bit mask. */
function bits(mask: number): number {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Neumaier-compensated add into (high, low) pairs at index `at`. */
function add(high: Float64Array, low: Float64Array, at: number, v: number): void {
  const s = high[at]!;
  const t = s + v;
  low[at] = low[at]! + (Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s);
  high[at] = t;
}

/**
 * Sums by subset size and by player of `table[mask] - table[0]` (the gain over the always-in
 * model), in the shape the all-subsets engine returns, then the average contribution of each
 * player at each level and their mean (general dominance = the Shapley value).
 *
 * @param table - `table[mask]` with bit `P - 1 - j` for player j.
 */
export function tableContributions(table: Float64Array, P: number): LevelContributions & { readonly sums: AllSubsetsSums } {
  const S = P + 1;
  const levelHigh = new Float64Array(S);
  const levelLow = new Float64Array(S);
  const containingHigh = new Float64Array(P * S);
  const containingLow = new Float64Array(P * S);
  const base = table[0]!;
  for (let mask = 0; mask < table.length; mask++) {
    const v = table[mask]! - base;
    const s = bits(mask);
    add(levelHigh, levelLow, s, v);
    for (let j = 0; j < P; j++) if (mask & (1 << (P - 1 - j))) add(containingHigh, containingLow, j * S + s, v);
  }
  const sums: AllSubsetsSums = {
    p: P,
    levelHigh,
    levelLow,
    containingHigh,
    containingLow,
    rSquared: table[table.length - 1]! - base,
    table,
  };
  return { ...levelContributions(sums), sums };
}
