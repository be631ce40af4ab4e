/**
 * The noncentral chi-square against R's `pchisq(x, df, ncp)` (test/fixtures/r/cfa.R), both tails:
 * 1e-9 relative, or absolute 1e-15 (1e-12 for ncp >= 80, where R's pnchisq sums to its own
 * absolute error bound errmax = 1e-12 and computes the upper tail as 1 - cdf). One such tail is
 * checked against a 40-digit value: `sum_{j < 1500} Pois(j; 95.76) Q(0.5 + j, 200)` in Python
 * mpmath (mp.dps = 40) = 3.616064604215442e-10, where R gives 3.61623509e-10.
 */
import { describe, expect, it } from 'vitest';
import { noncentralChiSquareCdf, noncentralChiSquareUpperTail } from '../../src/internal/noncentralChiSquare.js';
import { loadJson } from '../helpers/fixtures.js';

const grid = loadJson<{ pnchisq: { x: number; df: number; ncp: number; lower: number; upper: number }[] }>('r/cfa.json').pnchisq;

describe('noncentral chi-square', () => {
  it('matches R pchisq in both tails (1e-9 relative, or within the absolute error of R itself)', () => {
    for (const g of grid) {
      for (const [ours, r] of [
        [noncentralChiSquareCdf(g.x, g.df, g.ncp), g.lower],
        [noncentralChiSquareUpperTail(g.x, g.df, g.ncp), g.upper],
      ] as const) {
        const err = Math.abs(ours - r);
        const absolute = g.ncp >= 80 ? 1e-12 : 1e-15;
        expect(err <= 1e-9 * r || err <= absolute, `x ${g.x} df ${g.df} ncp ${g.ncp}: ${ours} vs ${r}`).toBe(true);
      }
    }
  });

  it('a large noncentrality, where shapes k/2 + j pass 1,000 (@stdlib gammainc alone is off by 1e-2 there)', () => {
    // mpmath (mp.dps = 30): sum over j within 1,500 of the mode of Pois(j; lambda/2) P(26.5 + j, x/2).
    const cdf = noncentralChiSquareCdf(3563.865598349305, 53, 3318.1326633803738);
    expect(Math.abs(cdf - 0.95068383154886635) / 0.95068383154886635).toBeLessThan(1e-12);
  });

  it('a deep upper tail at a large noncentrality, against 40 digits', () => {
    const exact = 3.616064604215442e-10;
    expect(Math.abs(noncentralChiSquareUpperTail(400, 1, 191.52) - exact) / exact).toBeLessThan(1e-9);
  });
});
