import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError, InsufficientDataError } from '../errors.js';
import { nps, type NpsResult } from '../indices/nps.js';
import { normalQuantile, normalTwoSidedP } from '../internal/distributions.js';
import { checkConfidenceLevel, checkNumberOption } from '../internal/validate.js';
import type { Interval, MissingPolicy, ScaleRange, Warning } from '../types.js';
import type { DesignSummary, SurveyDesign } from '../survey/design.js';
import { isSampleInput, type SampleInput } from './readSample.js';

/**
 * An NPS already computed elsewhere: the score (`estimate`, as an {@link NpsResult} has it; `nps`
 * is read too, for published figures) and SE in NPS points, and n. An {@link NpsResult} qualifies.
 */
export type NpsSummaryInput = ({ readonly estimate: number } | { readonly nps: number }) & {
  readonly standardError: number;
  readonly n: number;
};

/** Options of {@link compareNps}. */
export interface CompareNpsOptions {
  readonly promoterMin?: number;
  readonly detractorMax?: number;
  readonly scale?: ScaleRange;
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** One sample in {@link CompareNpsResult}. */
export interface NpsSummary {
  /** NPS in points. */
  readonly estimate: number;
  readonly standardError: number;
  readonly n: number;
}

/** Result of {@link compareNps}. NPS, difference, SE and interval in NPS points. */
export interface CompareNpsResult {
  readonly method: 'nps-difference';
  readonly a: NpsSummary;
  readonly b: NpsSummary;
  /** The difference `b - a` in NPS points (later wave minus earlier). */
  readonly estimate: number;
  /** `sqrt(SE_a^2 + SE_b^2)` in points. */
  readonly standardError: number;
  /** z = estimate / standardError. */
  readonly statistic: number;
  readonly pValue: number;
  /** Wald interval of the difference, in points. */
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: 'wald';
  readonly weighted: boolean;
  /**
   * With a design per sample (`{ values, design }`, as {@link nps} takes it): each sample's design
   * summary from {@link nps}; `null` otherwise.
   */
  readonly design?: { readonly a: DesignSummary; readonly b: DesignSummary } | null;
  /** Empty so far. */
  readonly warnings: readonly Warning[];
}

function readSide(x: unknown, name: string, options: CompareNpsOptions): NpsSummary & { weighted: boolean; design?: DesignSummary } {
  if (x !== null && typeof x === 'object' && !isSampleInput(x) && ('estimate' in x || 'nps' in x)) {
    const s = x as { estimate?: unknown; nps?: unknown; standardError: unknown; n: unknown; weighted?: unknown };
    const field = 'estimate' in x ? 'estimate' : 'nps';
    return {
      estimate: checkNumberOption(`${name}.${field}`, s[field], { min: -100, max: 100 }),
      standardError: checkNumberOption(`${name}.standardError`, s.standardError, { min: 0 }),
      n: checkNumberOption(`${name}.n`, s.n, { min: 1, integer: true }),
      weighted: s.weighted === true,
    };
  }
  if (!isSampleInput(x)) {
    throw new InputError('INVALID_OPTION', `${name}: expected an array of 0-10 scores, { values, weights } or { nps, standardError, n }`, {
      argument: name,
      expected: 'array | { values, weights } | { nps, standardError, n }',
    });
  }
  const values = Array.isArray(x) || ArrayBuffer.isView(x) ? (x as readonly unknown[]) : (x as { values: readonly unknown[] }).values;
  const weights = Array.isArray(x) || ArrayBuffer.isView(x) ? undefined : (x as { weights?: readonly unknown[] }).weights;
  const design = Array.isArray(x) || ArrayBuffer.isView(x) ? undefined : (x as { design?: SurveyDesign }).design;
  if (!Array.isArray(values)) {
    throw new InputError('EMPTY_INPUT', `${name}.values: expected an array`, { argument: `${name}.values`, expected: 'an array' });
  }
  const r: NpsResult = nps(values, {
    promoterMin: options.promoterMin,
    detractorMax: options.detractorMax,
    scale: options.scale,
    missing: options.missing,
    missingCodes: options.missingCodes,
    ...(weights !== undefined ? { weights, intervalMethod: 'wald' as const } : {}),
    ...(design !== undefined ? { design } : {}),
  });
  return { estimate: r.estimate, standardError: r.standardError, n: r.n, weighted: r.weighted, design: r.design ?? undefined };
}

/**
 * Difference between the Net Promoter Scores of two independent samples (waves, regions,
 * before/after a campaign), with z test and interval. `difference = b - a`, in NPS points.
 *
 * Method: each NPS with its variance, the multinomial `Var = (pP + pD - (pP - pD)^2) / n` in
 * proportion units (Rocks 2016, The American Statistician 70(4)), or Taylor-linearized with
 * weights (`survey::svymean` of the +1/0/-1 score, `ids = ~1`), both from {@link nps};
 * `z = d / sqrt(V_a + V_b)` with everything in NPS points (SE in points = 100 sqrt(Var)), p from
 * the normal, Wald interval `d -/+ z_{1-alpha/2} SE`. Summaries `{ nps, standardError, n }` (e.g.
 * two {@link nps} results, or published figures) are accepted in place of raw scores.
 *
 * @param a - First sample: 0-10 scores, `{ values, weights }`, or `{ nps, standardError, n }`.
 * @param b - Second sample, same forms.
 * @param options - NPS cut points and scale (raw scores), `confidenceLevel`, `missing`, `missingCodes`.
 * @returns Both NPS with SEs, the difference, its SE, z, p and interval, in points.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `OUT_OF_RANGE` (a score off the scale),
 *   `INVALID_OPTION`, `LENGTH_MISMATCH`; InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE`
 *   (both SEs 0: every respondent of both samples in one category).
 *
 * @example
 * ```ts
 * import { compareNps } from 'loyalty-drivers';
 * // Wave 1: 215 promoters, 392 detractors of 1,025; wave 2: 220 and 367 of 975.
 * const wave1 = { estimate: -17.2682926829268, standardError: 2.34234764188472, n: 1025 };
 * const wave2 = { estimate: -15.0769230769231, standardError: 2.43756903093212, n: 975 };
 * const r = compareNps(wave1, wave2);
 * r.estimate; // => 2.191369...
 * r.statistic; // => 0.648222...
 * r.pValue; // => 0.516841...
 * ```
 */
export function compareNps(
  a: SampleInput | NpsSummaryInput,
  b: SampleInput | NpsSummaryInput,
  options: CompareNpsOptions = {},
): CompareNpsResult {
  checkOptions(options, COMPARE_NPS_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const sa = readSide(a, 'a', options);
  const sb = readSide(b, 'b', options);
  if ((sa.design === undefined) !== (sb.design === undefined)) {
    throw new InputError(
      'INVALID_OPTION',
      `${sa.design ? 'a' : 'b'} has a design and ${sa.design ? 'b' : 'a'} has none; give both samples a design`,
      {
        argument: sa.design ? 'b' : 'a',
        expected: 'a design on both samples or neither',
      },
    );
  }
  const d = sb.estimate - sa.estimate;
  const se = Math.sqrt(sa.standardError ** 2 + sb.standardError ** 2);
  if (!(se > 0)) {
    throw new InsufficientDataError(
      'ZERO_VARIANCE',
      `a, b: both NPS have standard error 0 (every respondent in one category); the test is undefined`,
      {
        argument: 'b',
        expected: 'samples with a positive standard error',
      },
    );
  }
  const z = normalQuantile(0.5 + confidenceLevel / 2);
  return {
    method: 'nps-difference',
    a: { estimate: sa.estimate, standardError: sa.standardError, n: sa.n },
    b: { estimate: sb.estimate, standardError: sb.standardError, n: sb.n },
    estimate: d,
    standardError: se,
    statistic: d / se,
    pValue: normalTwoSidedP(d / se),
    confidenceInterval: [d - z * se, d + z * se],
    confidenceLevel,
    intervalMethod: 'wald',
    weighted: sa.weighted || sb.weighted,
    design: sa.design && sb.design ? { a: sa.design, b: sb.design } : null,
    warnings: [],
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const COMPARE_NPS_KEYS = optionKeys<CompareNpsOptions>({
  promoterMin: true,
  detractorMax: true,
  scale: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});
