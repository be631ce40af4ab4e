/**
 * driverCorrelations against R. Sources: test/fixtures/loyalty-survey.json `driver_correlations`
 * (cor of the mean scores, complete cases on all 12 items); test/fixtures/r/measurement.json
 * `survey.driver_correlations` (diag(solve(R)), eigen, cor.test p-values and Fisher-z limits,
 * colMeans, sd). Tolerance 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, NumericalError } from '../../src/errors.js';
import { driverCorrelations, withScaleScores } from '../../src/measurement/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const survey = loadCsv('loyalty-survey.csv');
const reference = loadJson('loyalty-survey.json');
const ours = loadJson('r/measurement.json').survey.driver_correlations;
const scales = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};
const names = Object.keys(scales);

describe('driverCorrelations on the loyalty survey', () => {
  const d = driverCorrelations(survey, scales);

  it('correlation matrix of the mean scores (loyalty-survey.json, 1e-9)', () => {
    expect(d.n).toBe(1596);
    expect(d.drivers).toEqual(names);
    d.correlation.forEach((row, i) => row.forEach((v, j) => expectRel(v, reference.driver_correlations[i][j], 1e-9, `r[${i}][${j}]`)));
  });

  it('VIF, eigenvalues, condition number, p-values, intervals, means, SDs (R, 1e-9)', () => {
    names.forEach((name, j) => {
      expectRel(d.vif[name]!, ours.vif[name], 1e-9, `VIF ${name}`);
      expectRel(d.means[name]!, ours.means[name], 1e-9, `mean ${name}`);
      expectRel(d.standardDeviations[name]!, ours.sds[name], 1e-9, `sd ${name}`);
      expectRel(d.eigenvalues[j]!, ours.eigenvalues[j], 1e-9, `eigenvalue ${j}`);
    });
    expectRel(d.conditionNumber, ours.condition_number, 1e-9, 'condition number');
    expectRel(d.conditionIndices[3]!, ours.condition_number, 1e-9, 'largest condition index');
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (i === j) continue;
        expectRel(d.pValues[i]![j]!, ours.p_values[i][j], 1e-9, `p[${i}][${j}]`);
        expectRel(d.lower[i]![j]!, ours.ci_lower[i][j], 1e-9, `lower[${i}][${j}]`);
        expectRel(d.upper[i]![j]!, ours.ci_upper[i][j], 1e-9, `upper[${i}][${j}]`);
      }
    }
    expect(d.missing.rowsIn).toBe(2000);
    expect(d.missing.rowsDropped).toBe(404);
    expect(d.warnings).toEqual([]);
  });

  it('columns form: the same numbers from precomputed score columns', () => {
    const rows = withScaleScores(survey, scales);
    const c = driverCorrelations(rows, names);
    expect(c.input).toBe('columns');
    expect(c.n).toBe(1596);
    c.correlation.forEach((row, i) => row.forEach((v, j) => expectRel(v, reference.driver_correlations[i][j], 1e-9, `r[${i}][${j}]`)));
  });
});

describe('driverCorrelations: small cases worked by hand', () => {
  it('two drivers: r, VIF = 1/(1 - r^2), condition number sqrt((1 + r)/(1 - r))', () => {
    // x = 1..5, y = 2, 1, 4, 3, 5: sxy = 8, sxx = syy = 10, r = 0.8;
    // VIF = 1/(1 - 0.64) = 2.7778; eigenvalues 1.8 and 0.2, condition number sqrt(9) = 3.
    const rows = [1, 2, 3, 4, 5].map((x, i) => ({ x, y: [2, 1, 4, 3, 5][i] }));
    const d = driverCorrelations(rows, ['x', 'y']);
    expectRel(d.correlation[0]![1]!, 0.8, 1e-14);
    expectRel(d.vif.x!, 1 / 0.36, 1e-13);
    expectRel(d.conditionNumber, 3, 1e-13);
    // t = 0.8 sqrt(3 / 0.36) = 2.3094, p = 2 P(T_3 > 2.3094) = 0.1041 (R: cor.test gives 0.1040880).
    expect(d.pValues[0]![1]!).toBeCloseTo(0.104088, 6);
  });

  it('warns on VIF above 5', () => {
    const rows = [
      { sat: 1, tru: 2, img: 1 },
      { sat: 2, tru: 1, img: 2 },
      { sat: 3, tru: 4, img: 2 },
      { sat: 4, tru: 3, img: 5 },
      { sat: 5, tru: 5, img: 4 },
    ];
    const d = driverCorrelations(rows, ['sat', 'tru', 'img']);
    expect(d.vif.sat!).toBeGreaterThan(5);
    expect(d.warnings.some((w) => w.code === 'HIGH_VIF' && w.message.includes('"sat"') && w.message.includes('VIF'))).toBe(true);
  });

  it('errors: constant driver, exact collinearity, too few cases, one driver', () => {
    const base = [1, 2, 3, 4, 5].map((x, i) => ({ x, y: [2, 1, 4, 3, 5][i]!, c: 3, z: x + [2, 1, 4, 3, 5][i]! }));
    expectError(() => driverCorrelations(base, ['x', 'c']), InsufficientDataError, 'ZERO_VARIANCE', ['"c"']);
    expectError(() => driverCorrelations(base, ['x', 'y', 'z']), NumericalError, 'RANK_DEFICIENT', ['x, y, z']);
    expectError(() => driverCorrelations(base.slice(0, 3), ['x', 'y']), InsufficientDataError, 'TOO_FEW_CASES', ['x, y']);
    expectError(() => driverCorrelations(base, ['x']), InputError, 'INVALID_OPTION', ['two']);
    expectError(() => driverCorrelations(base, ['x', 'q']), InputError, 'COLUMN_NOT_FOUND', ['"q"']);
    expectError(
      () => driverCorrelations(survey, { satisfaction: ['sat1', 'sat2'], trust: ['tru1', 'tru2'] }, { missing: 'fail' }),
      InputError,
      'MISSING_VALUE',
    );
  });
});
