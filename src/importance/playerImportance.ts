/**
 * Importance by players (single drivers, driver sets, dummy-coded categorical drivers) for every
 * family: the shared computation behind {@link relativeImportance} and {@link dominanceAnalysis}
 * when a family, sets, always-in covariates or categorical drivers are asked for.
 *
 * @internal
 */
import { InputError } from '../errors.js';
import { createRandom } from '../internal/random.js';
import { checkOption } from '../internal/validate.js';
import {
  PSEUDO_R_SQUARED,
  readPlayerData,
  type CategoricalCoding,
  type ImportanceFamily,
  type PlayerData,
  type PlayerOptions,
  type PseudoRSquared,
} from './familyData.js';
import { allPseudoRSquared, playerFitTable, sampledPlayerGains, type FitIndex, type PlayerFitTable } from './playerFits.js';
import { tableContributions } from './tableContributions.js';
import type { AllSubsetsSums } from './allSubsets.js';
import type { CovarianceMissingPolicy } from '../types.js';

/** Default exact limit on players for the binomial and ordinal families (2^15 subset fits, a few seconds at n = 2,000). */
export const FAMILY_EXACT_LIMIT = 15;
/** Largest exact limit for the binomial and ordinal families. */
export const FAMILY_MAX_LIMIT = 20;

/** The options the player path reads. */
export interface PlayerImportanceOptions extends PlayerOptions {
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly weights?: string;
  /** Listwise only here (`'omit'` or `'fail'`): the subset fits read complete rows. */
  readonly missing?: CovarianceMissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** True when the call needs the player path (anything but plain linear single drivers). */
export function needsPlayers(options: PlayerOptions): boolean {
  return (
    (options.family !== undefined && options.family !== 'gaussian') ||
    options.sets !== undefined ||
    options.always !== undefined ||
    options.categorical !== undefined ||
    options.pseudoRSquared !== undefined
  );
}

/** What the results report about the players and the model. */
export interface PlayerReport {
  readonly family: ImportanceFamily;
  readonly fitIndex: FitIndex;
  /** Columns of each player (a set's members; a categorical driver's one column). */
  readonly sets: Readonly<Record<string, readonly string[]>>;
  /** The always-in covariates and the fit index of the model with them alone (their share, reported apart). */
  readonly always: { readonly columns: readonly string[]; readonly fitIndex: number };
  readonly categorical: Readonly<Record<string, CategoricalCoding>>;
  /** Full-model coefficients by design column (binomial, ordinal: log-odds per unit; gaussian: slope per unit). */
  readonly coefficients: Readonly<Record<string, number>>;
  /**
   * Binomial and ordinal: full-model thresholds, `P(Y <= level j) = F(theta_j - x'b)` with F the
   * logistic cdf (binomial: one, minus the intercept); gaussian: empty.
   */
  readonly thresholds: readonly number[];
  /** Binomial and ordinal: intercept-only, always-only and full-model log-likelihoods. */
  readonly logLikelihood: { readonly null: number; readonly always: number; readonly full: number } | null;
  /** Binomial and ordinal: the four pseudo-R2s of the full model. */
  readonly pseudoRSquared: {
    readonly mcfadden: number;
    readonly coxSnell: number;
    readonly nagelkerke: number;
    readonly estrella: number;
  } | null;
  /** Binomial and ordinal: subset fits and passes over the data (all Newton passes). */
  readonly fits: { readonly models: number; readonly passes: number } | null;
}

/** The shared result of the player path. */
export interface PlayerImportance {
  readonly data: PlayerData;
  readonly report: PlayerReport;
  /** Fit index of the full model (always-in covariates included). */
  readonly total: number;
  /** What the players share: total minus the always-only fit index. */
  readonly decomposed: number;
  readonly table: PlayerFitTable | null;
  readonly sums: AllSubsetsSums | null;
  readonly byLevel: number[][] | null;
  readonly lmg: number[];
  readonly first: number[];
  readonly last: number[];
  /** Full-model coefficients times the driver's SD (gaussian: also over the outcome's SD), by design column. */
  readonly standardizedCoefficients: Readonly<Record<string, number>>;
  /** Sampled lmg: Monte Carlo standard errors and the Hoeffding bound. */
  readonly sampled: { readonly standardErrors: number[]; readonly errorBound: number; readonly permutations: number } | null;
}

/** Validates pseudoRSquared (only for the binomial and ordinal families). */
export function readPseudoRSquared(family: ImportanceFamily, value: unknown): PseudoRSquared | null {
  if (family === 'gaussian') {
    if (value !== undefined) {
      throw new InputError(
        'INVALID_OPTION',
        `options.pseudoRSquared: only for family 'binomial' or 'ordinal'; the gaussian family decomposes R2`,
        {
          argument: 'options.pseudoRSquared',
          expected: "family: 'binomial' or 'ordinal'",
        },
      );
    }
    return null;
  }
  return checkOption('options.pseudoRSquared', value ?? 'mcfadden', PSEUDO_R_SQUARED);
}

/**
 * Computes the fit table (exact) or sampled Shapley gains, and lmg, first, last, contributions by
 * level.
 *
 * @param plan - `exact` (with the table kept for complete dominance) or `sampled` orderings.
 */
export function playerImportance(
  data: unknown,
  options: PlayerImportanceOptions,
  plan: { method: 'exact'; limit: number } | { method: 'sampled'; pairs: number; seed: number; confidenceLevel: number },
  what: string,
): PlayerImportance {
  if (options.missing === 'pairwise' || options.missing === 'fiml') {
    throw new InputError(
      'INVALID_OPTION',
      `options.missing: "${options.missing}" works on the linear family's correlation matrix without sets, always or categorical; these fit every subset on complete rows`,
      { argument: 'options.missing', expected: '"omit" or "fail"' },
    );
  }
  const input = readPlayerData(data, { ...options, missing: options.missing });
  const kind = readPseudoRSquared(input.family, (options as { pseudoRSquared?: unknown }).pseudoRSquared);
  const P = input.players.length;
  if (plan.method === 'exact' && P > plan.limit) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `${what}: ${P} players exceed the exact limit of ${plan.limit} (2^${P} subset fits); pass shapley: { method: 'sampled' } to relativeImportance for a permutation-sampling estimate with an error bound, or raise the limit (each extra player doubles the time)`,
      { argument: 'options.predictors', value: P, expected: `at most ${plan.limit} players` },
    );
  }
  const reportOf = (
    t: PlayerFitTable | null,
    coefficients: readonly number[],
    thresholds: readonly number[],
    ll: PlayerFitTable['logLikelihood'],
    alwaysValue: number,
  ): PlayerReport => ({
    family: input.family,
    fitIndex: kind ?? 'r-squared',
    sets: input.playerColumns,
    always: { columns: input.always, fitIndex: alwaysValue },
    categorical: input.categorical,
    coefficients: Object.fromEntries(input.designNames.map((name, j) => [name, coefficients[j]!])),
    thresholds,
    logLikelihood: ll,
    pseudoRSquared: ll ? allPseudoRSquared(ll.full, ll.null, input.weightSum) : null,
    fits: t?.counters ? { models: t.counters.fits, passes: t.counters.passes + t.counters.borders } : null,
  });
  if (plan.method === 'exact') {
    const t = playerFitTable(input, kind ?? 'mcfadden');
    const { byLevel, lmg, sums } = tableContributions(t.table, P);
    const full = 2 ** P - 1;
    const base = t.table[0]!;
    const first = input.players.map((_, j) => t.table[1 << (P - 1 - j)]! - base);
    const last = input.players.map((_, j) => t.table[full]! - t.table[full & ~(1 << (P - 1 - j))]!);
    const report = reportOf(t, t.coefficients, t.thresholds, t.logLikelihood, base);
    return {
      data: input,
      report,
      standardizedCoefficients: standardized(input, report.coefficients),
      total: t.table[full]!,
      decomposed: t.table[full]! - base,
      table: t,
      sums,
      byLevel,
      lmg,
      first,
      last,
      sampled: null,
    };
  }
  // Sampled: random orderings with their reverses; first and last from 2P extra fits.
  if (input.family === 'gaussian') {
    throw new InputError(
      'INVALID_OPTION',
      `${what}: sampled lmg with sets, always-in or categorical drivers is for the binomial and ordinal families; the gaussian family is exact up to 20 players`,
      {
        argument: 'options.shapley.method',
        expected: "'exact'",
      },
    );
  }
  const random = createRandom(plan.seed);
  const order = Int32Array.from({ length: P }, (_, j) => j);
  const orders: Int32Array[] = [];
  for (let s = 0; s < plan.pairs; s++) {
    for (let i = P - 1; i > 0; i--) {
      const j = random.integer(i + 1);
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    orders.push(Int32Array.from(order));
    orders.push(Int32Array.from(order).reverse());
  }
  const { gains, full } = sampledPlayerGains(input, kind!, orders);
  const mean = new Float64Array(P);
  const m2 = new Float64Array(P);
  for (let s = 0; s < plan.pairs; s++) {
    for (let j = 0; j < P; j++) {
      const x = (gains[2 * s]![j]! + gains[2 * s + 1]![j]!) / 2;
      const delta = x - mean[j]!;
      mean[j] = mean[j]! + delta / (s + 1);
      m2[j] = m2[j]! + delta * (x - mean[j]!);
    }
  }
  // first and last: each player after the always-in model alone, and the full model without it.
  const firstLast = sampledPlayerGains(
    input,
    kind!,
    input.players.flatMap((_, j) => [Int32Array.from([j, ...input.players.map((__, l) => l).filter((l) => l !== j)])]),
  );
  const first = firstLast.gains.map((g, j) => g[j]!);
  const lastOrders = sampledPlayerGains(
    input,
    kind!,
    input.players.map((_, j) => Int32Array.from([...input.players.map((__, l) => l).filter((l) => l !== j), j])),
  );
  const last = lastOrders.gains.map((g, j) => g[j]!);
  const delta = 1 - plan.confidenceLevel;
  const errorBound = full * Math.sqrt(Math.log((2 * P) / delta) / (2 * plan.pairs));
  // The totals: one ordering's increments sum to the decomposed fit index.
  const fullFit = sampledFull(input, kind!);
  const report = reportOf(null, fullFit.coefficients, fullFit.thresholds, fullFit.logLikelihood, fullFit.always);
  return {
    data: input,
    report,
    standardizedCoefficients: standardized(input, report.coefficients),
    total: fullFit.total,
    decomposed: full,
    table: null,
    sums: null,
    byLevel: null,
    lmg: Array.from(mean),
    first,
    last,
    sampled: {
      standardErrors: Array.from(m2, (v) => Math.sqrt(v / (plan.pairs - 1) / plan.pairs)),
      errorBound,
      permutations: 2 * plan.pairs,
    },
  };
}

/** The full and always-only fits for the sampled path (a two-player table: always, then all players as one). */
/** Weighted SD (divisor: weight sum) of a column. */
function sd(col: Float64Array, w: Float64Array | undefined): number {
  let t = 0;
  let s = 0;
  for (let i = 0; i < col.length; i++) {
    const wi = w ? w[i]! : 1;
    t += wi;
    s += wi * col[i]!;
  }
  const mean = s / t;
  let ss = 0;
  for (let i = 0; i < col.length; i++) ss += (w ? w[i]! : 1) * (col[i]! - mean) ** 2;
  return Math.sqrt(ss / t);
}

function standardized(input: PlayerData, coefficients: Readonly<Record<string, number>>): Record<string, number> {
  const ySd = input.family === 'gaussian' ? sd(input.y, input.weights) : 1;
  return Object.fromEntries(input.designNames.map((name, j) => [name, (coefficients[name]! * sd(input.columns[j]!, input.weights)) / ySd]));
}

function sampledFull(
  input: PlayerData,
  kind: PseudoRSquared,
): {
  total: number;
  always: number;
  coefficients: readonly number[];
  thresholds: readonly number[];
  logLikelihood: PlayerFitTable['logLikelihood'];
} {
  const merged: PlayerData = { ...input, players: ['all'], playerDesign: [input.playerDesign.flat()] };
  const t = playerFitTable(merged, kind);
  // The merged fit lists the columns in player order, as the full table would.
  return {
    total: t.table[1]!,
    always: t.table[0]!,
    coefficients: t.coefficients,
    thresholds: t.thresholds,
    logLikelihood: t.logLikelihood,
  };
}
