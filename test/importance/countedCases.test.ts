// Penalty-reward and necessary conditions on counted cases (each distinct case once, with the
// number of respondents it stands for: the streaming path's patterns) against the row functions
// on the respondents themselves, which are the reference (checked against R elsewhere:
// test/importance/penaltyReward.test.ts, necessaryConditions.test.ts). Survey scores repeat,
// so the 600 rows below hold about 150 distinct cases, some of them CE-FDH peers many times over
// (duplicates weigh in the CR-FDH line). Tolerance 1e-12 relative (the fits sum in another order).
import { describe, expect, it } from 'vitest';
import { necessaryConditions, necessaryConditionsFromSample } from '../../src/importance/necessaryConditions.js';
import { penaltyReward, penaltyRewardFromSample } from '../../src/importance/penaltyReward.js';
import { createRandom } from '../../src/internal/random.js';
import type { Row } from '../../src/types.js';

const r = createRandom(11);
const rows: Row[] = Array.from({ length: 600 }, () => {
  const a = 1 + r.integer(5);
  const b = 1 + r.integer(5);
  const y = Math.min(10, Math.max(0, Math.round(a + b / 2 + r.integer(3))));
  return { y, a, b, w: [0.5, 1, 2][r.integer(3)]! };
});

/** The distinct (y, a, b[, w]) cases of the rows, in order of first sight, with their counts. */
function counted(weighted: boolean) {
  const at = new Map<string, number>();
  const cases: number[][] = [];
  const counts: number[] = [];
  for (const row of rows) {
    const c = [row['y'], row['a'], row['b'], ...(weighted ? [row['w']] : [])] as number[];
    const k = c.join(',');
    const i = at.get(k);
    if (i === undefined) {
      at.set(k, cases.length);
      cases.push(c);
      counts.push(1);
    } else counts[i]!++;
  }
  const column = (j: number) => Float64Array.from(cases, (c) => c[j]!);
  const sample = {
    columns: [column(0), column(1), column(2)],
    weights: weighted ? column(3) : undefined,
    index: Int32Array.from(cases, (_, i) => i),
    missing: { policy: 'omit' as const, rowsIn: rows.length, rowsUsed: rows.length, rowsDropped: 0, byColumn: {} },
  };
  return { sample, counts: Float64Array.from(counts) };
}

function close(a: unknown, b: unknown, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? [] : [`${path}: ${a} vs ${b}`];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) =>
    close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
  );
}

describe('counted cases', () => {
  it('hold far fewer cases than rows', () => {
    expect(counted(false).counts.length).toBeLessThan(200);
  });
  for (const weighted of [false, true]) {
    it(`penalty-reward${weighted ? ', weighted' : ''}: the respondents' result`, () => {
      const options = { outcome: 'y', drivers: ['a', 'b'], low: 1, high: 5, ...(weighted ? { weights: 'w' } : {}) };
      const { sample, counts } = counted(weighted);
      const expected = penaltyReward(rows, options);
      expect(close(penaltyRewardFromSample(sample, counts, options, 0.95, null), expected)).toEqual([]);
      expect(expected.n).toBe(600);
    });
  }
  it("necessary conditions: the respondents' peers, lines, effect sizes and accuracy", () => {
    const { sample, counts } = counted(false);
    const expected = necessaryConditions(rows, { outcome: 'y', conditions: ['a', 'b'] });
    expect(expected.conditions[0]!.peers.length).toBeGreaterThan(new Set(expected.conditions[0]!.peers.map(String)).size);
    expect(close(necessaryConditionsFromSample(sample, counts, { outcome: 'y', conditions: ['a', 'b'] }), expected)).toEqual([]);
  });
});
