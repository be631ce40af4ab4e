/**
 * Indices on 1,000,000 responses, as ratios to one plain pass summing the same values
 * (the least any index must do: read every value once).
 */
import { csat, customerLoyaltyIndex, nps } from '../src/index.js';
import { report, seeded, time } from './harness.js';

export function bench(): void {
  const n = 1_000_000;
  const rand = seeded(42);
  const recommend = Array.from({ length: n }, () => Math.floor(rand() * 11));
  const satisfaction = Array.from({ length: n }, () => 1 + Math.floor(rand() * 5));
  const weights = Array.from({ length: n }, () => 0.5 + rand());
  const rows = recommend.map((r, i) => ({ recommend: r, repurchase: (r + i) % 11, upsell: (r * 7 + i) % 11 }));

  const sumArray = time('baseline: one pass summing 1M recommend scores', () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += recommend[i]!;
    return s;
  });
  report('Indices on 1,000,000 responses (arrays)', sumArray, [
    time('nps (adjusted Wald)', () => nps(recommend)),
    time('nps weighted (Taylor SE)', () => nps(recommend, { weights })),
    time('csat (Wilson)', () => csat(satisfaction)),
  ]);
  const sumRows = time('baseline: one pass summing 3 items over 1M rows', () => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      s += r.recommend + r.repurchase + r.upsell;
    }
    return s;
  });
  report('Customer Loyalty Index on 1,000,000 rows', sumRows, [
    time("customerLoyaltyIndex 'mean'", () => customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase', 'upsell'] })),
    time("customerLoyaltyIndex 'net'", () => customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase', 'upsell'], method: 'net' })),
  ]);
}
