/**
 * plsPathModel against R seminr 2.3.4 estimate_pls (test/fixtures/r/pls.R -> r/pls.json) on the
 * ECSI-style data test/fixtures/ecsi.csv. Both sides stop when the sum of absolute outer-weight
 * changes is below 1e-12 and take the same steps, so estimates agree to rounding (measured: max
 * relative error about 1e-13); checked at 1e-10 relative.
 */
import { describe, expect, it } from 'vitest';
import { InputError, plsPathModel, type PlsPathModelOptions, type PlsPathModelResult } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectNoRetiredKeys, expectWarnings } from '../helpers/vocabulary.js';

const rows = loadCsv('ecsi.csv');
const ref = loadJson('r/pls.json');
const TOL = 1e-10;

const items = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const paths: PlsPathModelOptions['paths'] = [
  ['image', 'expectation'],
  ['image', 'satisfaction'],
  ['image', 'loyalty'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['quality', 'value'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['satisfaction', 'loyalty'],
];

let worst = 0;
function close(actual: number, expected: number, label: string): void {
  const err = Math.abs(actual - expected) / (expected === 0 ? 1 : Math.abs(expected));
  worst = Math.max(worst, err);
  expectRel(actual, expected, TOL, label);
}

function compare(fit: PlsPathModelResult, r: any, opts: { modeB?: string[]; scores?: boolean } = {}): void {
  for (const f of r.fSquare) {
    const mine = fit.paths.find((q) => q.from === f.from && q.to === f.to)!;
    close(mine.fSquared, f.value, `f2 ${f.from}->${f.to}`);
  }
  for (const [to, byFrom] of Object.entries(r.vif as Record<string, Record<string, number | null>>)) {
    for (const [from, v] of Object.entries(byFrom)) {
      const mine = fit.paths.find((q) => q.from === from && q.to === to)!;
      if (v === null) expect(mine.vif).toBe(1);
      else close(mine.vif, v, `vif ${from}->${to}`);
    }
  }
  for (const name of fit.constructNames) {
    if (opts.modeB?.includes(name)) expect(fit.fornellLarcker[name]!.squareRootAve).toBeNull();
    else close(fit.fornellLarcker[name]!.squareRootAve!, r.sqrtAVE[name], `sqrt(AVE) ${name}`);
  }
  for (const [item, byConstruct] of Object.entries(r.crossLoadings as Record<string, Record<string, number>>)) {
    for (const [c, v] of Object.entries(byConstruct)) close(fit.crossLoadings[item]![c]!, v, `cross-loading ${item} ${c}`);
  }
  expect(fit.convergence.converged).toBe(true);
  expect(fit.convergence.iterations).toBe(r.iterations + 1);
  // Same steps, same last change; below 1e-10 it is rounding noise (a sum of ~20 differences).
  if (r.weightDiff > 1e-10) expectRel(fit.convergence.lastChange, r.weightDiff, 1e-6, 'weightDiff');
  else expect(fit.convergence.lastChange).toBeLessThan(fit.convergence.tolerance);
  for (const name of fit.constructNames) {
    const c = fit.constructs[name]!;
    for (const item of c.items) {
      close(c.weights[item]!, r.weights[name][item], `${name}.weights.${item}`);
      close(c.loadings[item]!, r.loadings[name][item], `${name}.loadings.${item}`);
    }
    const rel = r.reliability[name];
    if (opts.modeB?.includes(name)) {
      expect(c.cronbachAlpha).toBeNull();
      expect(c.rhoA).toBeNull();
    } else {
      close(c.cronbachAlpha!, rel.alpha, `${name}.alpha`);
      close(c.rhoA!, rel.rhoA, `${name}.rhoA`);
      close(c.compositeReliability!, rel.rhoC, `${name}.rhoC`);
      close(c.averageVarianceExtracted!, rel.AVE, `${name}.AVE`);
    }
    if (name in r.rSquared) {
      close(c.rSquared!, r.rSquared[name], `${name}.rSquared`);
      close(c.adjustedRSquared!, r.adjustedRSquared[name], `${name}.adjustedRSquared`);
    } else {
      expect(c.rSquared).toBeNull();
    }
    fit.constructNames.forEach((other, j) => {
      close(fit.constructCorrelation[fit.constructNames.indexOf(name)]![j]!, r.constructCorrelation[name][other], `cor ${name} ${other}`);
    });
  }
  expect(fit.paths).toHaveLength(r.paths.length);
  for (const p of r.paths) {
    const mine = fit.paths.find((q) => q.from === p.from && q.to === p.to)!;
    close(mine.estimate, p.estimate, `path ${p.from}->${p.to}`);
  }
  expect(fit.effects).toHaveLength(r.effects.length);
  for (const e of r.effects) {
    const mine = fit.effects.find((q) => q.from === e.from && q.to === e.to)!;
    close(mine.total, e.total, `total ${e.from}->${e.to}`);
    if (e.indirect === 0) expect(mine.indirect).toBe(0);
    else close(mine.indirect, e.indirect, `indirect ${e.from}->${e.to}`);
  }
  for (const h of r.htmt) {
    const mine = fit.htmt.find((q) => (q.first === h.first && q.second === h.second) || (q.first === h.second && q.second === h.first))!;
    close(mine.value!, h.value, `htmt ${h.first} ${h.second}`);
  }
  expect(fit.htmt).toHaveLength(r.htmt.length);
  if (opts.scores) {
    for (const name of fit.constructNames) {
      const mine = fit.scores!.values[name]!;
      const theirs = r.scores[name] as number[];
      // Scores near 0 carry the absolute rounding of the sum: compare on the score scale (SD 1).
      expect(Math.max(...theirs.map((v, i) => Math.abs(mine[i]! - v)))).toBeLessThan(1e-12);
    }
  }
}

describe('plsPathModel vs seminr estimate_pls', () => {
  const base: PlsPathModelOptions = { constructs: items, paths, tolerance: ref.stopCriterion };
  it('mode A composites, path weighting', () => {
    const fit = plsPathModel(rows, base);
    expect(fit.n).toBe(250);
    compare(fit, ref.modeA, { scores: true });
  });
  it('mode B for quality and value', () => {
    const fit = plsPathModel(rows, {
      ...base,
      constructs: { ...items, quality: { items: items.quality, mode: 'B' }, value: { items: items.value, mode: 'B' } },
    });
    expect(fit.constructs['quality']!.mode).toBe('B');
    compare(fit, ref.modeB, { modeB: ['quality', 'value'], scores: true });
  });
  it('factorial scheme', () => {
    compare(plsPathModel(rows, { ...base, scheme: 'factorial' }), ref.factorial);
  });
  it('centroid scheme (seminr with an R centroid function)', () => {
    compare(plsPathModel(rows, { ...base, scheme: 'centroid' }), ref.centroid);
  });
  it('a single-item construct', () => {
    const fit = plsPathModel(rows, { ...base, constructs: { ...items, loyalty: ['loy1'] } });
    expect(fit.constructs['loyalty']!.weights).toEqual({ loy1: 1 });
    compare(fit, ref.singleItem);
  });
  it('consistent PLS (PLSc): every construct reflective', () => {
    const reflective = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { items: v, type: 'reflective' as const }]));
    const fit = plsPathModel(rows, { ...base, constructs: reflective });
    expect(fit.constructs['image']!.type).toBe('reflective');
    compare(fit, ref.consistent);
  });
  it('PLSc: reflective constructs with mode B composites', () => {
    const fit = plsPathModel(rows, {
      ...base,
      constructs: {
        image: { items: items.image, type: 'reflective' },
        expectation: { items: items.expectation, type: 'reflective' },
        quality: { items: items.quality, mode: 'B' },
        value: { items: items.value, mode: 'B' },
        satisfaction: { items: items.satisfaction, type: 'reflective' },
        loyalty: { items: items.loyalty, type: 'reflective' },
      },
    });
    compare(fit, ref.consistentMixed, { modeB: ['quality', 'value'] });
  });
  it("seminr's default stop criterion 1e-7 takes the same steps", () => {
    const fit = plsPathModel(rows, { constructs: items, paths });
    expect(fit.options).toEqual({
      scheme: 'path',
      intervalMethod: 'percentile',
      maxIterations: 300,
      tolerance: 1e-7,
      missing: 'omit',
      bootstrap: false,
    });
    compare(fit, ref.defaultTolerance);
  });
  it('measured agreement', () => {
    // The worst relative error over every comparison above (printed for the report).
    console.log(`plsPathModel vs seminr: max relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(TOL);
  });
});

describe('plsPathModel from a summary', () => {
  const names = Object.values(items).flat();
  const n = rows.length;
  const means = names.map((v) => rows.reduce((a, r) => a + (r[v] as number), 0) / n);
  const covariance = names.map((a, i) =>
    names.map((b, j) => rows.reduce((s, r) => s + ((r[a] as number) - means[i]!) * ((r[b] as number) - means[j]!), 0) / (n - 1)),
  );
  const sd = covariance.map((row, i) => Math.sqrt(row[i]!));
  const correlation = covariance.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i]! * sd[j]!))));
  const opts: PlsPathModelOptions = { constructs: items, paths, tolerance: 1e-12 };
  it('a covariance or correlation matrix with n gives the model of the rows', () => {
    for (const data of [
      { covariance, variables: names, n },
      { correlation, variables: names, n },
    ]) {
      const fit = plsPathModel(data, opts);
      expect(fit.scores).toBeNull();
      expect(fit.source).toBe('covariance' in data ? 'covariance' : 'correlation');
      compare(fit, ref.modeA);
    }
  });
});

describe('plsPathModel results and checks', () => {
  const opts: PlsPathModelOptions = { constructs: items, paths };
  it('is JSON-serialisable, in the vocabulary', () => {
    const fit = plsPathModel(rows, opts);
    expect(fit.method).toBe('pls-path-model');
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
    expectNoRetiredKeys(fit, 'plsPathModel');
    expect(expectWarnings(fit, 'plsPathModel')).toEqual([]);
    expect(fit.scores!.rows).toEqual(rows.map((_, i) => i));
  });
  it('specific indirect effects sum to each indirect effect', () => {
    const fit = plsPathModel(rows, opts);
    expect(fit.specificIndirect.length).toBeGreaterThan(10);
    for (const e of fit.effects) {
      const chains = fit.specificIndirect.filter((c) => c.path[0] === e.from && c.path[c.path.length - 1] === e.to);
      const sum = chains.reduce((a, c) => a + c.estimate, 0);
      expect(Math.abs(sum - e.indirect)).toBeLessThan(1e-14);
    }
    const longest = fit.specificIndirect.find((c) => c.path.length === 6)!;
    expect(longest.path).toEqual(['image', 'expectation', 'quality', 'value', 'satisfaction', 'loyalty']);
  });
  it('drops incomplete rows listwise and reports them', () => {
    const extra = [
      { ...rows[0]!, img2: null },
      { ...rows[1]!, sat1: null, loy1: 99 },
    ];
    const fit = plsPathModel([...rows, ...extra], { ...opts, missingCodes: [99] });
    const clean = plsPathModel(rows, opts);
    expect(fit.n).toBe(250);
    expect(fit.missing).toMatchObject({ policy: 'omit', rowsIn: 252, rowsUsed: 250, rowsDropped: 2 });
    expect(fit.missing.byColumn).toMatchObject({ img2: 1, sat1: 1, loy1: 1 });
    expect(fit.paths).toEqual(clean.paths);
    expectError(() => plsPathModel([...rows, ...extra], { ...opts, missing: 'fail' }), InputError, 'MISSING_VALUE');
  });
  it('says when it stopped before converging', () => {
    const fit = plsPathModel(rows, { ...opts, maxIterations: 2 });
    expect(fit.convergence).toMatchObject({ converged: false, iterations: 2 });
    expect(fit.warnings.map((w) => w.code)).toEqual(['NOT_CONVERGED']);
  });
  it('refuses malformed models, naming the fault', () => {
    expectError(() => plsPathModel(rows, { ...opts, paths: [...paths, ['loyalty', 'image']] }), InputError, 'INVALID_OPTION', ['cycle']);
    expectError(() => plsPathModel(rows, { ...opts, paths: [['image', 'trust']] }), InputError, 'INVALID_OPTION', [
      '"trust" is not a construct',
    ]);
    expectError(() => plsPathModel(rows, { ...opts, paths: paths.slice(0, 3) }), InputError, 'INVALID_OPTION', ['on no path']);
    expectError(() => plsPathModel(rows, { ...opts, constructs: { ...items, value: ['val1', 'img1'] } }), InputError, 'INVALID_OPTION', [
      '"img1" is already an item of "image"',
    ]);
    expectError(() => plsPathModel(rows, { ...opts, paths: [...paths, ['image', 'image']] }), InputError, 'INVALID_OPTION', ['itself']);
    expectError(() => plsPathModel(rows, { ...opts, scheme: 'wold' as never }), InputError, 'INVALID_OPTION', ['options.scheme']);
    expectError(() => plsPathModel(rows, { ...opts, shceme: 'path' } as never), InputError, 'INVALID_OPTION', ['did you mean "scheme"']);
    expectError(
      () => plsPathModel(rows, { ...opts, constructs: { ...items, value: { items: ['val1', 'val2'], mode: 'C' as never } } }),
      InputError,
      'INVALID_OPTION',
      ['options.constructs.value.mode'],
    );
    expectError(() => plsPathModel(rows, { ...opts, constructs: { ...items, value: ['val1', 'nope'] } }), InputError, 'COLUMN_NOT_FOUND', [
      'nope',
    ]);
  });
});
