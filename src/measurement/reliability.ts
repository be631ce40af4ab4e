import { InputError } from '../errors.js';
import { checkNumberOption, checkOption, type ReadOptions } from '../internal/validate.js';
import type { MatrixInput, StatisticsSource } from '../summary/matrixInput.js';
import type { CovarianceMissingPolicy, MissingReport, Row } from '../types.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import type { Warning } from '../types.js';
import { alphaResult, intervalSettings, type AlphaAnalysis, type AlphaIntervalOptions } from './alphaResult.js';
import { normalizeScales } from './normalizeScales.js';
import { oneFactorModel, type OneFactorModelResult } from './oneFactorModel.js';
import { readItems, type ItemData } from './readItems.js';
import type { ScaleDefinitions } from './types.js';

/** Which cases each scale is computed on. */
export type ListwiseScope = 'all-scales' | 'per-scale';

/** Options of {@link reliability}. */
export interface ReliabilityOptions extends Omit<ReadOptions, 'missing'>, AlphaIntervalOptions {
  /** `'omit'` (listwise, default), `'fail'`, `'pairwise'` or `'fiml'` (see docs/guides/missing-data.md). */
  readonly missing?: CovarianceMissingPolicy;
  /**
   * `'all-scales'` (default): every scale on the same respondents, those who answered every item
   * of every scale (so scales compare on one sample, as the reference values are computed);
   * `'per-scale'`: each scale on the respondents who answered all of its own items.
   */
  readonly listwise?: ListwiseScope;
  /** Fit the one-factor ML model (default true). */
  readonly factorModel?: boolean;
  /** Iteration limit of the ML fit (default 500). */
  readonly maxIterations?: number;
  /** Convergence tolerance on the largest gradient element of the ML discrepancy (default 1e-12). */
  readonly tolerance?: number;
}

const RELIABILITY_KEYS = optionKeys<ReliabilityOptions>({
  listwise: true,
  factorModel: true,
  maxIterations: true,
  tolerance: true,
  confidenceLevel: true,
  intervalMethod: true,
  bootstrap: true,
  missing: true,
  missingCodes: true,
});

/**
 * Reliability of one scale: the alpha analysis (alpha as `estimate`, with `standardError`,
 * `confidenceInterval`, `confidenceLevel`, `intervalMethod`, `bootstrap`) plus the one-factor model.
 */
export interface ScaleReliability extends AlphaAnalysis {
  /** The one-factor ML model; null for a two-item scale (not identified) or with `factorModel: false`. */
  readonly factorModel: OneFactorModelResult | null;
  /** McDonald's omega total from the factor model (null without one). */
  readonly omegaTotal: number | null;
  /** Average variance extracted from the factor model (null without one). */
  readonly averageVarianceExtracted: number | null;
  /** Rows in, rows used and missing counts for this scale's sample. */
  readonly missing: MissingReport;
}

/** Result of {@link reliability}. */
export interface ReliabilityResult {
  readonly method: 'reliability';
  /** Scale names in input order. */
  readonly scaleNames: readonly string[];
  /** Per scale: alpha, item analysis, factor model, omega, AVE. */
  readonly scales: Readonly<Record<string, ScaleReliability>>;
  /** Cases used: the common n with `listwise: 'all-scales'`, else null (see each scale's n). */
  readonly n: number | null;
  readonly listwise: ListwiseScope;
  readonly source: StatisticsSource;
  /** Missing-value report of the common sample (`'all-scales'`); null per scale (see each scale's `missing`). */
  readonly missing: MissingReport | null;
  /** All scales' warnings (each message names its scale). */
  readonly warnings: readonly Warning[];
}

function scaleResult(
  data: ItemData,
  s: number,
  settings: ReturnType<typeof intervalSettings>,
  fit: boolean,
  iteration: { maxIterations: number; tolerance: number },
): ScaleReliability {
  const alpha = alphaResult(data, s, settings);
  const k = data.scales[s]!.items.length;
  const model = fit && k >= 3 ? oneFactorModel(data, s, iteration) : null;
  const warnings: Warning[] = [...alpha.warnings];
  const name = data.scales[s]!.name;
  if (fit && k < 3)
    warnings.push({
      code: 'FACTOR_MODEL_NOT_IDENTIFIED',
      message: `scale "${name}" has 2 items: a one-factor model is not identified, so there is no omega or AVE.`,
    });
  if (model !== null) {
    if (!model.convergence.converged) {
      warnings.push({
        code: 'NOT_CONVERGED',
        message: `scale "${name}": the ML factor model did not converge in ${model.convergence.iterations} iterations (largest gradient ${model.convergence.maxAbsoluteGradient.toExponential(2)}).`,
      });
    }
    if (model.heywoodItems.length > 0) {
      warnings.push({
        code: 'HEYWOOD_CASE',
        message: `scale "${name}": Heywood case, negative residual variance for ${model.heywoodItems.join(', ')} (standardized loading above 1); the solution is improper, so read omega and AVE with care.`,
      });
    }
    const negative = model.items.filter((item) => model.standardizedLoadings[item]! < 0);
    if (negative.length > 0) {
      warnings.push({
        code: 'NEGATIVE_LOADING',
        message: `scale "${name}": negative loadings for ${negative.join(', ')}: reverse-worded items not declared in reverse? Omega assumes same-direction items.`,
      });
    }
  }
  return {
    ...alpha,
    warnings,
    factorModel: model,
    omegaTotal: model === null ? null : model.omegaTotal,
    averageVarianceExtracted: model === null ? null : model.averageVarianceExtracted,
    missing: data.missing,
  };
}

/**
 * Reliability of every driver scale: Cronbach's alpha with its item analysis, and a one-factor
 * maximum-likelihood measurement model giving standardized loadings, McDonald's omega total and
 * the average variance extracted (AVE), with global fit and convergence.
 *
 * Method: alpha as {@link cronbachAlpha}. Factor model: `Sigma = l l' + Psi` with the factor
 * variance fixed at 1 (lavaan `cfa(model, std.lv = TRUE)`), maximum likelihood on the sample
 * covariance with divisor n (lavaan's default `likelihood = "normal"`; chi-square = n F_ML).
 * Three-item scales are just-identified and solved in closed form; longer scales by Fisher
 * scoring with step halving from principal-axis starting values, converged when every gradient
 * element of F is below `tolerance`. Residual variances are not bounded: a negative one is
 * reported (`heywoodItems`, warning `HEYWOOD_CASE`), as lavaan does. Other warnings:
 * `NOT_CONVERGED`, `FACTOR_MODEL_NOT_IDENTIFIED` (two items), `NEGATIVE_LOADING`, and those of
 * {@link cronbachAlpha}. Omega total
 * `(sum l)^2 / ((sum l)^2 + sum(1 - l^2))` (McDonald 1999), AVE `mean(l^2)` (Fornell & Larcker 1981).
 * References: R psych::alpha (1e-9) and lavaan 0.6-14 (standardized loadings to 1e-9 against a
 * fully converged lavaan fit, 1e-6 against lavaan's default stopping point).
 *
 * @param data - Rows, or a summary (`{ covariance | correlation, variables, n }` or
 *   {@link SufficientStatistics}) holding every item.
 * @param scales - {@link ScaleDefinitions}: at least two items per scale.
 * @param options - `listwise` ('all-scales' | 'per-scale'), `factorModel` (true),
 *   `maxIterations` (500), `tolerance` (1e-12), `confidenceLevel`, `intervalMethod` ('feldt' |
 *   'duhachek'), `bootstrap` (false | `{ replicates, seed, confidenceLevel? }`), `missing`,
 *   `missingCodes`. Unknown keys are refused (`INVALID_OPTION`).
 * @returns A {@link ReliabilityResult} with one {@link ScaleReliability} per scale.
 * @throws InputError `INVALID_OPTION` (a one-item scale, a reverse item without min/max, bad
 *   options), `COLUMN_NOT_FOUND` (an item not in the data, naming scale and item), `OUT_OF_RANGE`,
 *   `NOT_NUMERIC`, `MISSING_VALUE`; InsufficientDataError `TOO_FEW_CASES` (nobody answered every
 *   item of a scale, naming it), `ZERO_VARIANCE` (naming scale and item); NumericalError
 *   `NOT_POSITIVE_DEFINITE` (an item duplicates another).
 *
 * @example
 * ```ts
 * import { reliability } from 'loyalty-drivers';
 * const rows = [
 *   { a1: 1, a2: 2, a3: 2 }, { a1: 1, a2: 1, a3: 1 }, { a1: 1, a2: 1, a3: 3 },
 *   { a1: 3, a2: 3, a3: 2 }, { a1: 2, a2: 4, a3: 4 }, { a1: 5, a2: 3, a3: 5 },
 * ];
 * const r = reliability(rows, { attitude: ['a1', 'a2', 'a3'] });
 * r.scales.attitude.estimate; // => 0.8293269230769231 (psych::alpha)
 * r.scales.attitude.factorModel.standardizedLoadings.a1; // => 0.8222751143... (lavaan: 0.8222751060, stopped at its tolerance)
 * r.scales.attitude.omegaTotal; // => 0.835601996436205
 * r.scales.attitude.averageVarianceExtracted; // => 0.6300922816679119
 * r.scales.attitude.factorModel.convergence.method; // => 'closed-form'
 * ```
 */
export function reliability(
  data: readonly Row[] | MatrixInput,
  scales: ScaleDefinitions,
  options: ReliabilityOptions = {},
): ReliabilityResult {
  checkOptions(options, RELIABILITY_KEYS);
  const list = normalizeScales(scales, 'scales', 2);
  const settings = intervalSettings(options);
  const listwise = checkOption('options.listwise', options.listwise ?? 'all-scales', ['all-scales', 'per-scale'] as const);
  const fit = options.factorModel ?? true;
  if (typeof fit !== 'boolean') {
    throw new InputError('INVALID_OPTION', `options.factorModel: expected true or false, got ${JSON.stringify(fit)}`, {
      argument: 'options.factorModel',
      expected: 'a boolean',
    });
  }
  const iteration = {
    maxIterations:
      options.maxIterations === undefined
        ? 500
        : checkNumberOption('options.maxIterations', options.maxIterations, { min: 1, max: 100000, integer: true }),
    tolerance:
      options.tolerance === undefined
        ? 1e-12
        : checkNumberOption('options.tolerance', options.tolerance, { min: 0, max: 1e-3, exclusiveMin: true }),
  };
  const read = { argument: 'rows', missing: options.missing, missingCodes: options.missingCodes, minimum: 2 };
  const out: Record<string, ScaleReliability> = {};
  const common = listwise === 'all-scales' ? readItems(data, list, read) : null;
  const samples = list.map((s) => common ?? readItems(data, [s], read));
  list.forEach((s, i) => {
    out[s.name] = scaleResult(samples[i]!, common === null ? 0 : i, settings, fit, iteration);
  });
  return {
    method: 'reliability',
    scaleNames: list.map((s) => s.name),
    scales: out,
    n: common === null ? null : common.n,
    listwise,
    source: samples[0]!.source,
    missing: common === null ? null : common.missing,
    warnings: list.flatMap((s) => out[s.name]!.warnings),
  };
}
