/**
 * necessaryConditions against R NCA::nca_analysis (test/fixtures/r/necessaryConditions.R):
 * ceiling zones, effect sizes, CR-FDH lines, accuracy and the bottleneck tables at 1e-9 relative;
 * the permutation p-value exactly where NCA enumerates every permutation (n = 6: 720), and within
 * Monte Carlo error on 120 survey cases (both 1000 random permutations, different generators).
 */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, necessaryConditions } from '../../src/index.js';
import { ceFdhPeers, peerPlan, peersByGroup } from '../../src/importance/ceilingLines.js';
import { createRandom } from '../../src/internal/random.js';
import { expectError, expectRel, loadJson } from '../helpers/fixtures.js';
import { driverRows } from './data.js';

const R = loadJson('r/necessaryConditions.json');
const METHODS = { ce_fdh: 'ce-fdh', cr_fdh: 'cr-fdh' } as const;
const xy = (x: number[], y: number[]) => x.map((v, i) => ({ x: v, y: y[i]! }));
const small = xy([1, 2, 3, 3, 4, 5, 5], [1, 2, 1, 4, 3, 5, 2]);
const six = xy([1, 2, 2, 4, 5, 6], [2, 1, 3, 4, 3, 6]);

function check(result: ReturnType<typeof necessaryConditions>, ref: any, pValues: 'exact' | 'monte-carlo' | 'none'): void {
  expect(result.n).toBe(ref.n);
  for (const c of result.conditions) {
    const rc = ref.conditions[c.condition];
    expectRel(c.scope.area, rc.scope, 1e-12, `${c.condition} scope`);
    for (const [rName, method] of Object.entries(METHODS)) {
      const mine = c.ceilings.find((x) => x.method === method)!;
      const theirs = rc.ceilings[rName];
      const label = `${c.condition} ${method}`;
      expectRel(mine.ceilingZone, theirs.ceilingZone, 1e-9, `${label} zone`);
      expectRel(mine.effectSize!, theirs.effectSize, 1e-9, `${label} d`);
      expectRel(mine.accuracy, theirs.accuracy, 1e-9, `${label} accuracy`);
      if (method === 'cr-fdh') {
        expectRel(mine.slope!, theirs.slope, 1e-9, `${label} slope`);
        expectRel(mine.intercept!, theirs.intercept, 1e-9, `${label} intercept`);
      }
      if (pValues === 'exact') expectRel(mine.pValue!, theirs.pValue, 1e-12, `${label} p`);
      if (pValues === 'monte-carlo') {
        // two independent estimates of p from 1000 permutations each: SE of the difference sqrt(2 p(1-p)/1000)
        const p = theirs.pValue;
        expect(Math.abs(mine.pValue! - p), `${label} p ${mine.pValue} vs NCA ${p}`).toBeLessThan(
          4 * Math.sqrt((2 * Math.max(p, 0.01) * (1 - p)) / 1000) + 0.002,
        );
      }
    }
  }
  for (const [rName, method] of Object.entries(METHODS)) {
    const rows = result.bottlenecks[method]!;
    const rb = ref.bottlenecks[rName];
    rows.forEach((row, k) => {
      expect(row.outcomePercent).toBeCloseTo(rb.y[k], 12);
      for (const c of result.conditions) {
        const cell = row.conditions[c.condition]!;
        const shown = rb.conditions[c.condition].shown[k];
        const actual = rb.conditions[c.condition].actual[k];
        const label = `${method} ${c.condition} at ${row.outcomePercent}%`;
        if (shown === 'NN') expect(cell.status, label).toBe('not-necessary');
        else if (shown === 'NA') expect(cell.status, label).toBe('not-attainable');
        else {
          expect(cell.status, label).toBe('required');
          expectRel(cell.value!, actual, 1e-9, label);
          expectRel(cell.percent!, (100 * (actual - c.scope.xMin)) / (c.scope.xMax - c.scope.xMin), 1e-9, `${label} %`);
          // NCA prints one decimal (its rounding of a tie such as 18.75 may go down)
          expect(Math.abs(cell.percent! - Number(shown)), `${label} as NCA prints it`).toBeLessThanOrEqual(0.05 + 1e-9);
        }
      }
    });
  }
}

describe('necessaryConditions', () => {
  it('the worked example (7 cases): CE-FDH, CR-FDH and the bottleneck tables (R NCA)', () => {
    const r = necessaryConditions(small, { outcome: 'y', conditions: ['x'] });
    check(r, R.small, 'none');
    // Working: peers (1,1) (2,2) (3,4) (5,5); zone = 1*1 + 2*2 + 4*1 = 9 over the scope 4 * 4 = 16.
    expect(r.conditions[0]!.peers).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
      [5, 5],
    ]);
    expect(r.conditions[0]!.ceilings[0]!.effectSize).toBe(9 / 16);
    expect(r.permutation).toBeNull();
  });

  it('n = 6: every one of the 720 permutations, p as NCA', () => {
    const r = necessaryConditions(six, { outcome: 'y', conditions: ['x'], permutation: { replicates: 1000, seed: 1 } });
    expect(r.permutation).toEqual({ method: 'permutation', replicates: 720, seed: 1, exact: true });
    check(r, R.six, 'exact');
    // the seed does not matter when every permutation is used
    const again = necessaryConditions(six, { outcome: 'y', conditions: ['x'], permutation: { replicates: 1000, seed: 99 } });
    expect(again.conditions[0]!.ceilings.map((c) => c.pValue)).toEqual(r.conditions[0]!.ceilings.map((c) => c.pValue));
  });

  it('three driver scores of the survey against recommend (R NCA)', () => {
    const r = necessaryConditions(driverRows(), { outcome: 'recommend', conditions: ['satisfaction', 'trust', 'image'] });
    check(r, R.survey, 'none');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('permutation p on the first 120 cases: within Monte Carlo error of NCA (1000 permutations each)', () => {
    const r = necessaryConditions(driverRows().slice(0, 120), {
      outcome: 'recommend',
      conditions: ['satisfaction', 'image'],
      permutation: { replicates: 1000, seed: 5 },
    });
    check(r, R.subset, 'monte-carlo');
    expect(r.permutation!.exact).toBe(false);
    const again = necessaryConditions(driverRows().slice(0, 120), {
      outcome: 'recommend',
      conditions: ['satisfaction', 'image'],
      permutation: { replicates: 1000, seed: 5 },
    });
    expect(again).toEqual(r);
  });

  it('the sort-once peers of the permutation loop equal the NCA sweep (seeded random data with ties)', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + random.integer(40);
      const levels = 1 + random.integer(7);
      const x = Float64Array.from({ length: n }, () => random.integer(levels));
      const y = Float64Array.from({ length: n }, () => random.integer(levels) / 2);
      const plan = peerPlan(x, y);
      expect(plan).not.toBeNull();
      expect(peersByGroup(plan!, x, y)).toEqual(ceFdhPeers(x, y));
    }
    // values equal within 1e-6 relative but not exactly: no plan, the sweep is used
    expect(peerPlan([1, 1 + 1e-9, 2], [1, 2, 3])).toBeNull();
  });

  it('refuses bad options and data', () => {
    expectError(
      () => necessaryConditions(small, { outcome: 'y', conditions: ['x'], ceilings: ['ols'] } as never),
      InputError,
      'INVALID_OPTION',
    );
    expectError(() => necessaryConditions(small, { outcome: 'y', conditions: [] }), InputError, 'INVALID_OPTION');
    expectError(
      () => necessaryConditions(small, { outcome: 'y', conditions: ['x'], permutation: { replicates: 10 } } as never),
      InputError,
      'INVALID_OPTION',
    );
    expectError(() => necessaryConditions(small, { outcome: 'y', conditions: ['x'], stpes: 3 } as never), InputError, 'INVALID_OPTION');
    expectError(
      () => necessaryConditions(xy([1, 1, 1], [1, 2, 3]), { outcome: 'y', conditions: ['x'] }),
      InsufficientDataError,
      'ZERO_VARIANCE',
    );
    expectError(() => necessaryConditions(xy([1, 2], [1, 2]), { outcome: 'y', conditions: ['x'] }), InsufficientDataError, 'TOO_FEW_CASES');
  });
});
