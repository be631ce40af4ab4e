import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, NumericalError } from '../../src/errors.js';
import { logisticRegression, ols } from '../../src/regression/index.js';
import { expectError } from '../helpers/fixtures.js';
import { DRIVERS, surveyRows } from './survey.js';

const rows = surveyRows().slice(0, 200);
const P = [...DRIVERS];
const model = { outcome: 'recommend', predictors: P };

describe('ols error paths: typed, naming the columns', () => {
  it('an exact linear dependence is RANK_DEFICIENT, naming the predictors and the relation', () => {
    const data = rows.map((r) => ({ ...r, loyaltyIndex: 2 * (r['trust'] as number) - 0.5 * (r['image'] as number) + 1 }));
    const e = expectError(
      () => ols(data, { outcome: 'recommend', predictors: ['trust', 'image', 'loyaltyIndex', 'engagement'] }),
      NumericalError,
      'RANK_DEFICIENT',
      ['"loyaltyIndex" = 2 * "trust" - 0.5 * "image" + 1', 'trust', 'image'],
    );
    expect(e.message).not.toContain('"engagement" =');
    expect((e as NumericalError).location).toMatchObject({ column: 'loyaltyIndex', argument: 'options.predictors' });
  });
  it('two duplicated predictors are both reported', () => {
    const data = rows.map((r) => ({ ...r, sat2x: (r['satisfaction'] as number) * 2, img3: r['image'] }));
    expectError(
      () => ols(data, { outcome: 'recommend', predictors: ['satisfaction', 'image', 'sat2x', 'img3'] }),
      NumericalError,
      'RANK_DEFICIENT',
      ['"sat2x" = 2 * "satisfaction"', '"img3" = 1 * "image"'],
    );
  });
  it('a constant predictor is ZERO_VARIANCE; a nearly constant one is RANK_DEFICIENT with the intercept', () => {
    expectError(
      () =>
        ols(
          rows.map((r) => ({ ...r, region: 4 })),
          { ...model, predictors: [...P, 'region'] },
        ),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['"region"', 'constant'],
    );
    // 1e9 + tiny wiggle: variation 1e-9 of its size, below the 1e-7 rank tolerance (R's lm drops it too).
    const nearly = rows.map((r, i) => ({ ...r, stamp: 1e9 + (i % 2) * 0.5 }));
    expectError(() => ols(nearly, { ...model, predictors: [...P, 'stamp'] }), NumericalError, 'RANK_DEFICIENT', [
      '"stamp"',
      'nearly) constant',
    ]);
    // ... and a loose tolerance accepts it (R: lm(..., tol = 1e-10)).
    expect(ols(nearly, { ...model, predictors: [...P, 'stamp'], tolerance: 1e-12 }).coefficients).toHaveLength(6);
  });
  it('n <= p (n must exceed the number of coefficients) is TOO_FEW_CASES', () => {
    expectError(() => ols(rows.slice(0, 5), model), InsufficientDataError, 'TOO_FEW_CASES', ['5 complete cases', '5 coefficients']);
    expect(ols(rows.slice(0, 6), model).dfResidual).toBe(1);
  });
  it('a non-numeric outcome is NOT_NUMERIC naming the column and row', () => {
    const data = rows.map((r, i) => (i === 17 ? { ...r, recommend: 'nine' } : r));
    const e = expectError(() => ols(data, model), InputError, 'NOT_NUMERIC', ['"recommend"', 'row 17']);
    expect((e as InputError).location).toMatchObject({ column: 'recommend', row: 17 });
  });
  it('a constant outcome and a perfect fit are ZERO_VARIANCE', () => {
    expectError(
      () =>
        ols(
          rows.map((r) => ({ ...r, recommend: 7 })),
          model,
        ),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['"recommend"'],
    );
    const exact = rows.map((r) => ({ ...r, recommend: 1 + 2 * (r['trust'] as number) }));
    expectError(() => ols(exact, model), InsufficientDataError, 'ZERO_VARIANCE', ['exact linear function']);
  });
  it('missing values with missing: "fail", bad options, unknown columns', () => {
    const gap = rows.map((r, i) => (i === 3 ? { ...r, image: null } : r));
    expectError(() => ols(gap, { ...model, missing: 'fail' }), InputError, 'MISSING_VALUE', ['"image"', 'row 3']);
    expectError(() => ols(rows, { ...model, robust: 'HC6' as never }), InputError, 'INVALID_OPTION', ['options.robust']);
    expectError(() => ols(rows, { ...model, confidenceLevel: 95 }), InputError, 'INVALID_OPTION', ['confidenceLevel']);
    expectError(() => ols(rows, { outcome: 'recommend', predictors: ['recommend', 'trust'] }), InputError, 'INVALID_OPTION', [
      '"recommend" is also the outcome',
    ]);
    expectError(() => ols(rows, { outcome: 'recommend', predictors: [] }), InputError, 'INVALID_OPTION', ['options.predictors']);
    expectError(() => ols(rows, { outcome: 'recommend', predictors: ['trust', 'trust'] }), InputError, 'INVALID_OPTION', ['twice']);
    expectError(() => ols(rows, { outcome: 'recommend', predictors: ['brand_love'] }), InputError, 'COLUMN_NOT_FOUND', ['brand_love']);
    expectError(() => ols([], model), InputError, 'EMPTY_INPUT');
    expectError(() => ols(rows, undefined as never), InputError, 'INVALID_OPTION', ['options']);
    expectError(
      () =>
        ols(
          rows.map((r, i) => (i === 9 ? { ...r, weight: -1 } : r)),
          { ...model, weights: 'weight' },
        ),
      InputError,
      'OUT_OF_RANGE',
      ['"weight"', 'row 9'],
    );
  });
  it('HC2/HC3 with a case of leverage 1 is TOO_FEW_CASES (HC0/HC1 still work)', () => {
    const data = rows.map((r, i) => ({ ...r, flagship: i === 0 ? 1 : 0 }));
    expectError(() => ols(data, { ...model, predictors: [...P, 'flagship'], robust: 'HC3' }), InsufficientDataError, 'TOO_FEW_CASES', [
      'leverage 1',
      'HC3',
    ]);
    expect(ols(data, { ...model, predictors: [...P, 'flagship'], robust: 'HC1' }).standardErrorType).toBe('HC1');
  });
});

describe('logisticRegression error paths', () => {
  const retained = { outcome: 'retained', predictors: P };
  it('an outcome other than 0/1 is OUT_OF_RANGE naming the column and row', () => {
    const data = rows.map((r, i) => (i === 42 ? { ...r, retained: 2 } : r));
    const e = expectError(() => logisticRegression(data, retained), InputError, 'OUT_OF_RANGE', [
      '"retained"',
      'row 42',
      'an integer from 0 to 1',
    ]);
    expect((e as InputError).location).toMatchObject({ column: 'retained', row: 42, value: 2 });
    expectError(
      () =>
        logisticRegression(
          rows.map((r, i) => (i === 5 ? { ...r, retained: 0.5 } : r)),
          retained,
        ),
      InputError,
      'OUT_OF_RANGE',
      ['row 5'],
    );
    expectError(
      () =>
        logisticRegression(
          rows.map((r, i) => (i === 6 ? { ...r, retained: 'yes' } : r)),
          retained,
        ),
      InputError,
      'NOT_NUMERIC',
      ['row 6'],
    );
  });
  it('all outcomes equal is ZERO_VARIANCE; collinear predictors RANK_DEFICIENT; too few cases', () => {
    expectError(
      () =>
        logisticRegression(
          rows.map((r) => ({ ...r, retained: 1 })),
          retained,
        ),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['"retained"'],
    );
    const data = rows.map((r) => ({ ...r, trustCopy: (r['trust'] as number) * 3 }));
    expectError(
      () => logisticRegression(data, { outcome: 'retained', predictors: ['trust', 'trustCopy'] }),
      NumericalError,
      'RANK_DEFICIENT',
      ['"trustCopy" = 3 * "trust"'],
    );
    expectError(() => logisticRegression(rows.slice(0, 5), retained), InsufficientDataError, 'TOO_FEW_CASES');
  });
  it('no convergence within maxIterations is NO_CONVERGENCE', () => {
    expectError(() => logisticRegression(rows, { ...retained, maxIterations: 2 }), NumericalError, 'NO_CONVERGENCE', [
      '2 IRLS iterations',
      'maxIterations',
    ]);
  });
});
