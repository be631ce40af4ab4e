import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emSaturated, patternStatistics } from '../../src/missing/em.js';
import { loadCsv } from '../helpers/fixtures.js';

// Reference: test/fixtures/r/missing.R (lavaan 0.6-14 lavCor(missing = 'ml'), EM tolerance 1e-11).
const ref = JSON.parse(readFileSync(new URL('../fixtures/r/missing.json', import.meta.url), 'utf8'));
const survey = loadCsv('loyalty-survey.csv');
const items: string[] = ref.items;
const columns = items.map((item) =>
  Float64Array.from(survey, (row) => (typeof row[item] === 'number' ? (row[item] as number) : Number.NaN)),
);

describe('emSaturated (FIML saturated normal model)', () => {
  const fit = emSaturated(patternStatistics(columns), items);
  it('matches lavaan FIML means and covariances (divisor n) to 1e-9', () => {
    expect(fit.n).toBe(ref.fiml.n);
    expect(fit.patterns).toBe(ref.fiml.patterns);
    expect(fit.converged).toBe(true);
    let worst = 0;
    items.forEach((_, j) => {
      worst = Math.max(worst, Math.abs(fit.means[j]! - ref.fiml.means[j]));
      items.forEach((__, l) => {
        worst = Math.max(worst, Math.abs(fit.covariance[j * items.length + l]! - ref.fiml.covariance[j][l]));
      });
    });
    console.log(
      `EM: ${fit.iterations} iterations, last change ${fit.maxChange.toExponential(2)}, worst abs difference to lavaan ${worst.toExponential(2)}`,
    );
    expect(worst).toBeLessThan(1e-9);
  });
  it('matches the observed-data log-likelihood at the estimate', () => {
    expect(Math.abs(fit.logLikelihood - ref.fiml.logLikelihood) / Math.abs(ref.fiml.logLikelihood)).toBeLessThan(1e-12);
  });
  it('reproduces complete-data moments when nothing is missing', () => {
    const complete = [Float64Array.of(1, 2, 3, 4, 6), Float64Array.of(2, 1, 4, 3, 6)];
    const f = emSaturated(patternStatistics(complete), ['a', 'b']);
    expect(f.means[0]).toBeCloseTo(3.2, 14);
    // var with divisor n: sum((x - 3.2)^2) / 5 = (4.84 + 1.44 + 0.04 + 0.64 + 7.84) / 5 = 2.96
    expect(f.covariance[0]).toBeCloseTo(2.96, 13);
  });
});
