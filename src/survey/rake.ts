import { InputError, InsufficientDataError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption, requireColumn, requireRows } from '../internal/validate.js';
import type { Warning } from '../types.js';

/**
 * Population margins: for each raking variable (a column of the rows), the population share or
 * total of each of its levels, e.g. `{ region: { North: 0.3, South: 0.7 } }`. Levels are matched
 * to the column's values as strings (`1` and `'1'` are the same level).
 */
export type RakeMargins = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Options of {@link rake}. */
export interface RakeOptions {
  /**
   * Population margins, as **shares** (each variable's levels summing to 1; the raked weights then
   * sum to the sum of the starting weights) or as **totals** (each variable summing to the same
   * population size, which the raked weights then sum to). Which one is read from the first
   * variable: a sum of 1 means shares.
   */
  readonly margins: RakeMargins;
  /** Starting (design) weights: the name of a column (>= 0). Default: 1 for every row. */
  readonly weights?: string;
  /** Most full sweeps over the margins, default 100. */
  readonly maxIterations?: number;
  /** Stop when every margin is within this of its target, in share units; default 1e-10. */
  readonly tolerance?: number;
  /**
   * Bounds `[lower, upper]` on the adjustment `g = weight / starting weight`, with
   * `0 <= lower <= 1 <= upper` (R `calibrate(calfun = "raking", bounds)`). Default: unbounded.
   */
  readonly bounds?: readonly [number, number];
}

/** One margin level: the target and the raked weights' achievement, both as shares. */
export interface RakeMarginLevel {
  readonly target: number;
  readonly achieved: number;
}

/** Result of {@link rake}. */
export interface RakeResult {
  readonly method: 'raking';
  /** The raked weights, one per input row, in row order. */
  readonly weights: readonly number[];
  /** Rows raked (every input row). */
  readonly n: number;
  readonly converged: boolean;
  /** Full sweeps over the margins. */
  readonly iterations: number;
  /** Largest |achieved - target| over every margin level, in share units. */
  readonly maxMarginError: number;
  /** Sum of the raked weights. */
  readonly weightSum: number;
  /** Kish's design effect of the weights, `n sum w^2 / (sum w)^2 = 1 + CV^2` (CV with divisor n). */
  readonly designEffect: number;
  /** Kish's effective sample size `(sum w)^2 / sum w^2 = n / designEffect`. */
  readonly effectiveSampleSize: number;
  /** `effectiveSampleSize / n`, in (0, 1]. */
  readonly efficiency: number;
  /** Per variable and level: target and achieved shares. */
  readonly margins: Readonly<Record<string, Readonly<Record<string, RakeMarginLevel>>>>;
  /** `'shares'` or `'totals'`: how `options.margins` was read. */
  readonly scale: 'shares' | 'totals';
  /** `NOT_CONVERGED` when the sweeps stopped before the tolerance (e.g. bounds too tight). */
  readonly warnings: readonly Warning[];
  readonly options: {
    readonly weights: string | null;
    readonly maxIterations: number;
    readonly tolerance: number;
    readonly bounds: readonly [number, number] | null;
  };
}

const RAKE_KEYS = optionKeys<RakeOptions>({ margins: true, weights: true, maxIterations: true, tolerance: true, bounds: true });

/** Sums within 1e-9 of each other (relative) count as equal. */
const SUM_TOLERANCE = 1e-9;

/**
 * Solves `sum_i w0_i clip(a b_i, lower, upper) = target` for `a > 0` (the left side is
 * nondecreasing and piecewise linear in `a`): walk its breakpoints in order.
 */
function solveFactor(w0: Float64Array, b: Float64Array, lower: number, upper: number, target: number): number {
  const m = w0.length;
  // Below every breakpoint all units sit at the lower bound.
  let constant = 0;
  let slope = 0;
  const events: { at: number; dSlope: number; dConst: number }[] = [];
  for (let i = 0; i < m; i++) {
    constant += w0[i]! * lower;
    events.push({ at: lower / b[i]!, dSlope: w0[i]! * b[i]!, dConst: -w0[i]! * lower });
    if (upper !== Number.POSITIVE_INFINITY) events.push({ at: upper / b[i]!, dSlope: -w0[i]! * b[i]!, dConst: w0[i]! * upper });
  }
  events.sort((x, y) => x.at - y.at);
  let prev = 0;
  for (const e of events) {
    const atEvent = constant + slope * e.at;
    if (atEvent >= target && slope > 0) return Math.max(prev, (target - constant) / slope);
    if (atEvent >= target) return e.at;
    prev = e.at;
    constant += e.dConst;
    slope += e.dSlope;
  }
  // Past the last breakpoint: unbounded above, or every unit at its upper bound.
  return slope > 0 ? Math.max(prev, (target - constant) / slope) : prev;
}

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): adjusts weights so that the
 * weighted distribution of each raking variable matches its population margin, as R
 * `survey::rake()` and `calibrate(calfun = "raking")`.
 *
 * Method: the weights are `w_i = w0_i g_i` with `g_i = clip(prod_v a_{v, level_v(i)}, lower,
 * upper)`, one factor `a` per margin level. A sweep visits each variable in turn and sets its
 * factors so its margins hold exactly given the others (a one-dimensional monotone equation per
 * level, solved exactly). Unbounded, this is classical IPF; with bounds its fixed point is the
 * bounded raking calibration of Deville & Särndal (1992), `g = clip(exp(x' lambda))`. Sweeps stop
 * when every level is within `tolerance` (share units) of its target. The Kish design effect
 * `1 + CV^2` measures the precision the weighting costs (Kish 1965).
 *
 * @param rows - Respondents as plain objects, with a column per raking variable.
 * @param options - `margins` (required), starting `weights` (a column), `maxIterations`,
 *   `tolerance`, `bounds`. Unknown keys are refused.
 * @returns The raked weights aligned with the rows, the convergence report, the achieved margins
 *   and the Kish design effect and effective sample size.
 * @throws InputError `INVALID_OPTION` (margins not summing to 1, or to one total, naming the
 *   variable; a non-positive target; bad bounds), `OUT_OF_RANGE` (a level in the data with no
 *   margin, naming the row and column; a negative weight), `MISSING_VALUE` (a missing raking
 *   variable or weight, naming the row and column: every row must be placed), `COLUMN_NOT_FOUND`;
 *   InsufficientDataError `TOO_FEW_CASES` (a margin level no respondent carries). A run that
 *   stops before converging returns `converged: false` with a `NOT_CONVERGED` warning.
 *
 * @example
 * ```ts
 * import { rake } from 'loyalty-drivers';
 * const rows = [{ sex: 'f' }, { sex: 'f' }, { sex: 'f' }, { sex: 'm' }];
 * const r = rake(rows, { margins: { sex: { f: 0.5, m: 0.5 } } });
 * r.weights; // => [0.666..., 0.666..., 0.666..., 2]
 * r.designEffect; // => 1.333...  (4 * (3 * 4/9 + 4) / 4^2)
 * ```
 */
export function rake(rows: unknown, options: RakeOptions): RakeResult {
  checkOptions(options, RAKE_KEYS);
  if (
    options === null ||
    typeof options !== 'object' ||
    options.margins === null ||
    typeof options.margins !== 'object' ||
    Array.isArray(options.margins) ||
    Object.keys(options.margins).length === 0
  ) {
    throw new InputError(
      'INVALID_OPTION',
      'options.margins: expected the population margins, e.g. { region: { North: 0.3, South: 0.7 } }',
      {
        argument: 'options.margins',
        expected: '{ variable: { level: share or total } }',
      },
    );
  }
  const data = requireRows(rows);
  const n = data.length;
  const maxIterations =
    options.maxIterations === undefined
      ? 100
      : checkNumberOption('options.maxIterations', options.maxIterations, { min: 1, max: 1e6, integer: true });
  const tolerance =
    options.tolerance === undefined ? 1e-10 : checkNumberOption('options.tolerance', options.tolerance, { min: 0, exclusiveMin: true });
  let lower = 0;
  let upper = Number.POSITIVE_INFINITY;
  if (options.bounds !== undefined) {
    const b = options.bounds as unknown;
    if (
      !Array.isArray(b) ||
      b.length !== 2 ||
      typeof b[0] !== 'number' ||
      typeof b[1] !== 'number' ||
      !(b[0] >= 0 && b[0] <= 1 && b[1] >= 1) ||
      Number.isNaN(b[1])
    ) {
      throw new InputError(
        'INVALID_OPTION',
        `options.bounds: expected [lower, upper] with 0 <= lower <= 1 <= upper (bounds on weight / starting weight), got ${JSON.stringify(b)}`,
        {
          argument: 'options.bounds',
          expected: '[lower, upper], 0 <= lower <= 1 <= upper',
        },
      );
    }
    lower = b[0];
    upper = b[1];
  }
  // Starting weights.
  const w0 = new Float64Array(n).fill(1);
  if (options.weights !== undefined) {
    requireColumn(data, options.weights, 'options.weights');
    for (let i = 0; i < n; i++) {
      const v = data[i]?.[options.weights];
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
        throw new InputError(
          'MISSING_VALUE',
          `column "${options.weights}", row ${i}: missing starting weight; every row needs one to be raked`,
          { argument: 'options.weights', column: options.weights, row: i, expected: 'a weight >= 0' },
        );
      }
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new InputError(
          typeof v === 'number' ? 'OUT_OF_RANGE' : 'NOT_NUMERIC',
          `column "${options.weights}", row ${i}: expected a finite weight >= 0, got ${String(v)}`,
          {
            argument: 'options.weights',
            column: options.weights,
            row: i,
            expected: 'a finite number >= 0',
          },
        );
      }
      w0[i] = v;
    }
  }
  let w0Sum = 0;
  for (let i = 0; i < n; i++) w0Sum += w0[i]!;
  if (!(w0Sum > 0)) {
    throw new InputError('OUT_OF_RANGE', 'options.weights: every starting weight is zero; expected at least one positive weight', {
      argument: 'options.weights',
      expected: 'a positive weight',
    });
  }
  // Margins: their scale (shares or totals) and every level's target total.
  const variables = Object.keys(options.margins);
  let scale: 'shares' | 'totals' = 'shares';
  let reference = 1;
  const levelNames: string[][] = [];
  const targets: Float64Array[] = [];
  variables.forEach((v, k) => {
    const margin = options.margins[v] as unknown;
    if (margin === null || typeof margin !== 'object' || Array.isArray(margin) || Object.keys(margin).length === 0) {
      throw new InputError('INVALID_OPTION', `options.margins.${v}: expected { level: share or total, ... }`, {
        argument: `options.margins.${v}`,
        expected: 'an object of levels',
      });
    }
    const names = Object.keys(margin);
    const values = names.map((l) => (margin as Record<string, unknown>)[l]);
    let total = 0;
    values.forEach((t, j) => {
      if (typeof t !== 'number' || !Number.isFinite(t) || !(t > 0)) {
        throw new InputError(
          'INVALID_OPTION',
          `options.margins.${v}.${names[j]}: expected a share or total > 0, got ${JSON.stringify(t)} (drop a level with no population, and its respondents)`,
          {
            argument: `options.margins.${v}.${names[j]}`,
            expected: 'a number > 0',
          },
        );
      }
      total += t;
    });
    if (k === 0) {
      scale = Math.abs(total - 1) <= SUM_TOLERANCE ? 'shares' : 'totals';
      reference = total;
    } else if (Math.abs(total - reference) > SUM_TOLERANCE * reference) {
      const what = scale === 'shares' ? 'shares summing to 1' : `totals summing to ${reference}, as options.margins.${variables[0]} does`;
      throw new InputError('INVALID_OPTION', `options.margins.${v}: its levels sum to ${total}; expected ${what}`, {
        argument: `options.margins.${v}`,
        value: total,
        expected: what,
      });
    }
    levelNames.push(names);
    const scaleBy = scale === 'shares' ? w0Sum : 1;
    targets.push(Float64Array.from(values as number[], (t) => t * scaleBy));
  });
  const population = scale === 'shares' ? w0Sum : reference;
  // Each row's level of each variable.
  const levelOf: Int32Array[] = variables.map((v, k) => {
    requireColumn(data, v, `options.margins.${v}`);
    const index = new Map(levelNames[k]!.map((l, j) => [l, j] as const));
    const out = new Int32Array(n);
    const seen = new Uint8Array(index.size);
    for (let i = 0; i < n; i++) {
      const value = data[i]?.[v];
      if (value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) {
        throw new InputError(
          'MISSING_VALUE',
          `column "${v}", row ${i}: missing value in a raking variable; every row must fall in a margin level`,
          { argument: 'rows', column: v, row: i, expected: 'a level of the margin' },
        );
      }
      const j = index.get(String(value));
      if (j === undefined) {
        throw new InputError(
          'OUT_OF_RANGE',
          `column "${v}", row ${i}: level ${JSON.stringify(String(value))} has no margin in options.margins.${v} (levels: ${levelNames[k]!.join(', ')})`,
          {
            argument: 'rows',
            column: v,
            row: i,
            value: String(value),
            expected: `one of ${levelNames[k]!.join(', ')}`,
          },
        );
      }
      out[i] = j;
      if (w0[i]! > 0) seen[j] = 1;
    }
    const absent = levelNames[k]!.filter((_, j) => seen[j] === 0);
    if (absent.length > 0) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `options.margins.${v}.${absent[0]}: no respondent with a positive weight has this level, so its margin cannot be met`,
        {
          argument: `options.margins.${v}`,
          column: v,
          value: absent[0]!,
          expected: 'a level present in the data',
        },
      );
    }
    return out;
  });
  // Rows of each level, for the per-level solve.
  const members = variables.map((_, k) => {
    const lists: number[][] = levelNames[k]!.map(() => []);
    for (let i = 0; i < n; i++) if (w0[i]! > 0) lists[levelOf[k]![i]!]!.push(i);
    return lists.map((l) => Int32Array.from(l));
  });
  const factors = variables.map((_, k) => new Float64Array(levelNames[k]!.length).fill(1));
  const g = new Float64Array(n).fill(1);
  const clip = (x: number): number => (x < lower ? lower : x > upper ? upper : x);
  const product = (i: number, skip: number): number => {
    let p = 1;
    for (let k = 0; k < variables.length; k++) if (k !== skip) p *= factors[k]![levelOf[k]![i]!]!;
    return p;
  };
  const marginError = (): number => {
    let worst = 0;
    for (let k = 0; k < variables.length; k++) {
      const achieved = new Float64Array(levelNames[k]!.length);
      for (let i = 0; i < n; i++) achieved[levelOf[k]![i]!] = achieved[levelOf[k]![i]!]! + w0[i]! * g[i]!;
      for (let j = 0; j < achieved.length; j++) worst = Math.max(worst, Math.abs(achieved[j]! - targets[k]![j]!) / population);
    }
    return worst;
  };
  let iterations = 0;
  let error = marginError();
  let converged = error <= tolerance;
  while (!converged && iterations < maxIterations) {
    for (let k = 0; k < variables.length; k++) {
      for (let j = 0; j < levelNames[k]!.length; j++) {
        const rowsOf = members[k]![j]!;
        const wl = Float64Array.from(rowsOf, (i) => w0[i]!);
        const bl = Float64Array.from(rowsOf, (i) => product(i, k));
        factors[k]![j] = solveFactor(wl, bl, lower, upper, targets[k]![j]!);
      }
      for (let i = 0; i < n; i++) g[i] = clip(product(i, -1));
    }
    iterations++;
    error = marginError();
    converged = error <= tolerance;
  }
  const weights = Array.from(w0, (w, i) => w * g[i]!);
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  const designEffect = (n * s2) / (s * s);
  const margins: Record<string, Record<string, RakeMarginLevel>> = {};
  variables.forEach((v, k) => {
    const achieved = new Float64Array(levelNames[k]!.length);
    for (let i = 0; i < n; i++) achieved[levelOf[k]![i]!] = achieved[levelOf[k]![i]!]! + weights[i]!;
    const out: Record<string, RakeMarginLevel> = {};
    levelNames[k]!.forEach((l, j) => {
      out[l] = { target: targets[k]![j]! / population, achieved: achieved[j]! / s };
    });
    margins[v] = out;
  });
  const warnings: Warning[] = converged
    ? []
    : [
        {
          code: 'NOT_CONVERGED',
          message: `Raking stopped after ${iterations} sweeps with a margin off by ${error.toPrecision(3)} (share units), above the tolerance ${tolerance}${options.bounds ? '; the bounds may be too tight for the margins' : ''}.`,
        },
      ];
  return {
    method: 'raking',
    weights,
    n,
    converged,
    iterations,
    maxMarginError: error,
    weightSum: s,
    designEffect,
    effectiveSampleSize: (s * s) / s2,
    efficiency: 1 / designEffect,
    margins,
    scale,
    warnings,
    options: { weights: options.weights ?? null, maxIterations, tolerance, bounds: options.bounds ? [lower, upper] : null },
  };
}
