/**
 * The steps `plsMultigroup` and `plsMeasurementInvariance` share: the common options, the groups'
 * own estimates, and each pair's relabellings (the two groups' estimates per relabelling, failures
 * counted, a pair with no estimable relabelling refused).
 *
 * @module pls/groupComparison
 * @internal
 */
import { InsufficientDataError } from '../errors.js';
import { checkNumberOption, checkOption, requireRows } from '../internal/validate.js';
import type { Row, Warning } from '../types.js';
import type { PlsEstimates } from './estimatePls.js';
import type { PlsGroupComparisonOptions } from './groupTypes.js';
import {
  checkPermutation,
  estimateFromCorrelation,
  estimateSubset,
  groupPermutations,
  pairCorrelations,
  type PermutationPlan,
  type PlsSettings,
} from './groupPermutations.js';
import { readPlsGroups, type PlsGroupData } from './readPlsGroups.js';
import { specifyPathModel, type PathModelSpec } from './specifyPathModel.js';
import type { PlsScheme } from './types.js';

/** The checked options every group comparison takes. @internal */
export interface GroupComparisonSettings {
  readonly spec: PathModelSpec;
  readonly scheme: PlsScheme;
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly missing: 'omit' | 'fail';
  readonly plan: PermutationPlan;
}

/** Checks the options of {@link PlsGroupComparisonOptions} (the caller checks its own first, with `checkOptions`). @internal */
export function groupComparisonSettings(options: PlsGroupComparisonOptions): GroupComparisonSettings {
  return {
    spec: specifyPathModel(options?.constructs, options?.paths),
    scheme: checkOption('options.scheme', options.scheme ?? 'path', ['path', 'factorial', 'centroid'] as const),
    maxIterations: checkNumberOption('options.maxIterations', options.maxIterations ?? 300, { min: 1, max: 100_000, integer: true }),
    tolerance: checkNumberOption('options.tolerance', options.tolerance ?? 1e-7, { min: 0, exclusiveMin: true, max: 1 }),
    missing: checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail'] as const),
    plan: checkPermutation(options.permutation),
  };
}

/**
 * The rows, their groups and the PLS settings, and each group's own estimates (so that a group
 * that cannot be estimated is named before any relabelling runs).
 * @internal
 */
export function readGroupComparison(
  data: unknown,
  options: PlsGroupComparisonOptions,
  s: GroupComparisonSettings,
): { rows: readonly Row[]; g: PlsGroupData; settings: PlsSettings; own: PlsEstimates[] } {
  const rows = requireRows(data, 'rows');
  const g = readPlsGroups(rows, s.spec, options.groups, s.missing, options.missingCodes);
  const settings: PlsSettings = {
    spec: s.spec,
    offsets: g.offsets,
    scheme: s.scheme,
    maxIterations: s.maxIterations,
    tolerance: s.tolerance,
  };
  const own = g.labels.map((label, k) => {
    const est = estimateSubset(g.columns, g.members[k]!, undefined, settings);
    if (est === null) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `options.groups: group "${label}" cannot be estimated (a constant item or collinear scores)`,
        {
          argument: 'options.groups',
          expected: 'items that vary within every group',
        },
      );
    }
    return est;
  });
  return { rows, g, settings, own };
}

/** The cases of groups `a` and `b`, a's first. @internal */
export function pooledMembers(g: PlsGroupData, a: number, b: number): Int32Array {
  const first = g.members[a]!;
  const pooled = new Int32Array(first.length + g.members[b]!.length);
  pooled.set(first);
  pooled.set(g.members[b]!, first.length);
  return pooled;
}

/** What the relabellings of one pair gave. @internal */
export interface PairPermutations {
  readonly exact: boolean;
  /** Relabellings estimated in both groups. */
  readonly used: number;
  readonly failed: number;
  readonly notConverged: number;
}

/**
 * Relabels the pooled cases of groups `a` and `b` (seed `plan.seed + pairIndex`), estimates both
 * groups of each relabelling from their item correlations and hands the estimates to `onFit`.
 * Relabellings that cannot be estimated are left out and counted (a `PERMUTATIONS_FAILED`
 * warning); when none can be, `TOO_FEW_CASES`.
 * @internal
 */
export function permutePair(
  g: PlsGroupData,
  a: number,
  b: number,
  pooled: Int32Array,
  pairIndex: number,
  plan: PermutationPlan,
  settings: PlsSettings,
  warnings: Warning[],
  onFit: (pa: PlsEstimates, pb: PlsEstimates, ia: Int32Array, ib: Int32Array) => void,
): PairPermutations {
  let used = 0;
  let failed = 0;
  let notConverged = 0;
  const correlations = pairCorrelations(g.columns, pooled);
  const { exact } = groupPermutations(
    g.members[a]!.length,
    g.members[b]!.length,
    { replicates: plan.replicates, seed: plan.seed + pairIndex },
    (ia, ib) => {
      const rs = correlations(ia, ib);
      const pa = rs === null ? null : estimateFromCorrelation(rs[0], settings);
      const pb = rs === null || pa === null ? null : estimateFromCorrelation(rs[1], settings);
      if (pa === null || pb === null) {
        failed++;
        return;
      }
      if (!pa.converged || !pb.converged) notConverged++;
      onFit(pa, pb, ia, ib);
      used++;
    },
  );
  if (used === 0) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `options.groups: no relabelling of "${g.labels[a]}" and "${g.labels[b]}" could be estimated`,
      {
        argument: 'options.groups',
        expected: 'groups whose relabellings can be estimated',
      },
    );
  }
  if (failed > 0) {
    warnings.push({
      code: 'PERMUTATIONS_FAILED',
      message: `${failed} relabellings of "${g.labels[a]}" and "${g.labels[b]}" could not be estimated (a constant item or collinear scores) and were left out.`,
    });
  }
  return { exact, used, failed, notConverged };
}
