/**
 * Near-collinearity is said, never printed bare (issue 13, item 2). The example: x2 = 2 x1
 * written to 6 decimals (VIF ~1e12), where `importance` printed betasq 504,757,404, pratt shares
 * of +-2,404,170% and "x1 completely dominates x2" from rounding noise without a word.
 * The rule (src/internal/collinearity.ts): SEVERE_COLLINEARITY when a VIF exceeds 1e6. Here x2 is
 * 2 x1 plus a perturbation of SD 1e-4, written to 6 decimals: VIF about (sd(2 x1) / 1e-4)^2 ~ 1e9,
 * near enough to be noise, far enough from exact dependence for the QR rank test (1e-7) to pass.
 */
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../../src/errors.js';
import { createRandom } from '../../src/internal/random.js';
import { dominanceAnalysis, formatOls, formatRelativeImportance, logisticRegression, ols, relativeImportance } from '../../src/index.js';
import { runCli } from '../cli/run.js';

const random = createRandom(13);
const rows = Array.from({ length: 200 }, () => {
  const x1 = 1 + 6 * random.uniform();
  const x3 = 1 + 6 * random.uniform();
  return {
    x1,
    x2: Number((2 * x1 + 1e-4 * random.normal()).toFixed(6)),
    x3,
    y: x1 + 0.5 * x3 + random.normal(),
    retained: random.uniform() < 0.5 ? 1 : 0,
  };
});
const fit = { outcome: 'y', predictors: ['x1', 'x2', 'x3'] };
const codes = (ws: readonly { code: string }[]) => ws.map((w) => w.code);

describe('near-collinear predictors', () => {
  it('ols: SEVERE_COLLINEARITY naming x1 and x2, and the text says it', () => {
    const r = ols(rows, fit);
    expect(r.vif.x1).toBeGreaterThan(1e6);
    expect(codes(r.warnings)).toContain('SEVERE_COLLINEARITY');
    const w = r.warnings.find((x) => x.code === 'SEVERE_COLLINEARITY')!;
    expect(w.message).toContain('"x1", "x2"');
    expect(w.message).not.toContain('"x3"');
    expect(formatOls(r)).toContain('Warning (SEVERE_COLLINEARITY)');
  });

  it('relativeImportance: the unique-part metrics are marked as noise; lmg stays defined', () => {
    const r = relativeImportance(rows, { ...fit, metrics: ['lmg', 'betasq', 'pratt', 'last'] });
    expect(codes(r.warnings)).toEqual(expect.arrayContaining(['SEVERE_COLLINEARITY', 'UNRELIABLE_METRICS']));
    const u = r.warnings.find((x) => x.code === 'UNRELIABLE_METRICS')!;
    expect(u.message).toMatch(/^(last|betasq|pratt), (last|betasq|pratt), (last|betasq|pratt) of "x1", "x2" /);
    const text = formatRelativeImportance(r);
    expect(text).toContain('betasq (noise)');
    expect(text).toContain('Warning (UNRELIABLE_METRICS)');
    // lmg splits the common part: x1 and x2 carry nearly the same share.
    expect(Math.abs(r.shares.lmg!.x1! - r.shares.lmg!.x2!)).toBeLessThan(1e-3);
  });

  it('no warning where the predictors are distinct', () => {
    const r = relativeImportance(rows, { outcome: 'y', predictors: ['x1', 'x3'] });
    expect(r.warnings).toEqual([]);
    expect(ols(rows, { outcome: 'y', predictors: ['x1', 'x3'] }).warnings).toEqual([]);
  });

  it('dominanceAnalysis: dominance between x1 and x2 undetermined, with a word', () => {
    const d = dominanceAnalysis(rows, fit);
    expect(codes(d.warnings)).toEqual(expect.arrayContaining(['SEVERE_COLLINEARITY', 'DOMINANCE_UNDETERMINED']));
    expect(d.complete![0]![1]).toBe(0.5);
    expect(d.conditional[0]![1]).toBe(0.5);
    // x3 against the pair is still decided (from real differences).
    expect([0, 1]).toContain(d.general[2]![0]);
  });

  it('logisticRegression refuses: its odds ratios would be noise (they overflowed to Infinity)', () => {
    expect(() => logisticRegression(rows, { outcome: 'retained', predictors: ['x1', 'x2', 'x3'] })).toThrow(NumericalError);
    try {
      logisticRegression(rows, { outcome: 'retained', predictors: ['x1', 'x2', 'x3'] });
    } catch (e) {
      expect((e as NumericalError).code).toBe('RANK_DEFICIENT');
      expect((e as NumericalError).message).toContain('"x1", "x2"');
    }
  });

  it('the command-line tool puts the warning under the table', async () => {
    const csv = `x1,x2,x3,y\n${rows.map((r) => [r.x1, r.x2, r.x3, r.y].join(',')).join('\n')}\n`;
    const out = await runCli(['importance', '-', '--outcome', 'y', '--predictors', 'x1,x2,x3'], csv);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('SEVERE_COLLINEARITY');
    expect(out.stdout).toContain('DOMINANCE_UNDETERMINED');
  });
});
