// plsPathModel with missing answers (issue 16): 'fiml' and 'pairwise' estimate the model from the
// item covariance matrix those policies give. Reference: test/fixtures/r/plsMissing.R, which
// deletes ~5% of ecsi.csv's answers (seeded: ecsi-missing.csv) and computes the FIML covariance
// with lavaan 0.6-14 (lavCor missing = "ml") and the pairwise correlations with R cor(); the PLS
// of a covariance input is itself checked against seminr (pls.test.ts). So: the rows with
// missing answers must give the model of R's matrices, to 1e-9 (our EM stops at 1e-12, lavaan's
// at 1e-11).
import { describe, expect, it } from 'vitest';
import { plsPathModel } from '../../src/index.js';
import { InputError } from '../../src/errors.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const ref = loadJson('r/plsMissing.json');
const rows = loadCsv('ecsi-missing.csv');
const items = (prefix: string, k: number) => Array.from({ length: k }, (_, i) => `${prefix}${i + 1}`);
const spec = {
  constructs: {
    image: items('img', 4),
    expectation: items('exp', 3),
    quality: items('qual', 4),
    value: items('val', 2),
    satisfaction: items('sat', 3),
    loyalty: items('loy', 3),
  },
  paths: [
    ['image', 'expectation'],
    ['image', 'satisfaction'],
    ['image', 'loyalty'],
    ['expectation', 'quality'],
    ['expectation', 'value'],
    ['quality', 'value'],
    ['quality', 'satisfaction'],
    ['value', 'satisfaction'],
    ['satisfaction', 'loyalty'],
  ] as [string, string][],
};

describe.each([
  ['fiml', { covariance: ref.fimlCovariance, variables: ref.variables, n: ref.nRows }],
  ['pairwise', { correlation: ref.pairwiseCorrelation, variables: ref.variables, n: ref.nRows }],
] as const)('plsPathModel(missing: "%s")', (policy, matrix) => {
  const fromRows = plsPathModel(rows, { ...spec, missing: policy, tolerance: 1e-12 });
  const fromR = plsPathModel(matrix, { ...spec, tolerance: 1e-12 });
  it("equals the PLS of R's matrix: paths, weights, loadings, R2", () => {
    fromR.paths.forEach((p, k) => expectRel(fromRows.paths[k]!.estimate, p.estimate, 1e-9, `${p.from} -> ${p.to}`));
    for (const c of Object.keys(spec.constructs)) {
      const a = fromRows.constructs[c]!;
      const b = fromR.constructs[c]!;
      for (const item of Object.keys(b.weights)) expectRel(a.weights[item]!, b.weights[item]!, 1e-9, `${c} weight ${item}`);
      for (const item of Object.keys(b.loadings)) expectRel(a.loadings[item]!, b.loadings[item]!, 1e-9, `${c} loading ${item}`);
      if (b.rSquared !== null) expectRel(a.rSquared!, b.rSquared, 1e-9, `${c} R2`);
    }
  });
  it('uses every row with an answer (listwise would keep fewer), with no scores', () => {
    expect(fromRows.missing.policy).toBe(policy);
    expect(fromRows.n).toBe(ref.nRows);
    expect(plsPathModel(rows, spec).n).toBe(ref.completeRows);
    expect(fromRows.scores).toBeNull();
  });
});

describe('plsPathModel missing refusals', () => {
  it('no bootstrap under pairwise or FIML', () => {
    expectError(
      () => plsPathModel(rows, { ...spec, missing: 'fiml', bootstrap: { replicates: 50, seed: 1 } }),
      InputError,
      'INVALID_OPTION',
      ['not with missing'],
    );
  });
});
