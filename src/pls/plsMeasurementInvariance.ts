import { InsufficientDataError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption } from '../internal/validate.js';
import type { Warning } from '../types.js';
import type { PlsEstimates } from './estimatePls.js';
import { groupComparisonSettings, permutePair, pooledMembers, readGroupComparison } from './groupComparison.js';
import { atLeastAsExtreme, estimateSubset, permutationPValue, quantileSorted, subsetCorrelation } from './groupPermutations.js';
import type {
  PlsCompositeEquality,
  PlsConfiguralCheck,
  PlsConstructInvariance,
  PlsInvarianceComparison,
  PlsMeasurementInvarianceOptions,
  PlsMeasurementInvarianceResult,
} from './groupTypes.js';

const KEYS = optionKeys<PlsMeasurementInvarianceOptions>({
  constructs: true,
  paths: true,
  groups: true,
  permutation: true,
  significanceLevel: true,
  scheme: true,
  maxIterations: true,
  tolerance: true,
  missing: true,
  missingCodes: true,
});

/** c per construct: correlation of Z w_a and Z w_b for standardized pooled items Z, from their correlation r. */
function compositeCorrelations(r: readonly (readonly number[])[], offsets: readonly number[], a: PlsEstimates, b: PlsEstimates): number[] {
  return a.weights.map((wa, j) => {
    const wb = b.weights[j]!;
    const o = offsets[j]!;
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = 0; i < wa.length; i++) {
      const row = r[o + i]!;
      for (let k = 0; k < wa.length; k++) {
        const v = row[o + k]!;
        ab += wa[i]! * v * wb[k]!;
        aa += wa[i]! * v * wa[k]!;
        bb += wb[i]! * v * wb[k]!;
      }
    }
    return ab / Math.sqrt(aa * bb);
  });
}

/** Mean and sample variance (n - 1) of scores[members]. */
function moments(scores: Float64Array, members: ArrayLike<number>): [number, number] {
  const k = members.length;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += scores[members[i]!]!;
  mean /= k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (scores[members[i]!]! - mean) ** 2;
  return [mean, ss / (k - 1)];
}

/**
 * Measurement invariance of composites across groups (MICOM; Henseler, Ringle & Sarstedt 2016):
 * before comparing the paths of waves or segments, are their constructs the same composites?
 * Step 1 (configural invariance) rests on the design and is stated as checks: the same
 * constructs, items and paths, the same data treatment and the same algorithm settings in every
 * group, and each group's estimation converged. Step 2 (compositional invariance): per
 * construct, c = the correlation of the composite scores of the pooled cases (items
 * standardized over the pooled cases of the two groups) formed with the first group's weights and
 * with the second group's; c below the `significanceLevel` quantile of its permutation
 * distribution rejects. Step 3 (equal means and variances): the model estimated on the pooled
 * cases, the difference of the groups' means and of their log variances (n - 1) of its
 * standardized scores, against their permutation distributions (two-sided). Conclusion per
 * construct: `'none'` (step 1 or 2 fails), `'partial'` (2 holds, 3 fails: compare paths, do not
 * pool), `'full'` (all hold: the groups may be pooled).
 *
 * Method: the same relabellings serve steps 2 and 3 (seeded Fisher-Yates on xoshiro128**, no
 * stratification; every split when there are at most `replicates`); each relabelling
 * re-estimates both groups' weights for c and reuses the pooled scores for the means and
 * variances. p-values count the observed labelling as one permutation, (count + 1) / (B + 1)
 * (exact: count / splits); step 2 is one-sided (c at or below the observed), step 3 two-sided
 * (absolute difference at or above). Quantiles are R type 7. Reference: R cSEM 0.6.1
 * `testMICOM` (group weights, pooled scores, mean and log-variance differences at 1e-9; c from
 * its weights; p within Monte Carlo error) and an exact enumeration in R on a small data set.
 * cSEM forms c from the raw pooled items; here the pooled items are standardized first, which is
 * what the weights (of standardized items) mean: the two agree when the items have equal SDs.
 *
 * @param data - Rows with the items and (when `groups` names a column) the group label.
 * @param options - `constructs`, `paths`, `groups`, `permutation` (`{ replicates, seed }`),
 *   `significanceLevel` (default 0.05), `scheme`, `maxIterations`, `tolerance`, `missing`, `missingCodes`.
 * @returns A {@link PlsMeasurementInvarianceResult}.
 * @throws InputError `INVALID_OPTION`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `MISSING_VALUE`;
 *   InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE` (an item constant within a group).
 *
 * @example
 * ```ts
 * import { plsMeasurementInvariance } from 'loyalty-drivers';
 * const rows = [
 *   [3, 4, 3, 3], [5, 4, 5, 4], [2, 1, 1, 2], [4, 5, 4, 5], [1, 2, 2, 1], [4, 3, 5, 4],
 *   [2, 3, 4, 3], [5, 5, 2, 3], [1, 2, 3, 2], [4, 4, 3, 5], [3, 2, 4, 4], [2, 3, 1, 2],
 * ].map(([q1, q2, s1, s2], i) => ({ q1, q2, s1, s2, wave: i < 6 ? 'w1' : 'w2' }));
 * const micom = plsMeasurementInvariance(rows, {
 *   constructs: { quality: ['q1', 'q2'], satisfaction: ['s1', 's2'] },
 *   paths: [['quality', 'satisfaction']],
 *   groups: 'wave',
 *   permutation: { replicates: 1000, seed: 1 },
 * });
 * micom.configural.established; // => true
 * // Satisfaction's composite differs between the waves (c = 0.555): compare no paths into it.
 * micom.comparisons[0]?.constructs.map((c) => c.invariance); // => ['full', 'none']
 * ```
 */
export function plsMeasurementInvariance(data: unknown, options: PlsMeasurementInvarianceOptions): PlsMeasurementInvarianceResult {
  checkOptions(options, KEYS);
  const common = groupComparisonSettings(options);
  const { spec, scheme, maxIterations, tolerance, missing, plan } = common;
  const level = checkNumberOption('options.significanceLevel', options.significanceLevel ?? 0.05, { min: 0, exclusiveMin: true, max: 0.5 });
  const { g, settings, own } = readGroupComparison(data, options, common);
  const warnings: Warning[] = [];
  if (spec.reflective.some((r) => r)) {
    warnings.push({
      code: 'REFLECTIVE_CONSTRUCT',
      message:
        'MICOM tests composites; for reflective constructs (common factors) use a factor-model invariance test (e.g. multigroup CFA).',
    });
  }

  const unconverged = g.labels.filter((_, k) => !own[k]!.converged);
  for (const label of unconverged) {
    warnings.push({ code: 'NOT_CONVERGED', message: `The PLS iteration in group "${label}" stopped at maxIterations (${maxIterations}).` });
  }
  const checks: PlsConfiguralCheck[] = [
    { check: 'same-specification', satisfied: true, message: 'Every group is estimated with the same constructs, items and paths.' },
    {
      check: 'same-data-treatment',
      satisfied: true,
      message: `Every group gets the same missing-data rule (${missing}) and its items standardized within the group.`,
    },
    {
      check: 'same-algorithm',
      satisfied: true,
      message: `Every group is estimated with the same settings: ${scheme} scheme, unit starting weights, tolerance ${tolerance}, at most ${maxIterations} updates.`,
    },
    {
      check: 'converged',
      satisfied: unconverged.length === 0,
      message:
        unconverged.length === 0
          ? 'The estimation converged in every group.'
          : `The estimation did not converge in ${unconverged.map((l) => `"${l}"`).join(', ')}.`,
    },
  ];
  const established = checks.every((c) => c.satisfied);

  const comparisons: PlsInvarianceComparison[] = [];
  let pairIndex = 0;
  for (let a = 0; a < g.labels.length; a++) {
    for (let b = a + 1; b < g.labels.length; b++, pairIndex++) {
      const first = g.members[a]!;
      const second = g.members[b]!;
      const na = first.length;
      const total = na + second.length;
      const pooled = pooledMembers(g, a, b);
      const r = subsetCorrelation(g.columns, pooled)!;
      const c = compositeCorrelations(r, g.offsets, own[a]!, own[b]!);
      const est = estimateSubset(g.columns, pooled, undefined, settings);
      if (est === null) {
        throw new InsufficientDataError(
          'ZERO_VARIANCE',
          `options.groups: the pooled cases of "${g.labels[a]}" and "${g.labels[b]}" cannot be estimated`,
          {
            argument: 'options.groups',
            expected: 'a pooled model that can be estimated',
          },
        );
      }
      if (!est.converged) {
        warnings.push({
          code: 'NOT_CONVERGED',
          message: `The PLS iteration on the pooled cases of "${g.labels[a]}" and "${g.labels[b]}" stopped at maxIterations (${maxIterations}).`,
        });
      }
      // Pooled standardized scores, case by case in `pooled` order.
      const scores = spec.names.map((_, j) => {
        const out = new Float64Array(total);
        est.weights[j]!.forEach((w, i) => {
          const col = g.columns[g.offsets[j]! + i]!;
          let mean = 0;
          for (let k = 0; k < total; k++) mean += col[pooled[k]!]!;
          mean /= total;
          let ss = 0;
          for (let k = 0; k < total; k++) ss += (col[pooled[k]!]! - mean) ** 2;
          const scale = w / Math.sqrt(ss / (total - 1));
          for (let k = 0; k < total; k++) out[k]! += (col[pooled[k]!]! - mean) * scale;
        });
        return out;
      });
      const firstAt = Int32Array.from({ length: na }, (_, i) => i);
      const secondAt = Int32Array.from({ length: second.length }, (_, i) => na + i);
      const difference = (ia: ArrayLike<number>, ib: ArrayLike<number>): [number[], number[]] => {
        const means: number[] = [];
        const logVars: number[] = [];
        for (const s of scores) {
          const [ma, va] = moments(s, ia);
          const [mb, vb] = moments(s, ib);
          means.push(ma - mb);
          logVars.push(Math.log(va) - Math.log(vb));
        }
        return [means, logVars];
      };
      const [meanObserved, logVarObserved] = difference(firstAt, secondAt);
      const cs: number[][] = [];
      const meansPerm: number[][] = [];
      const varsPerm: number[][] = [];
      const { exact, used, failed, notConverged } = permutePair(g, a, b, pooled, pairIndex, plan, settings, warnings, (pa, pb, ia, ib) => {
        cs.push(compositeCorrelations(r, g.offsets, pa, pb));
        const [md, vd] = difference(ia, ib);
        meansPerm.push(md);
        varsPerm.push(vd);
      });
      const equality = (perm: number[][], j: number, observed: number): PlsCompositeEquality => {
        const values = Float64Array.from(perm, (v) => v[j]!);
        let count = 0;
        for (const v of values) if (atLeastAsExtreme(v, observed)) count++;
        values.sort();
        const pValue = permutationPValue(count, used, exact);
        return {
          estimate: observed,
          permutationInterval: [quantileSorted(values, level / 2), quantileSorted(values, 1 - level / 2)],
          pValue,
          equal: pValue >= level,
        };
      };
      const constructs: PlsConstructInvariance[] = spec.names.map((construct, j) => {
        const values = Float64Array.from(cs, (v) => v[j]!);
        const o = c[j]!;
        let count = 0;
        for (const v of values) if (v <= o + 1e-10 * Math.abs(o) + 1e-14) count++;
        values.sort();
        const pValue = permutationPValue(count, used, exact);
        const compositional = { estimate: o, quantile: quantileSorted(values, level), pValue, invariant: pValue >= level };
        const mean = equality(meansPerm, j, meanObserved[j]!);
        const logVariance = equality(varsPerm, j, logVarObserved[j]!);
        const invariance = !established || !compositional.invariant ? 'none' : mean.equal && logVariance.equal ? 'full' : 'partial';
        return { construct, compositional, mean, logVariance, invariance };
      });
      comparisons.push({
        groups: [g.labels[a]!, g.labels[b]!],
        n: [na, second.length],
        constructs,
        permutation: { method: 'group-permutation', replicates: used, seed: plan.seed + pairIndex, exact, failed, notConverged },
      });
    }
  }
  return {
    method: 'micom',
    n: g.index.length,
    groups: g.labels.map((group, k) => ({ group, n: g.members[k]!.length })),
    configural: { established, checks },
    comparisons,
    options: {
      groups: typeof options.groups === 'string' ? options.groups : null,
      permutation: { replicates: plan.replicates, seed: plan.seed },
      significanceLevel: level,
      scheme,
      maxIterations,
      tolerance,
      missing,
    },
    missing: g.missing,
    warnings,
  };
}
