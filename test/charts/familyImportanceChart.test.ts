// The importance chart of a binary or ordinal outcome names the pseudo-R2 it decomposes, in its
// subtitle and its text alternative (not "R²", which would misread McFadden's index as variance).
import { describe, expect, it } from 'vitest';
import { relativeImportance } from '../../src/index.js';
import { importanceChart } from '../../src/charts/index.js';

const rows = Array.from({ length: 60 }, (_, i) => {
  const a = (i * 7) % 11;
  const b = (i * 5) % 13;
  return { a, b, y: (a + b + (i % 3)) % 2 };
});

describe('importanceChart of a family result', () => {
  it("says McFadden's pseudo-R² for family binomial, R² for the linear one", () => {
    const fam = importanceChart(relativeImportance(rows, { outcome: 'y', predictors: ['a', 'b'], family: 'binomial' }));
    expect(fam.description).toContain("Shapley value of McFadden's pseudo-R²");
    expect(fam.description).toContain("McFadden's pseudo-R² = ");
    const lin = importanceChart(relativeImportance(rows, { outcome: 'y', predictors: ['a', 'b'] }));
    expect(lin.description).toContain('R² = ');
    expect(lin.description).not.toContain('pseudo');
  });
});
