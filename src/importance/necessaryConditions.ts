import { InputError, InsufficientDataError } from '../errors.js';
import { checkOptions, MAX_REPLICATES, optionKeys } from '../internal/options.js';
import { createRandom } from '../internal/random.js';
import { type ColumnSample, checkNumberOption, readColumns } from '../internal/validate.js';
import type { MissingPolicy, MissingReport, Row, Warning } from '../types.js';
import {
  ceFdhPeers,
  crFdhLine,
  fdhBottleneck,
  fdhCeilingZone,
  lineBottleneck,
  lineCeilingZone,
  peerPlan,
  peersByGroup,
  pointsAbove,
  type PeerPlan,
  type Scope,
} from './ceilingLines.js';

/** A ceiling technique of necessary-condition analysis (Dul 2016). */
export type CeilingMethod = 'ce-fdh' | 'cr-fdh';

/** Options of {@link necessaryConditions}. */
export interface NecessaryConditionsOptions {
  /** The outcome column (Y). */
  readonly outcome: string;
  /** The condition columns (X), at least one. */
  readonly conditions: readonly string[];
  /** Ceiling lines to draw (default both: `['ce-fdh', 'cr-fdh']`). */
  readonly ceilings?: readonly CeilingMethod[];
  /**
   * Permutation test of the effect sizes (Dul, van der Laan & Kuik 2020): `false` (default) or
   * `{ replicates, seed }`; with n! at most `replicates`, every permutation is used once (exact).
   */
  readonly permutation?: false | { readonly replicates: number; readonly seed: number };
  /** Outcome levels of the bottleneck table: 0, 100/steps, ..., 100 percent of the outcome's range. Default 10. */
  readonly bottleneckSteps?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** One ceiling line of one condition. */
export interface CeilingResult {
  readonly method: CeilingMethod;
  /** Area of the empty zone above the ceiling, in units of X times Y. */
  readonly ceilingZone: number;
  /** Effect size d = ceiling zone / scope, in [0, 1]; `null` when the line is not defined (CR-FDH with a falling slope). */
  readonly effectSize: number | null;
  /** CR-FDH only: the line `y = intercept + slope x` (null for CE-FDH, or a single peer). */
  readonly intercept: number | null;
  readonly slope: number | null;
  /** Percentage of cases on or below the ceiling (CE-FDH: always 100). */
  readonly accuracy: number;
  /** Permutation p-value of the effect size; `null` without a test. */
  readonly pValue: number | null;
}

/** The analysis of one condition. */
export interface NecessaryCondition {
  readonly condition: string;
  /** Empirical scope: the observed ranges of X and Y, and its area. */
  readonly scope: { readonly xMin: number; readonly xMax: number; readonly yMin: number; readonly yMax: number; readonly area: number };
  /** The CE-FDH peers (upper-left corners of the step ceiling), as `[x, y]`, duplicates kept as NCA keeps them. */
  readonly peers: readonly (readonly [number, number])[];
  readonly ceilings: readonly CeilingResult[];
}

/** The level of a condition needed for one outcome level. */
export interface BottleneckCell {
  /**
   * `'not-necessary'` (NCA's NN: no level of X is needed), `'required'`, or `'not-attainable'`
   * (NCA's NA: the line asks for more than the highest X observed).
   */
  readonly status: 'not-necessary' | 'required' | 'not-attainable';
  /** The X needed, on its scale; `null` unless required. */
  readonly value: number | null;
  /** The same in percent of X's observed range (NCA's default `percentage.range`); `null` unless required. */
  readonly percent: number | null;
}

/** One row of a bottleneck table. */
export interface BottleneckRow {
  /** Outcome level in percent of its observed range. */
  readonly outcomePercent: number;
  /** The same on the outcome's scale. */
  readonly outcomeValue: number;
  /** By condition. */
  readonly conditions: Readonly<Record<string, BottleneckCell>>;
}

/** Result of {@link necessaryConditions}. */
export interface NecessaryConditionsResult {
  readonly method: 'necessary-condition-analysis';
  readonly outcome: string;
  readonly n: number;
  readonly conditions: readonly NecessaryCondition[];
  /** The bottleneck table of each ceiling line. */
  readonly bottlenecks: Readonly<Partial<Record<CeilingMethod, readonly BottleneckRow[]>>>;
  /** The permutation test run, or `null`. */
  readonly permutation: {
    readonly method: 'permutation';
    readonly replicates: number;
    readonly seed: number;
    readonly exact: boolean;
  } | null;
  readonly options: { readonly ceilings: readonly CeilingMethod[]; readonly bottleneckSteps: number };
  readonly missing: MissingReport;
  readonly warnings: readonly Warning[];
}

const KEYS = optionKeys<NecessaryConditionsOptions>({
  outcome: true,
  conditions: true,
  ceilings: true,
  permutation: true,
  bottleneckSteps: true,
  missing: true,
  missingCodes: true,
});

const PERMUTATION_KEYS = ['replicates', 'seed'];

function effectSizes(
  x: Float64Array,
  y: Float64Array,
  scope: Scope,
  methods: readonly CeilingMethod[],
  plan: PeerPlan | null = null,
  counts?: Float64Array,
): (number | null)[] {
  const peers = plan === null ? ceFdhPeers(x, y, counts) : peersByGroup(plan, x, y);
  return methods.map((m) => {
    if (m === 'ce-fdh') return fdhCeilingZone(peers, scope) / scope.area;
    const line = crFdhLine(peers);
    if (line === null) return 0;
    const zone = lineCeilingZone(line, scope);
    return zone === null ? null : zone / scope.area;
  });
}

function factorialAtMost(n: number, limit: number): number | null {
  let f = 1;
  for (let k = 2; k <= n; k++) {
    f *= k;
    if (f > limit) return null;
  }
  return f;
}

/** Every permutation of 0..n-1 (Heap's algorithm), passed to `visit`. */
function eachPermutation(n: number, visit: (order: Int32Array) => void): void {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  const c = new Int32Array(n);
  visit(a);
  let i = 0;
  while (i < n) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      const t = a[j]!;
      a[j] = a[i]!;
      a[i] = t;
      visit(a);
      c[i]!++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/**
 * Necessary-condition analysis (Dul 2016, "Necessary Condition Analysis (NCA): logic and
 * methodology of 'necessary but not sufficient' causality", Organizational Research Methods 19;
 * used for priorities in the combined importance-performance map, cIPMA, of Hauff, Richter,
 * Sarstedt & Ringle 2024): for each condition X, is a level of X needed for a level of the
 * outcome Y, whatever the other drivers do?
 *
 * **Method**, as R's `NCA::nca_analysis` with its defaults (upper-left corner, empirical scope):
 * - **CE-FDH** (ceiling envelopment, free disposal hull): the step function through the peers,
 *   the cases no case beats with less X and more Y; its ceiling zone is the empty area above it.
 * - **CR-FDH** (ceiling regression): the least-squares line through the CE-FDH peers; its zone is
 *   the area of the scope above the line; accuracy = the percentage of cases on or below it.
 * - **Effect size** d = ceiling zone / scope, scope = (max X - min X)(max Y - min Y). Dul's
 *   reading: 0-0.1 small, 0.1-0.3 medium, 0.3-0.5 large, above 0.5 very large.
 * - **Permutation test** (Dul, van der Laan & Kuik 2020): Y is permuted against X (seeded
 *   xoshiro128** Fisher-Yates), d recomputed; p = (#{d* >= d} + 1) / (B + 1), at least 1 / B, as
 *   NCA; when n! <= replicates, all n! permutations are used once (exact, as NCA does for n <= 6).
 *   d* within 1e-12 relative of d counts as equal (rounding).
 * - **Bottleneck table**: for outcome levels 0, 10, ..., 100 percent of Y's range, the level of
 *   each X the ceiling requires, on X's scale and in percent of X's range; "not necessary" (NN)
 *   when the ceiling requires no more than min X, "not attainable" (NA) when the line asks for
 *   more than max X.
 *
 * Cases are complete on the outcome and every condition (listwise), so each condition has the
 * same n. Unweighted: NCA has no sampling weights.
 *
 * @param rows - Rows keyed by column name.
 * @param options - `outcome`, `conditions`, `ceilings`, `permutation`, `bottleneckSteps`, `missing`, `missingCodes`.
 * @returns Per condition: scope, peers, each ceiling's zone, effect size, line and p; the bottleneck tables.
 * @throws InputError `INVALID_OPTION`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`; InsufficientDataError
 *   `TOO_FEW_CASES` (fewer than 3 complete cases), `ZERO_VARIANCE` (a constant condition or outcome).
 *
 * @example
 * ```ts
 * import { necessaryConditions } from 'loyalty-drivers';
 * const rows = [
 *   { y: 1, x: 1 }, { y: 2, x: 2 }, { y: 1, x: 3 }, { y: 4, x: 3 },
 *   { y: 3, x: 4 }, { y: 5, x: 5 }, { y: 2, x: 5 },
 * ];
 * const nca = necessaryConditions(rows, { outcome: 'y', conditions: ['x'] });
 * // peers (1,1) (2,2) (3,4) (5,5); scope 4 x 4 = 16;
 * // CE-FDH zone = (2-1)(2-1) + (3-1)(4-2) + (5-1)(5-4) = 1 + 4 + 4 = 9, d = 9 / 16
 * nca.conditions[0].ceilings[0].effectSize; // => 0.5625
 * nca.bottlenecks['ce-fdh'][5].conditions.x; // => { status: 'required', value: 3, percent: 50 }
 * ```
 */
export function necessaryConditions(rows: readonly Row[], options: NecessaryConditionsOptions): NecessaryConditionsResult {
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { outcome, conditions }', { argument: 'options' });
  }
  checkOptions(options, KEYS);
  const { outcome, conditions } = options;
  if (typeof outcome !== 'string' || outcome.length === 0) {
    throw new InputError('INVALID_OPTION', 'options.outcome: expected a column name', {
      argument: 'options.outcome',
      expected: 'a column name',
    });
  }
  if (!Array.isArray(conditions) || conditions.length === 0 || conditions.some((c) => typeof c !== 'string' || c.length === 0)) {
    throw new InputError('INVALID_OPTION', 'options.conditions: expected a non-empty array of column names', {
      argument: 'options.conditions',
      expected: 'a non-empty array of column names',
    });
  }
  if (new Set(conditions).size !== conditions.length || conditions.includes(outcome)) {
    throw new InputError('INVALID_OPTION', 'options.conditions: expected distinct columns other than the outcome', {
      argument: 'options.conditions',
    });
  }
  const methods: CeilingMethod[] = options.ceilings === undefined ? ['ce-fdh', 'cr-fdh'] : [...options.ceilings];
  if (methods.length === 0 || methods.some((m) => m !== 'ce-fdh' && m !== 'cr-fdh') || new Set(methods).size !== methods.length) {
    throw new InputError('INVALID_OPTION', "options.ceilings: expected distinct values among 'ce-fdh', 'cr-fdh'", {
      argument: 'options.ceilings',
      expected: "'ce-fdh' | 'cr-fdh'",
    });
  }
  const steps =
    options.bottleneckSteps === undefined
      ? 10
      : checkNumberOption('options.bottleneckSteps', options.bottleneckSteps, { min: 1, max: 1000, integer: true });
  let permutation: { replicates: number; seed: number } | null = null;
  if (options.permutation !== undefined && options.permutation !== false) {
    checkOptions(options.permutation, PERMUTATION_KEYS, 'options.permutation');
    const p = options.permutation as { replicates?: unknown; seed?: unknown };
    if (p.replicates === undefined || p.seed === undefined) {
      throw new InputError('INVALID_OPTION', 'options.permutation: needs { replicates, seed }', { argument: 'options.permutation' });
    }
    permutation = {
      replicates: checkNumberOption('options.permutation.replicates', p.replicates, { min: 1, max: MAX_REPLICATES, integer: true }),
      seed: checkNumberOption('options.permutation.seed', p.seed, { integer: true }),
    };
  }
  const sample = readColumns(
    rows,
    [outcome, ...conditions].map((column) => ({ column })),
    {
      missing: options.missing,
      missingCodes: options.missingCodes,
    },
  );
  return conditionsOf(sample, undefined, { outcome, conditions, methods, steps, permutation });
}

/**
 * {@link necessaryConditions} on a read sample (outcome first, then the conditions). With
 * `counts`, each sample row is a distinct case standing for `counts[i]` respondents (the
 * streaming path's patterns): the peers repeat a case as often as it occurs (duplicates weigh in
 * the CR-FDH line), and n and the accuracy count respondents, so the result is theirs; no
 * permutation test then. @internal
 */
export function necessaryConditionsFromSample(
  sample: ColumnSample,
  counts: Float64Array,
  options: Pick<NecessaryConditionsOptions, 'outcome' | 'conditions'>,
): NecessaryConditionsResult {
  return conditionsOf(sample, counts, { ...options, methods: ['ce-fdh', 'cr-fdh'], steps: 10, permutation: null });
}

function conditionsOf(
  sample: ColumnSample,
  counts: Float64Array | undefined,
  settings: {
    readonly outcome: string;
    readonly conditions: readonly string[];
    readonly methods: readonly CeilingMethod[];
    readonly steps: number;
    readonly permutation: { replicates: number; seed: number } | null;
  },
): NecessaryConditionsResult {
  const { outcome, conditions, methods, steps, permutation } = settings;
  const [y, ...xs] = sample.columns as Float64Array[];
  let n = y!.length;
  if (counts) {
    n = 0;
    for (let i = 0; i < counts.length; i++) n += counts[i]!;
  }
  if (n < 3) {
    throw new InsufficientDataError('TOO_FEW_CASES', `${n} complete cases: necessary-condition analysis needs at least 3`, {
      argument: 'rows',
      value: n,
      expected: 'at least 3 complete cases',
    });
  }
  const range = (v: Float64Array, name: string): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of v) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    if (!(hi > lo)) {
      throw new InsufficientDataError('ZERO_VARIANCE', `column "${name}" is constant (every complete case is ${lo}): it has no scope`, {
        argument: name === outcome ? 'options.outcome' : 'options.conditions',
        column: name,
        value: lo,
        expected: 'a column that varies',
      });
    }
    return [lo, hi];
  };
  const [yMin, yMax] = range(y!, outcome);
  const exactCount = permutation === null ? null : factorialAtMost(n, permutation.replicates);
  const levels = Array.from({ length: steps + 1 }, (_, k) => (100 * k) / steps);
  const bottleneckCells: Record<CeilingMethod, Record<string, BottleneckCell>[]> = {
    'ce-fdh': levels.map(() => ({})),
    'cr-fdh': levels.map(() => ({})),
  };
  const warnings: Warning[] = [];
  const results: NecessaryCondition[] = conditions.map((condition, j) => {
    const x = xs[j]!;
    const [xMin, xMax] = range(x, condition);
    const scope: Scope = { xMin, xMax, yMin, yMax, area: (xMax - xMin) * (yMax - yMin) };
    const peers = ceFdhPeers(x, y!, counts);
    const line = crFdhLine(peers);
    const observed = effectSizes(x, y!, scope, methods, null, counts);
    let pValues: (number | null)[] = methods.map(() => null);
    if (permutation !== null) {
      const atLeast = methods.map(() => 0);
      // Permutations whose line is undefined are left out, as NCA drops their NaN effect sizes.
      const defined = methods.map(() => 0);
      const permuted = new Float64Array(n);
      // X is fixed under the permutations: sort it once (exact NCA semantics, see peerPlan).
      const plan = peerPlan(x, y!);
      let count = 0;
      const tally = (order: ArrayLike<number>) => {
        for (let i = 0; i < n; i++) permuted[i] = y![order[i]!]!;
        const d = effectSizes(x, permuted, scope, methods, plan);
        d.forEach((v, k) => {
          const o = observed[k];
          if (v === null) return;
          defined[k]!++;
          if (o !== null && o !== undefined && v >= o - 1e-12 * Math.abs(o)) atLeast[k]!++;
        });
        count++;
      };
      if (exactCount !== null) eachPermutation(n, tally);
      else {
        const random = createRandom(permutation.seed + j);
        const order = new Int32Array(n);
        for (let b = 0; b < permutation.replicates; b++) {
          for (let i = 0; i < n; i++) order[i] = i;
          for (let i = n - 1; i > 0; i--) {
            const k = random.integer(i + 1);
            const t = order[i]!;
            order[i] = order[k]!;
            order[k] = t;
          }
          tally(order);
        }
      }
      pValues = methods.map((_, k) => (observed[k] === null ? null : Math.max((atLeast[k]! + 1) / (defined[k]! + 1), 1 / count)));
    }
    const ceilings: CeilingResult[] = methods.map((method, k) => {
      if (method === 'ce-fdh') {
        return {
          method,
          ceilingZone: fdhCeilingZone(peers, scope),
          effectSize: observed[k]!,
          intercept: null,
          slope: null,
          accuracy: 100,
          pValue: pValues[k]!,
        };
      }
      const zone = line === null ? 0 : lineCeilingZone(line, scope);
      if (zone === null) {
        warnings.push({
          code: 'CEILING_UNDEFINED',
          message: `condition "${condition}": the CR-FDH line through the peers falls (slope ${line!.slope}), so it has no upper-left ceiling zone`,
        });
      }
      return {
        method,
        ceilingZone: zone ?? 0,
        effectSize: observed[k] ?? null,
        intercept: line?.intercept ?? null,
        slope: line?.slope ?? null,
        accuracy: line === null ? 100 : (100 * (n - pointsAbove(x, y!, line, counts))) / n,
        pValue: pValues[k]!,
      };
    });
    for (const method of methods) {
      levels.forEach((pct, r) => {
        const level = yMin + (pct / 100) * (yMax - yMin);
        const needed = method === 'ce-fdh' ? fdhBottleneck(peers, level, scope) : lineBottleneck(line, level, scope);
        bottleneckCells[method][r]![condition] =
          typeof needed === 'number'
            ? { status: 'required', value: needed, percent: (100 * (needed - xMin)) / (xMax - xMin) }
            : { status: needed, value: null, percent: null };
      });
    }
    return { condition, scope, peers, ceilings };
  });
  const bottlenecks: Partial<Record<CeilingMethod, BottleneckRow[]>> = {};
  for (const method of methods) {
    bottlenecks[method] = levels.map((pct, r) => ({
      outcomePercent: pct,
      outcomeValue: yMin + (pct / 100) * (yMax - yMin),
      conditions: bottleneckCells[method][r]!,
    }));
  }
  return {
    method: 'necessary-condition-analysis',
    outcome,
    n,
    conditions: results,
    bottlenecks,
    permutation:
      permutation === null
        ? null
        : { method: 'permutation', replicates: exactCount ?? permutation.replicates, seed: permutation.seed, exact: exactCount !== null },
    options: { ceilings: methods, bottleneckSteps: steps },
    missing: sample.missing,
    warnings,
  };
}
