/**
 * plsMultigroup and plsMeasurementInvariance against R cSEM 0.6.1 (test/fixtures/r/plsGroups.R ->
 * r/plsGroups.json) on test/fixtures/ecsiGroups.csv (two waves, three segments), and against an
 * exact enumeration in R of all C(12, 6) = 924 splits of a small data set.
 *
 * - Deterministic parts (per-group paths, total effects, loadings, weights; observed differences;
 *   MICOM c, mean and log-variance differences): 1e-9 relative. Both sides stop at a weight change
 *   below about 1e-13 (cSEM: largest absolute change; here: their sum), so the estimates agree to
 *   rounding.
 * - Exact enumeration: p-values are ratios of counts over the same 924 splits (1e-12), quantiles
 *   R type 7 of the same values (1e-9).
 * - Permutation p-values against cSEM's 2,000 (different generators): |p - p_R| within
 *   4.5 sqrt(p (1 - p) (1/1000 + 1/2000)) + 2/1000, the last term for the conventions
 *   ((count + 1) / (B + 1) here, count / B in cSEM).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  InsufficientDataError,
  plsMeasurementInvariance,
  plsMultigroup,
  type PlsGroupComparisonOptions,
} from '../../src/index.js';
import { expectError, expectRel, fixturePath, loadJson } from '../helpers/fixtures.js';
import { expectNoRetiredKeys, expectWarnings } from '../helpers/vocabulary.js';

function readCsv(name: string): Record<string, string | number>[] {
  const lines = readFileSync(fixturePath(name), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, h === 'wave' || h === 'segment' || h === 'group' ? cells[i]! : Number(cells[i])]));
  });
}

const rows = readCsv('ecsiGroups.csv');
const ref = loadJson('r/plsGroups.json');
const TOL = 1e-9;
const constructs = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const paths: PlsGroupComparisonOptions['paths'] = [
  ['image', 'expectation'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['quality', 'value'],
  ['image', 'satisfaction'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['image', 'loyalty'],
  ['satisfaction', 'loyalty'],
];
const names = Object.keys(constructs);
const B = 1000;
const base = { constructs, paths, tolerance: 1e-13, maxIterations: 1000 };

let worst = 0;
function close(actual: number, expected: number, label: string, tol = TOL): void {
  worst = Math.max(worst, Math.abs(actual - expected) / (expected === 0 ? 1 : Math.abs(expected)));
  expectRel(actual, expected, tol, label);
}
function closeP(actual: number, expected: number, label: string, rReplicates: number): void {
  const p = (actual + expected) / 2;
  const bound = 4.5 * Math.sqrt(Math.max(p * (1 - p), 1 / B) * (1 / B + 1 / rReplicates)) + 2 / B;
  expect(Math.abs(actual - expected), `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(bound);
}

describe('plsMultigroup', () => {
  const mga = plsMultigroup(rows, {
    ...base,
    groups: 'wave',
    permutation: { replicates: B, seed: 20261217 },
    compare: ['paths', 'total-effects', 'loadings', 'weights'],
  });
  const waves = ref.waves;

  it('estimates each wave as cSEM does (paths, total effects, loadings, weights at 1e-9)', () => {
    expect(mga.method).toBe('pls-multigroup-permutation');
    expect(mga.groups.map((g) => g.group)).toEqual(waves.groups);
    expect(mga.n).toBe(320);
    mga.groups.forEach((g) => {
      const e = waves.estimates[g.group];
      expect(g.n).toBe(e.n);
      expect(g.model.n).toBe(e.n);
      g.model.paths.forEach((p, k) => close(p.estimate, e.paths[k], `${g.group} path ${p.from}->${p.to}`));
      let i = 0;
      for (const c of names) {
        for (const item of constructs[c as keyof typeof constructs]) {
          close(g.model.constructs[c]!.loadings[item]!, e.loadings[i], `${g.group} loading ${item}`);
          close(g.model.constructs[c]!.weights[item]!, e.weights[i], `${g.group} weight ${item}`);
          i++;
        }
      }
      // Scores come back in input-row positions.
      expect(g.model.scores!.rows.every((r) => rows[r]!.wave === g.group)).toBe(true);
    });
    const cmp = mga.comparisons[0]!;
    expect(cmp.groups).toEqual(['2025', '2026']);
    expect(cmp.n).toEqual([180, 140]);
    cmp.totalEffects!.forEach((t, k) => {
      close(t.groupEstimates[0], waves.estimates['2025'].totalEffects[k], `total ${t.from}->${t.to}`);
      close(t.groupEstimates[1], waves.estimates['2026'].totalEffects[k], `total ${t.from}->${t.to}`);
    });
    const model = mga.groups[0]!.model;
    expect(cmp.totalEffects!.map((t) => [t.from, t.to])).toEqual(model.effects.map((e) => [e.from, e.to]));
    cmp.loadings!.forEach((l, k) =>
      close(l.estimate, waves.estimates['2025'].loadings[k] - waves.estimates['2026'].loadings[k], `loading diff ${l.item}`),
    );
  });

  it('gives the observed differences of cSEM testMGD(Chin) at 1e-9 and its p-values within Monte Carlo error', () => {
    const cmp = mga.comparisons[0]!;
    cmp.paths!.forEach((p, k) => {
      close(p.estimate, waves.chin.paths.statistic[k], `diff ${p.from}->${p.to}`);
      close(p.estimate, p.groupEstimates[0] - p.groupEstimates[1], 'difference', 1e-14);
      closeP(p.pValue, waves.chin.paths.pValue[k], `p ${p.from}->${p.to}`, ref.permutations);
    });
    cmp.weights!.forEach((w, k) => {
      close(w.estimate, waves.chin.weights.statistic[k], `weight diff ${w.item}`);
      closeP(w.pValue, waves.chin.weights.pValue[k], `p weight ${w.item}`, ref.permutations);
    });
    expect(cmp.permutation).toEqual({
      method: 'group-permutation',
      replicates: B,
      seed: 20261217,
      exact: false,
      failed: 0,
      notConverged: 0,
    });
    // The stronger satisfaction -> loyalty path of 2026 (0.75 vs 0.45 in the generating model).
    const satLoy = cmp.paths!.find((p) => p.from === 'satisfaction' && p.to === 'loyalty')!;
    expect(satLoy.estimate).toBeLessThan(0);
    expect(satLoy.pValue).toBeLessThan(0.1);
    expect(mga.options).toEqual({
      groups: 'wave',
      permutation: { replicates: B, seed: 20261217 },
      compare: ['paths', 'total-effects', 'loadings', 'weights'],
      scheme: 'path',
      maxIterations: 1000,
      tolerance: 1e-13,
      missing: 'omit',
    });
    expectWarnings(mga, 'plsMultigroup');
    expect(mga.warnings).toEqual([]);
    expect(expectNoRetiredKeys(JSON.parse(JSON.stringify(mga)), 'plsMultigroup')).toBeGreaterThan(0);
  });

  it('compares three segments pairwise; group estimates as cSEM', () => {
    const seg = plsMultigroup(rows, { ...base, groups: 'segment', permutation: { replicates: 50, seed: 3 } });
    expect(seg.groups.map((g) => g.group)).toEqual(ref.segments.groups);
    expect(seg.comparisons.map((c) => c.groups)).toEqual([
      ['loyal', 'new'],
      ['loyal', 'regular'],
      ['new', 'regular'],
    ]);
    seg.groups.forEach((g) =>
      g.model.paths.forEach((p, k) => close(p.estimate, ref.segments.estimates[g.group].paths[k], `${g.group} ${p.from}->${p.to}`)),
    );
    const [a, b] = seg.comparisons[2]!.groups;
    seg.comparisons[2]!.paths!.forEach((p, k) =>
      close(p.estimate, ref.segments.estimates[a].paths[k] - ref.segments.estimates[b].paths[k], `new - regular ${p.from}->${p.to}`),
    );
    expect(seg.comparisons.map((c) => c.permutation.seed)).toEqual([3, 4, 5]);
    expect(seg.comparisons[0]!.loadings).toBeNull();
  });

  it('takes the groups as an array aligned with the rows; drops rows without a group', () => {
    const labels = rows.map((r, i) => (i === 3 ? null : (r.wave as string)));
    const items = rows.map(({ wave: _w, segment: _s, ...rest }) => rest);
    const options = { ...base, permutation: { replicates: 50, seed: 9 } };
    const fromArray = plsMultigroup(items, { ...options, groups: labels });
    const fromColumn = plsMultigroup(
      rows.map((r, i) => (i === 3 ? { ...r, wave: '' } : r)),
      { ...options, groups: 'wave' },
    );
    expect(fromArray.n).toBe(319);
    expect(fromArray.missing.rowsDropped).toBe(1);
    expect(fromColumn.missing.byColumn.wave).toBe(1);
    expect(fromArray.comparisons).toEqual(fromColumn.comparisons);
    expect(fromArray.options.groups).toBeNull();
    expectError(() => plsMultigroup(items, { ...options, groups: labels, missing: 'fail' }), InputError, 'MISSING_VALUE');
  });

  it('refuses bad groups and options', () => {
    const options = { ...base, groups: 'wave', permutation: { replicates: 50, seed: 1 } };
    expectError(() => plsMultigroup(rows, { ...options, groups: rows.map(() => 'one') }), InsufficientDataError, 'TOO_FEW_CASES');
    expectError(() => plsMultigroup(rows, { ...options, groups: ['a', 'b'] }), InputError, 'INVALID_OPTION');
    expectError(() => plsMultigroup(rows, { ...options, groups: 'region' }), InputError, 'COLUMN_NOT_FOUND');
    expectError(() => plsMultigroup(rows, { ...options, permutation: { replicates: 10, seed: 1 } }), InputError, 'INVALID_OPTION');
    expectError(() => plsMultigroup(rows, { ...options, permutation: { replicates: 100 } as never }), InputError, 'INVALID_OPTION');
    expectError(() => plsMultigroup(rows, { ...options, compare: ['path'] as never }), InputError, 'INVALID_OPTION');
    expectError(() => plsMultigroup(rows, { ...options, grups: 'wave' } as never), InputError, 'INVALID_OPTION');
    const constant = rows.map((r) => (r.wave === '2026' ? { ...r, img1: 5 } : r));
    const e = expectError(() => plsMultigroup(constant, options), InsufficientDataError, 'ZERO_VARIANCE');
    expect(e.message).toContain('"2026"');
    expectError(() => plsMeasurementInvariance(constant, options), InsufficientDataError, 'ZERO_VARIANCE');
    const tiny = rows.map((r, i) => ({ ...r, wave: i < 3 ? 'few' : 'many' }));
    expectError(() => plsMultigroup(tiny, options), InsufficientDataError, 'TOO_FEW_CASES');
  });
});

describe('plsMeasurementInvariance (MICOM)', () => {
  const micom = plsMeasurementInvariance(rows, { ...base, groups: 'wave', permutation: { replicates: B, seed: 20261217 } });
  const r = ref.waves.micom;

  it('gives MICOM c, mean and log-variance differences of cSEM testMICOM at 1e-9, p within Monte Carlo error', () => {
    expect(micom.method).toBe('micom');
    expect(micom.configural.established).toBe(true);
    expect(micom.configural.checks.map((c) => c.check)).toEqual([
      'same-specification',
      'same-data-treatment',
      'same-algorithm',
      'converged',
    ]);
    const cmp = micom.comparisons[0]!;
    expect(cmp.constructs.map((c) => c.construct)).toEqual(names);
    cmp.constructs.forEach((c, j) => {
      // c on standardized pooled items, from cSEM's group weights (R arithmetic in the fixture).
      close(c.compositional.estimate, r.cStandardized[j], `c ${c.construct}`);
      // cSEM's own c uses the raw pooled items: it differs at about 1e-5 here (item SDs nearly equal).
      expect(Math.abs(c.compositional.estimate - r.cRaw[j])).toBeLessThan(1e-4);
      close(c.mean.estimate, r.meanDifference[j], `mean ${c.construct}`);
      close(c.logVariance.estimate, r.logVarianceDifference[j], `log variance ${c.construct}`);
      closeP(c.mean.pValue, r.pMean[j], `p mean ${c.construct}`, ref.permutations);
      closeP(c.logVariance.pValue, r.pLogVariance[j], `p log variance ${c.construct}`, ref.permutations);
      closeP(c.compositional.pValue, r.pComposite[j], `p c ${c.construct}`, ref.permutations);
      expect(c.compositional.quantile).toBeLessThan(1);
      expect(c.mean.permutationInterval[0]).toBeLessThan(0);
      expect(c.mean.permutationInterval[1]).toBeGreaterThan(0);
    });
    // The value items sit higher in 2026: unequal means, so partial invariance for value.
    const value = cmp.constructs.find((c) => c.construct === 'value')!;
    expect(value.mean.equal).toBe(false);
    expect(value.invariance).toBe('partial');
    expect(micom.options.significanceLevel).toBe(0.05);
    expectWarnings(micom, 'plsMeasurementInvariance');
    expect(expectNoRetiredKeys(JSON.parse(JSON.stringify(micom)), 'plsMeasurementInvariance')).toBeGreaterThan(0);
  });

  it('warns that MICOM is meant for composites when a construct is reflective', () => {
    const m = plsMeasurementInvariance(rows, {
      ...base,
      constructs: { ...constructs, image: { items: constructs.image, type: 'reflective' } },
      groups: 'wave',
      permutation: { replicates: 50, seed: 2 },
    });
    expect(m.warnings.map((w) => w.code)).toContain('REFLECTIVE_CONSTRUCT');
  });
});

describe('exact enumeration of all 924 splits (R, small data set)', () => {
  const e = ref.exact;
  // write_json17 writes the data frame column by column.
  const columns = e.rows as Record<string, (number | string)[]>;
  const data = columns.a1!.map((_, i) => Object.fromEntries(Object.keys(columns).map((k) => [k, columns[k]![i]!])));
  const options = {
    constructs: { A: ['a1', 'a2'], B: ['b1', 'b2'], C: ['c1', 'c2'] },
    paths: [
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'C'],
    ] as const,
    groups: 'group',
    tolerance: 1e-13,
    maxIterations: 1000,
    permutation: { replicates: 1000, seed: 1 },
  };

  it('plsMultigroup: exact p-values of the path differences', () => {
    const mga = plsMultigroup(data, options);
    const cmp = mga.comparisons[0]!;
    expect(cmp.permutation).toMatchObject({ replicates: 924, exact: true, failed: 0 });
    cmp.paths!.forEach((p, k) => {
      close(p.estimate, e.observed.d[k], `diff ${p.from}->${p.to}`);
      expectRel(p.pValue, e.pPaths[k], 1e-12, `p ${p.from}->${p.to}`);
    });
  });

  it('plsMeasurementInvariance: exact c, p-values, quantiles and intervals', () => {
    const m = plsMeasurementInvariance(data, options);
    const cmp = m.comparisons[0]!;
    expect(cmp.permutation).toMatchObject({ replicates: 924, exact: true });
    cmp.constructs.forEach((c, j) => {
      const k = c.construct;
      close(c.compositional.estimate, e.observed.c[k], `c ${k}`);
      close(c.mean.estimate, e.observed.m[k], `mean ${k}`);
      close(c.logVariance.estimate, e.observed.v[k], `log variance ${k}`);
      expectRel(c.compositional.pValue, e.pComposite[j], 1e-12, `p c ${k}`);
      expectRel(c.mean.pValue, e.pMean[j], 1e-12, `p mean ${k}`);
      expectRel(c.logVariance.pValue, e.pLogVariance[j], 1e-12, `p log variance ${k}`);
      close(c.compositional.quantile, e.quantileComposite[j], `quantile c ${k}`);
      c.mean.permutationInterval.forEach((v, s) => close(v, e.intervalMean[j][s], `interval mean ${k}`));
      c.logVariance.permutationInterval.forEach((v, s) => close(v, e.intervalLogVariance[j][s], `interval log variance ${k}`));
    });
  });

  it('reports the worst relative error against R', () => {
    expect(worst).toBeLessThan(TOL);
    console.log(`plsGroups: max relative error vs R ${worst.toExponential(2)}`);
  });
});
