import { InputError, NumericalError } from '../errors.js';
import { checkOptions } from '../internal/options.js';
import { createRandom } from '../internal/random.js';
import { checkNumberOption } from '../internal/validate.js';
import { estimatePls, type PlsEstimates } from './estimatePls.js';
import type { PathModelSpec } from './specifyPathModel.js';
import type { PlsScheme } from './types.js';

/** A checked permutation request. @internal */
export interface PermutationPlan {
  readonly replicates: number;
  readonly seed: number;
}

const KEYS = ['replicates', 'seed'];

/** Checks `options.permutation`: `{ replicates, seed }`, 50 to 1,000,000 replicates, integer seed. @internal */
export function checkPermutation(value: unknown): PermutationPlan {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('INVALID_OPTION', 'options.permutation: expected { replicates, seed }', {
      argument: 'options.permutation',
      expected: '{ replicates, seed }',
    });
  }
  checkOptions(value, KEYS, 'options.permutation');
  const p = value as { replicates?: unknown; seed?: unknown };
  if (p.replicates === undefined || p.seed === undefined) {
    throw new InputError('INVALID_OPTION', 'options.permutation: needs { replicates, seed } (the seed makes the p-values reproducible)', {
      argument: 'options.permutation',
      expected: '{ replicates, seed }',
    });
  }
  return {
    replicates: checkNumberOption('options.permutation.replicates', p.replicates, { min: 50, max: 1_000_000, integer: true }),
    seed: checkNumberOption('options.permutation.seed', p.seed, { integer: true }),
  };
}

/** C(n, k) when it is at most `cap`, else null. */
function binomialAtMost(n: number, k: number, cap: number): number | null {
  let c = 1;
  const r = Math.min(k, n - k);
  for (let i = 1; i <= r; i++) {
    c = (c * (n - r + i)) / i;
    if (c > cap) return null;
  }
  return Math.round(c);
}

/**
 * The relabellings of the pooled cases of two groups of sizes `first` and `second`, passed to
 * `visit(firstMembers, secondMembers)` as positions in the pooled list. When C(n, first) is at
 * most `replicates` every split is visited once, the observed one included (exact); otherwise
 * `replicates` seeded random permutations (Fisher-Yates on xoshiro128**). Returns whether exact.
 * @internal
 */
export function groupPermutations(
  first: number,
  second: number,
  plan: PermutationPlan,
  visit: (firstMembers: Int32Array, secondMembers: Int32Array) => void,
): { exact: boolean; count: number } {
  const n = first + second;
  const a = new Int32Array(first);
  const b = new Int32Array(second);
  const total = binomialAtMost(n, first, plan.replicates);
  if (total !== null) {
    // Lexicographic k-combinations of 0..n-1; the rest go to the second group.
    const pick = Int32Array.from({ length: first }, (_, i) => i);
    for (;;) {
      a.set(pick);
      let ai = 0;
      let bi = 0;
      for (let i = 0; i < n; i++) {
        if (ai < first && pick[ai] === i) ai++;
        else b[bi++] = i;
      }
      visit(a, b);
      let i = first - 1;
      while (i >= 0 && pick[i] === n - first + i) i--;
      if (i < 0) break;
      pick[i]!++;
      for (let j = i + 1; j < first; j++) pick[j] = pick[j - 1]! + 1;
    }
    return { exact: true, count: total };
  }
  const random = createRandom(plan.seed);
  const order = new Int32Array(n);
  for (let r = 0; r < plan.replicates; r++) {
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const k = random.integer(i + 1);
      const t = order[i]!;
      order[i] = order[k]!;
      order[k] = t;
    }
    a.set(order.subarray(0, first));
    b.set(order.subarray(first));
    visit(a, b);
  }
  return { exact: false, count: plan.replicates };
}

/**
 * Correlation matrix of the variables over the cases `members` (positions into `columns`,
 * through `pooled` when given); null when a variable is constant there.
 * @internal
 */
export function subsetCorrelation(columns: readonly Float64Array[], members: Int32Array, pooled?: Int32Array): number[][] | null {
  const p = columns.length;
  const k = members.length;
  const rows = pooled === undefined ? members : Int32Array.from(members, (i) => pooled[i]!);
  const centred: Float64Array[] = new Array(p);
  const sd = new Float64Array(p);
  for (let v = 0; v < p; v++) {
    const col = columns[v]!;
    let mean = 0;
    for (let i = 0; i < k; i++) mean += col[rows[i]!]!;
    mean /= k;
    const c = new Float64Array(k);
    let ss = 0;
    for (let i = 0; i < k; i++) {
      const d = col[rows[i]!]! - mean;
      c[i] = d;
      ss += d * d;
    }
    if (!(ss > 0)) return null;
    centred[v] = c;
    sd[v] = Math.sqrt(ss);
  }
  const r: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let u = 0; u < p; u++) {
    r[u]![u] = 1;
    const cu = centred[u]!;
    for (let v = u + 1; v < p; v++) {
      const cv = centred[v]!;
      let s = 0;
      for (let i = 0; i < k; i++) s += cu[i]! * cv[i]!;
      const x = s / (sd[u]! * sd[v]!);
      r[u]![v] = x;
      r[v]![u] = x;
    }
  }
  return r;
}

/**
 * For the relabellings of one pair of groups: the item correlations of both relabelled groups
 * from one pass over the first group's cases. The items are centred at their pooled means once
 * (row-major, contiguous); the second group's cross-products are the pooled ones minus the
 * first's, so a relabelling costs one accumulation over n_A cases. Returns null for a group in
 * which an item is constant.
 * @internal
 */
export function pairCorrelations(
  columns: readonly Float64Array[],
  pooled: Int32Array,
): (firstMembers: Int32Array, secondMembers: Int32Array) => [number[][], number[][]] | null {
  const p = columns.length;
  const n = pooled.length;
  const y = new Float64Array(n * p);
  for (let v = 0; v < p; v++) {
    const col = columns[v]!;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[pooled[i]!]!;
    mean /= n;
    for (let i = 0; i < n; i++) y[i * p + v] = col[pooled[i]!]! - mean;
  }
  const accumulate = (members: ArrayLike<number>, cross: Float64Array, sums: Float64Array): void => {
    cross.fill(0);
    sums.fill(0);
    for (let r = 0; r < members.length; r++) {
      const at = members[r]! * p;
      for (let u = 0; u < p; u++) {
        const yu = y[at + u]!;
        sums[u]! += yu;
        const base = u * p;
        for (let v = u; v < p; v++) cross[base + v]! += yu * y[at + v]!;
      }
    }
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const pooledCross = new Float64Array(p * p);
  const pooledSums = new Float64Array(p);
  accumulate(all, pooledCross, pooledSums);
  const cross = new Float64Array(p * p);
  const sums = new Float64Array(p);
  const correlation = (c: (u: number, v: number) => number, k: number, mean: (u: number) => number): number[][] | null => {
    const sd = new Float64Array(p);
    for (let u = 0; u < p; u++) {
      const m = mean(u);
      const ss = c(u, u) - k * m * m;
      if (!(ss > 1e-12 * c(u, u))) return null;
      sd[u] = Math.sqrt(ss);
    }
    const r: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(1));
    for (let u = 0; u < p; u++) {
      const mu = mean(u);
      for (let v = u + 1; v < p; v++) {
        const x = (c(u, v) - k * mu * mean(v)) / (sd[u]! * sd[v]!);
        r[u]![v] = x;
        r[v]![u] = x;
      }
    }
    return r;
  };
  return (firstMembers, secondMembers) => {
    accumulate(firstMembers, cross, sums);
    const ka = firstMembers.length;
    const kb = secondMembers.length;
    const ra = correlation(
      (u, v) => cross[u * p + v]!,
      ka,
      (u) => sums[u]! / ka,
    );
    if (ra === null) return null;
    const rb = correlation(
      (u, v) => pooledCross[u * p + v]! - cross[u * p + v]!,
      kb,
      (u) => (pooledSums[u]! - sums[u]!) / kb,
    );
    return rb === null ? null : [ra, rb];
  };
}

/** Sample quantile, R type 7 (linear interpolation between order statistics), of sorted values. @internal */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Permutation p-value. Exact enumeration: the share of splits (the observed one among them) at
 * least as extreme. Random permutations: (count + 1) / (B + 1), the observed labelling counted
 * as one of the permutations (Phipson & Smyth 2010), so p is never 0 and the test keeps its level.
 * Ties within 1e-10 relative count as at least as extreme (the observed split recomputed in another
 * case order differs by rounding).
 * @internal
 */
export function permutationPValue(count: number, used: number, exact: boolean): number {
  return exact ? count / used : (count + 1) / (used + 1);
}

/** `value` is at least as extreme as `observed` (two-sided: by absolute value). @internal */
export function atLeastAsExtreme(value: number, observed: number): boolean {
  const o = Math.abs(observed);
  return Math.abs(value) >= o - 1e-10 * o - 1e-14;
}

/** PLS settings of a group comparison. @internal */
export interface PlsSettings {
  readonly spec: PathModelSpec;
  readonly offsets: readonly number[];
  readonly scheme: PlsScheme;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/**
 * The PLS estimates from item correlations; null when there are none (a constant item) or the
 * model cannot be estimated from them (collinear predecessors or mode B items): a relabelling
 * left out.
 * @internal
 */
export function estimateFromCorrelation(r: number[][] | null, settings: PlsSettings): PlsEstimates | null {
  if (r === null) return null;
  try {
    return estimatePls(r, settings.offsets, settings.spec, settings.scheme, settings.maxIterations, settings.tolerance);
  } catch (e) {
    if (e instanceof NumericalError) return null;
    throw e;
  }
}

/**
 * The PLS estimates on a subset of the cases (two-pass correlations); null when the subset
 * cannot be estimated.
 * @internal
 */
export function estimateSubset(
  columns: readonly Float64Array[],
  members: Int32Array,
  pooled: Int32Array | undefined,
  settings: PlsSettings,
): PlsEstimates | null {
  return estimateFromCorrelation(subsetCorrelation(columns, members, pooled), settings);
}
