/** Text formatting of importance results: layout and the numbers it shows (from the results themselves). */
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, formatDominanceAnalysis, formatRelativeImportance, relativeImportance } from '../../src/index.js';
import { DRIVERS, driverRows } from './data.js';

const options = { outcome: 'recommend', predictors: [...DRIVERS] };

describe('formatRelativeImportance', () => {
  it('shows R2, every metric, shares and ranks; the bootstrap block when present', () => {
    const rows = driverRows().map((r, i) => (i === 0 ? { ...r, trust: null } : r));
    const r = relativeImportance(rows, { ...options, bootstrap: { replicates: 60, seed: 2 } });
    const text = formatRelativeImportance(r);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Relative importance for recommend (n = 1595, from rows): R-squared ${r.rSquared.toFixed(4)}`);
    expect(lines[1]).toMatch(/^driver\s+lmg\s+first\s+last\s+betasq\s+pratt\s+car\s+johnson\s+rank$/);
    const trust = lines.find((l) => l.startsWith('trust '))!;
    expect(trust.trim().split(/\s+/)).toEqual(['trust', ...r.metrics.map((m) => r.importance[m]!.trust!.toFixed(4)), '1']);
    expect(text).toContain('lmg exact over all 16 subsets');
    expect(text).toContain('Bootstrap: 60 replicates, seed 2, 95% percentile intervals');
    expect(text).toContain(
      `[${r.bootstrap!.intervals.lmg!.trust!.confidenceInterval[0].toFixed(4)}, ${r.bootstrap!.intervals.lmg!.trust!.confidenceInterval[1].toFixed(4)}]`,
    );
    expect(lines[lines.length - 1]).toBe('1 of 1596 rows dropped for missing values');
  });
  it('states the error bound of a sampled lmg', () => {
    const r = relativeImportance(driverRows(), {
      ...options,
      metrics: ['lmg'],
      shapley: { method: 'sampled', permutations: 100, seed: 3 },
    });
    expect(formatRelativeImportance(r)).toContain('lmg sampled from 100 orderings (seed 3): every value within');
  });
});

describe('formatDominanceAnalysis', () => {
  it('shows levels, general contributions and the three matrices as symbols', () => {
    const d = dominanceAnalysis(driverRows(), options);
    const text = formatDominanceAnalysis(d);
    expect(text).toContain('16 subset models');
    expect(text).toMatch(/driver\s+k=0\s+k=1\s+k=2\s+k=3\s+general\s+share/);
    // reference complete dominance: satisfaction (row 0) dominates image and engagement, ties trust
    const block = text.split('complete dominance')[1]!.split('\n');
    expect(block[2]!.trim().split(/\s+/)).toEqual(['satisfaction', '.', '>', '?', '>']);
    const noComplete = formatDominanceAnalysis(dominanceAnalysis(driverRows(), { ...options, complete: false }));
    expect(noComplete).toContain('complete dominance not computed');
  });
});
