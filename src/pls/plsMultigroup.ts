import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkOption } from '../internal/validate.js';
import type { Warning } from '../types.js';
import type { PlsEstimates } from './estimatePls.js';
import { groupComparisonSettings, permutePair, pooledMembers, readGroupComparison } from './groupComparison.js';
import { atLeastAsExtreme, permutationPValue } from './groupPermutations.js';
import type {
  PlsGroupComparison,
  PlsGroupDifference,
  PlsGroupModel,
  PlsMultigroupOptions,
  PlsMultigroupParameter,
  PlsMultigroupResult,
} from './groupTypes.js';
import { plsPathModel } from './plsPathModel.js';
import type { PathModelSpec } from './specifyPathModel.js';

const KEYS = optionKeys<PlsMultigroupOptions>({
  constructs: true,
  paths: true,
  groups: true,
  permutation: true,
  compare: true,
  scheme: true,
  maxIterations: true,
  tolerance: true,
  missing: true,
  missingCodes: true,
});

const PARAMETERS = ['paths', 'total-effects', 'loadings', 'weights'] as const;

/** Pairs (from, to) where from reaches to along the paths, in the order plsPathModel lists `effects`. */
function reachingPairs(spec: PathModelSpec): [number, number][] {
  const m = spec.names.length;
  const reach = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => spec.paths.some(([f, t]) => f === i && t === j)));
  for (let k = 0; k < m; k++) for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (reach[i]![k] && reach[k]![j]) reach[i]![j] = true;
  const out: [number, number][] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (reach[i]![j]) out.push([i, j]);
  return out;
}

/** Total effects B + B^2 + ... (B nilpotent in a recursive model). */
function totalEffects(b: readonly (readonly number[])[]): number[][] {
  const m = b.length;
  const total = b.map((row) => [...row]);
  let power = b.map((row) => [...row]);
  for (let step = 1; step < m; step++) {
    power = power.map((row) => b[0]!.map((_, j) => row.reduce((x, v, k) => x + v * b[k]![j]!, 0)));
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) total[i]![j]! += power[i]![j]!;
  }
  return total;
}

/** The compared parameters of one estimation, flattened in a fixed order. */
function parameterVector(
  est: PlsEstimates,
  spec: PathModelSpec,
  compare: ReadonlySet<PlsMultigroupParameter>,
  pairs: readonly [number, number][],
): number[] {
  const out: number[] = [];
  if (compare.has('paths')) for (const [f, t] of spec.paths) out.push(est.coefficients[f]![t]!);
  if (compare.has('total-effects')) {
    const total = totalEffects(est.coefficients);
    for (const [f, t] of pairs) out.push(total[f]![t]!);
  }
  if (compare.has('loadings')) for (const l of est.loadings) out.push(...l);
  if (compare.has('weights')) for (const w of est.weights) out.push(...w);
  return out;
}

/**
 * Permutation multigroup analysis of a PLS path model (Chin & Dibbern 2010): is a path (a total
 * effect, a loading, a weight) different between waves or segments? The model is estimated in
 * each group on its own (items standardized within the group, as `plsPathModel`), and for every
 * pair of groups the difference of each parameter is set against its distribution when the
 * group labels of the pair's cases are permuted.
 *
 * Method: for groups A and B with n_A and n_B complete cases, the observed difference
 * d = theta_A - theta_B; the pooled n_A + n_B cases are relabelled (seeded Fisher-Yates on
 * xoshiro128**; no stratification), both groups re-estimated from unit weights and the
 * difference recomputed. p = (#{|d*| >= |d|} + 1) / (B + 1): the observed labelling counts as
 * one of the permutations (Phipson & Smyth 2010), so p is never 0 and the test has its nominal
 * level. When C(n_A + n_B, n_A) <= `replicates`, every split is used once (the observed one
 * among them) and p is exact: #{|d*| >= |d|} / C(n_A + n_B, n_A). Relabellings in which a group
 * cannot be estimated (a constant item, collinear scores) are left out and counted. Check the
 * measurement first ({@link plsMeasurementInvariance}): path differences mean something only
 * under (at least partial) measurement invariance. Reference: R cSEM 0.6.1 `testMGD(.approach_mgd
 * = "Chin")` (group estimates and differences at 1e-9; p-values within Monte Carlo error; cSEM's
 * p is #/B without the +1); exact enumeration in R on a small data set (p at 1e-12).
 *
 * @param data - Rows, each with the items and (when `groups` names a column) its group label.
 * @param options - `constructs`, `paths`, `groups`, `permutation` (`{ replicates, seed }`),
 *   `compare` (default `['paths']`; also `'total-effects'`, `'loadings'`, `'weights'`), `scheme`,
 *   `maxIterations`, `tolerance`, `missing` (`'omit'` | `'fail'`), `missingCodes`.
 * @returns A {@link PlsMultigroupResult}: each group's model and, per pair of groups, every
 *   compared parameter with both estimates, the difference and its p-value.
 * @throws InputError `INVALID_OPTION` (model, groups, permutation), `COLUMN_NOT_FOUND`,
 *   `NOT_NUMERIC`, `MISSING_VALUE`; InsufficientDataError `TOO_FEW_CASES` (fewer than two groups,
 *   or a group too small for the model); NumericalError `RANK_DEFICIENT` when a group's own
 *   model cannot be estimated.
 *
 * @example
 * ```ts
 * import { plsMultigroup } from 'loyalty-drivers';
 * const rows = [
 *   [3, 4, 3, 3], [5, 4, 5, 4], [2, 1, 1, 2], [4, 5, 4, 5], [1, 2, 2, 1], [4, 3, 5, 4],
 *   [2, 3, 4, 3], [5, 5, 2, 3], [1, 2, 3, 2], [4, 4, 3, 5], [3, 2, 4, 4], [2, 3, 1, 2],
 * ].map(([q1, q2, s1, s2], i) => ({ q1, q2, s1, s2, wave: i < 6 ? 'w1' : 'w2' }));
 * const mga = plsMultigroup(rows, {
 *   constructs: { quality: ['q1', 'q2'], satisfaction: ['s1', 's2'] },
 *   paths: [['quality', 'satisfaction']],
 *   groups: 'wave',
 *   permutation: { replicates: 1000, seed: 1 },
 * });
 * const path = mga.comparisons[0]?.paths?.[0];
 * path?.groupEstimates.map((b) => b.toFixed(3)); // => ['0.951', '0.703']
 * path?.pValue.toFixed(3); // => '0.461'
 * mga.comparisons[0]?.permutation.exact; // => true
 * ```
 */
export function plsMultigroup(data: unknown, options: PlsMultigroupOptions): PlsMultigroupResult {
  checkOptions(options, KEYS);
  const common = groupComparisonSettings(options);
  const { spec, scheme, maxIterations, tolerance, missing, plan } = common;
  const requested = options.compare ?? ['paths'];
  if (!Array.isArray(requested) || requested.length === 0) {
    throw new InputError('INVALID_OPTION', `options.compare: expected a non-empty list of ${PARAMETERS.map((p) => `"${p}"`).join(', ')}`, {
      argument: 'options.compare',
      expected: 'a non-empty array',
    });
  }
  for (const q of requested) checkOption('options.compare[]', q, PARAMETERS);
  const compareList = PARAMETERS.filter((p) => requested.includes(p));
  const compare = new Set<PlsMultigroupParameter>(compareList);
  // Each group's own estimates first, so that a group that cannot be estimated is named.
  const { rows, g, settings, own } = readGroupComparison(data, options, common);
  const pairs = reachingPairs(spec);
  const warnings: Warning[] = [];
  const groups: PlsGroupModel[] = g.labels.map((group, k) => {
    const positions = Array.from(g.members[k]!, (i) => g.index[i]!);
    const model = plsPathModel(
      positions.map((row) => rows[row]!),
      { constructs: options.constructs, paths: options.paths, scheme, maxIterations, tolerance, missingCodes: options.missingCodes },
    );
    if (!model.convergence.converged) {
      warnings.push({
        code: 'NOT_CONVERGED',
        message: `The PLS iteration in group "${group}" stopped after ${model.convergence.iterations} updates; its estimates are not final.`,
      });
    }
    const scores = model.scores === null ? null : { rows: model.scores.rows.map((i) => positions[i]!), values: model.scores.values };
    return { group, n: positions.length, model: { ...model, scores } };
  });

  const comparisons: PlsGroupComparison[] = [];
  let pairIndex = 0;
  for (let a = 0; a < g.labels.length; a++) {
    for (let b = a + 1; b < g.labels.length; b++, pairIndex++) {
      const first = g.members[a]!;
      const second = g.members[b]!;
      const estA = own[a]!;
      const estB = own[b]!;
      const valuesA = parameterVector(estA, spec, compare, pairs);
      const valuesB = parameterVector(estB, spec, compare, pairs);
      const observed = valuesA.map((v, i) => v - valuesB[i]!);
      const counts = new Float64Array(observed.length);
      const { exact, used, failed, notConverged } = permutePair(
        g,
        a,
        b,
        pooledMembers(g, a, b),
        pairIndex,
        plan,
        settings,
        warnings,
        (pa, pb) => {
          const va = parameterVector(pa, spec, compare, pairs);
          const vb = parameterVector(pb, spec, compare, pairs);
          for (let i = 0; i < observed.length; i++) if (atLeastAsExtreme(va[i]! - vb[i]!, observed[i]!)) counts[i]!++;
        },
      );
      let at = 0;
      const next = (): PlsGroupDifference => {
        const i = at++;
        return { groupEstimates: [valuesA[i]!, valuesB[i]!], estimate: observed[i]!, pValue: permutationPValue(counts[i]!, used, exact) };
      };
      const paths = compare.has('paths') ? spec.paths.map(([f, t]) => ({ from: spec.names[f]!, to: spec.names[t]!, ...next() })) : null;
      const total = compare.has('total-effects') ? pairs.map(([f, t]) => ({ from: spec.names[f]!, to: spec.names[t]!, ...next() })) : null;
      const perItem = () => spec.names.flatMap((construct, j) => spec.items[j]!.map((item) => ({ construct, item, ...next() })));
      const loadings = compare.has('loadings') ? perItem() : null;
      const weights = compare.has('weights') ? perItem() : null;
      comparisons.push({
        groups: [g.labels[a]!, g.labels[b]!],
        n: [first.length, second.length],
        paths,
        totalEffects: total,
        loadings,
        weights,
        permutation: { method: 'group-permutation', replicates: used, seed: plan.seed + pairIndex, exact, failed, notConverged },
      });
    }
  }
  return {
    method: 'pls-multigroup-permutation',
    n: g.index.length,
    groups,
    comparisons,
    options: {
      groups: typeof options.groups === 'string' ? options.groups : null,
      permutation: { replicates: plan.replicates, seed: plan.seed },
      compare: compareList,
      scheme,
      maxIterations,
      tolerance,
      missing,
    },
    missing: g.missing,
    warnings,
  };
}
