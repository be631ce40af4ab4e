/** Error paths of the importance functions: every code asserted, with the words the message must contain. */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, NumericalError, dominanceAnalysis, relativeImportance } from '../../src/index.js';
import { createRandom } from '../../src/internal/random.js';
import { expectError } from '../helpers/fixtures.js';
import { DRIVERS, driverRows } from './data.js';

const options = { outcome: 'recommend', predictors: [...DRIVERS] };

/** An equicorrelated k x k matrix with off-diagonal rho (positive definite for -1/(k-1) < rho < 1), outcome last with r = 0.3. */
function bigCorrelation(k: number): { correlation: number[][]; variables: string[]; n: number } {
  const variables = [...Array.from({ length: k }, (_, j) => `x${j + 1}`), 'y'];
  const correlation = variables.map((_, i) => variables.map((__, j) => (i === j ? 1 : i === k || j === k ? 0.3 : 0.2)));
  return { correlation, variables, n: 500 };
}

describe('importance error paths', () => {
  it('a correlation matrix that is not positive definite', () => {
    // r(a, b) = 0.9, r(a, c) = 0.9, r(b, c) = -0.9: no data set has these correlations
    const correlation = [
      [1, 0.9, 0.9, 0.3],
      [0.9, 1, -0.9, 0.2],
      [0.9, -0.9, 1, 0.1],
      [0.3, 0.2, 0.1, 1],
    ];
    const data = { correlation, variables: ['a', 'b', 'c', 'y'], n: 100 };
    expectError(() => relativeImportance(data, { outcome: 'y', predictors: ['a', 'b', 'c'] }), NumericalError, 'NOT_POSITIVE_DEFINITE', [
      'correlation matrix of the predictors (a, b, c)',
      'not positive definite',
    ]);
    expectError(() => dominanceAnalysis(data, { outcome: 'y', predictors: ['a', 'b', 'c'] }), NumericalError, 'NOT_POSITIVE_DEFINITE', [
      'not positive definite',
    ]);
    // predictors fine, but the outcome's correlations are impossible (R2 would exceed 1)
    const bad = {
      correlation: [
        [1, 0, 0.8],
        [0, 1, 0.8],
        [0.8, 0.8, 1],
      ],
      variables: ['a', 'b', 'y'],
      n: 100,
    };
    expectError(() => relativeImportance(bad, { outcome: 'y', predictors: ['a', 'b'] }), NumericalError, 'NOT_POSITIVE_DEFINITE', [
      'positive semi-definite',
      'R2 would exceed 1',
    ]);
  });

  it('collinear predictors in rows', () => {
    const rows = driverRows().map((r) => ({ ...r, twice: 2 * r.trust }));
    expectError(
      () => relativeImportance(rows, { outcome: 'recommend', predictors: ['trust', 'twice', 'image'] }),
      NumericalError,
      'NOT_POSITIVE_DEFINITE',
      ['trust, twice, image'],
    );
  });

  it('one predictor', () => {
    expectError(() => relativeImportance(driverRows(), { outcome: 'recommend', predictors: ['trust'] }), InputError, 'INVALID_OPTION', [
      'at least 2 predictors, got 1',
      '"trust"',
      'squared correlation',
    ]);
    expectError(() => dominanceAnalysis(driverRows(), { outcome: 'recommend', predictors: ['trust'] }), InputError, 'INVALID_OPTION', [
      'at least 2 predictors',
    ]);
  });

  it('more predictors than the exact limit; the sampled estimate beyond it', () => {
    const data = bigCorrelation(26);
    const predictors = data.variables.slice(0, 26);
    expectError(() => relativeImportance(data, { outcome: 'y', predictors }), InputError, 'LIMIT_EXCEEDED', [
      '26 predictors',
      'exact limit of 25',
      "method: 'sampled'",
    ]);
    expectError(() => dominanceAnalysis(data, { outcome: 'y', predictors }), InputError, 'LIMIT_EXCEEDED', [
      '26 predictors',
      'limit of 25',
    ]);
    expectError(() => dominanceAnalysis(data, { outcome: 'y', predictors, maxPredictors: 26 }), InputError, 'LIMIT_EXCEEDED', [
      'complete dominance',
      'complete: false',
    ]);
    expectError(
      () => relativeImportance(data, { outcome: 'y', predictors, shapley: { maxExactPredictors: 31 } }),
      InputError,
      'INVALID_OPTION',
      ['maxExactPredictors'],
    );
    expectError(
      () =>
        relativeImportance(bigCorrelation(8), {
          outcome: 'y',
          predictors: bigCorrelation(8).variables.slice(0, 8),
          shapley: { maxExactPredictors: 6 },
        }),
      InputError,
      'LIMIT_EXCEEDED',
      ['exact limit of 6'],
    );
    // Sampled: exchangeable predictors, so the exact lmg is R2 / 40 for each; 40 predictors
    const forty = bigCorrelation(40);
    const r = relativeImportance(forty, {
      outcome: 'y',
      predictors: forty.variables.slice(0, 40),
      metrics: ['lmg'],
      shapley: { method: 'sampled', permutations: 200, seed: 1 },
    });
    if (r.shapley?.method !== 'sampled') throw new Error('expected sampled');
    for (const x of forty.variables.slice(0, 40)) {
      // by symmetry the exact lmg of each is R2 / 40; each estimate is within the stated bound
      expect(Math.abs(r.importance.lmg![x]! - r.rSquared / 40)).toBeLessThanOrEqual(r.shapley.errorBound);
    }
    // without lmg, no limit applies
    expect(relativeImportance(forty, { outcome: 'y', predictors: forty.variables.slice(0, 40), metrics: ['pratt'] }).metrics).toEqual([
      'pratt',
    ]);
  });

  it('bootstrap with too few rows', () => {
    expectError(
      () => relativeImportance(driverRows().slice(0, 12), { ...options, bootstrap: { replicates: 100, seed: 1 } }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['12 complete cases', 'at least 20'],
    );
  });

  it('fewer than p + 2 cases, zero variance, missing columns, bad options', () => {
    const rows = driverRows();
    expectError(() => relativeImportance(rows.slice(0, 5), options), InsufficientDataError, 'TOO_FEW_CASES', ['need at least 6']);
    expectError(
      () =>
        relativeImportance(
          rows.map((r) => ({ ...r, image: 4 })),
          options,
        ),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['"image"'],
    );
    expectError(() => relativeImportance(rows, { ...options, predictors: ['trust', 'loyalty'] }), InputError, 'COLUMN_NOT_FOUND', [
      '"loyalty"',
    ]);
    expectError(() => relativeImportance(rows, { ...options, predictors: ['trust', 'trust'] }), InputError, 'INVALID_OPTION', [
      'listed twice',
    ]);
    expectError(() => relativeImportance(rows, { ...options, predictors: ['trust', 'recommend'] }), InputError, 'INVALID_OPTION', [
      'cannot also be a predictor',
    ]);
    expectError(() => relativeImportance(rows, { ...options, metrics: ['lmg', 'pmvd' as never] }), InputError, 'INVALID_OPTION', [
      'options.metrics',
    ]);
    expectError(
      () => relativeImportance(rows, { ...options, shapley: { method: 'sampled', permutations: 101 } }),
      InputError,
      'INVALID_OPTION',
      ['even'],
    );
    expectError(() => relativeImportance([], options), InputError, 'EMPTY_INPUT');
    expectError(
      () =>
        relativeImportance(
          rows.map((r, i) => (i === 3 ? { ...r, trust: null } : r)),
          { ...options, missing: 'fail' },
        ),
      InputError,
      'MISSING_VALUE',
      ['row 3'],
    );
    const summary = {
      correlation: [
        [1, 0.3, 0.2],
        [0.3, 1, 0.1],
        [0.2, 0.1, 1],
      ],
      variables: ['y', 'a', 'b'],
      n: 100,
    };
    expectError(() => relativeImportance(summary, { outcome: 'y', predictors: ['a', 'c'] }), InputError, 'COLUMN_NOT_FOUND', ['"c"']);
    expectError(() => relativeImportance(summary, { outcome: 'y', predictors: ['a', 'b'], weights: 'w' }), InputError, 'INVALID_OPTION', [
      'options.weights',
    ]);
    expectError(
      () => relativeImportance({ ...summary, n: 3 }, { outcome: 'y', predictors: ['a', 'b'] }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['need at least 4'],
    );
    expectError(
      () => dominanceAnalysis(summary, { outcome: 'y', predictors: ['a', 'b'], complete: 'yes' as never }),
      InputError,
      'INVALID_OPTION',
      ['options.complete'],
    );
  });

  it('exact results do not depend on any generator state (no seed involved)', () => {
    const random = createRandom(1);
    const rows = driverRows().map((r) => ({ ...r, noise: random.normal() }));
    const a = relativeImportance(rows, { ...options, predictors: [...DRIVERS, 'noise'] });
    const b = relativeImportance(rows, { ...options, predictors: [...DRIVERS, 'noise'] });
    expect(a).toEqual(b);
  });
});
