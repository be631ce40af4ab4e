import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError, InsufficientDataError } from '../errors.js';
import { checkOption, requireRows } from '../internal/validate.js';
import type { MissingPolicy, MissingReport, Row } from '../types.js';
import { resolveMeasure, type MeasureDefinition, type MeasureSpec } from './resolveMeasure.js';

/** Dick & Basu (1994) segments: attitude x behaviour. */
export type LoyaltySegment = 'true' | 'latent' | 'spurious' | 'none';

/**
 * The four segments in the order every result uses: true, latent, spurious, none.
 *
 * @example
 * ```ts
 * import { LOYALTY_SEGMENTS } from 'loyalty-drivers';
 * LOYALTY_SEGMENTS; // => ['true', 'latent', 'spurious', 'none']
 * ```
 */
export const LOYALTY_SEGMENTS: readonly LoyaltySegment[] = ['true', 'latent', 'spurious', 'none'];

/** Which side of a cut counts as "high": strictly above it (default) or at least it. */
export type HighRule = 'above' | 'atLeast';

/** Options of {@link segmentLoyalty}. */
export interface SegmentLoyaltyOptions {
  /** Relative attitude per respondent, e.g. `{ mean: ['recommend', 'repurchase_intent', 'upsell_intent'] }`. */
  readonly attitude: MeasureSpec;
  /** Repeat patronage per respondent, e.g. `{ ratio: ['spend_12m', 'category_spend_12m'] }`. */
  readonly behaviour: MeasureSpec;
  /** A threshold, or `'median'` (default) of the segmented rows. */
  readonly attitudeCut?: number | 'median';
  readonly behaviourCut?: number | 'median';
  /** `'above'` (default): high means strictly above the cut; `'atLeast'`: at or above it. */
  readonly attitudeHigh?: HighRule;
  readonly behaviourHigh?: HighRule;
  /** `'omit'` (default): rows without attitude or behaviour get no segment (reported); `'fail'` throws. */
  readonly missing?: MissingPolicy;
}

/** The cut applied to one dimension. */
export interface SegmentCut {
  readonly value: number;
  /** `'median'` when derived from the data, `'threshold'` when given. */
  readonly rule: 'median' | 'threshold';
  readonly high: HighRule;
  /** Range of the measure over the segmented rows. */
  readonly minimum: number;
  readonly maximum: number;
  /** Segmented rows counted high. */
  readonly highCount: number;
}

/** Result of {@link segmentLoyalty}. */
export interface SegmentLoyaltyResult {
  readonly method: 'dick-basu';
  /** Rows with a segment. */
  readonly n: number;
  readonly segments: readonly LoyaltySegment[];
  /** One entry per input row: its segment, or `null` (see `unassigned`). */
  readonly assignments: readonly (LoyaltySegment | null)[];
  /** The attitude and behaviour values per input row (`null` where undefined). */
  readonly scores: { readonly attitude: readonly (number | null)[]; readonly behaviour: readonly (number | null)[] };
  /** Rows without a segment and why, e.g. `{ row: 17, reason: 'behaviour: category_spend_12m is 0' }`. */
  readonly unassigned: readonly { readonly row: number; readonly reason: string }[];
  readonly counts: Readonly<Record<LoyaltySegment, number>>;
  /** Shares of the segmented rows (sum to 1). */
  readonly shares: Readonly<Record<LoyaltySegment, number>>;
  /** Segments no row fell into (legitimate with thresholds; profiles report them with size 0). */
  readonly emptySegments: readonly LoyaltySegment[];
  readonly cuts: { readonly attitude: SegmentCut; readonly behaviour: SegmentCut };
  readonly measures: {
    readonly attitude: { readonly name: string; readonly definition: MeasureDefinition };
    readonly behaviour: { readonly name: string; readonly definition: MeasureDefinition };
  };
  readonly missing: MissingReport;
  /**
   * `false` when the per-row arrays (`assignments`, `scores`, `unassigned`) were left out (empty):
   * `analyzeSource` without its `perRow` option, as they grow with the file. Absent otherwise.
   */
  readonly perRow?: false;
}

/** Median of a copy (mean of the two middle values for even n, as R `median`). */
function median(xs: readonly number[]): number {
  const s = Float64Array.from(xs).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/**
 * The values of one dimension as a cut needs them: the segmented rows' count, range, median and
 * how many lie high of a value (from the rows here; from a value table in the streaming path).
 * @internal
 */
export interface CutSample {
  readonly n: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly median: () => number;
  readonly countHigh: (value: number, high: HighRule) => number;
}

/** A {@link CutSample} of values held in memory. */
function arraySample(xs: readonly number[]): CutSample {
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const x of xs) {
    if (x < minimum) minimum = x;
    if (x > maximum) maximum = x;
  }
  return {
    n: xs.length,
    minimum,
    maximum,
    median: () => median(xs),
    countHigh: (value, high) => {
      let k = 0;
      for (const x of xs) if (high === 'above' ? x > value : x >= value) k++;
      return k;
    },
  };
}

/** The cut of one dimension (a median or a threshold), checked to split the segmented rows. @internal */
export function decideCut(dimension: 'attitude' | 'behaviour', name: string, xs: CutSample, cut: unknown, high: HighRule): SegmentCut {
  const option = `options.${dimension}Cut`;
  const { minimum, maximum } = xs;
  let value: number;
  let rule: SegmentCut['rule'];
  if (cut === undefined || cut === 'median') {
    if (minimum === maximum) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `${dimension} (${name}) is constant (${minimum}) over the ${xs.n} segmented rows; a median split is impossible`,
        {
          argument: `options.${dimension}`,
          value: minimum,
          expected: 'a measure that varies',
        },
      );
    }
    value = xs.median();
    rule = 'median';
  } else if (typeof cut === 'number' && Number.isFinite(cut)) {
    value = cut;
    rule = 'threshold';
  } else {
    throw new InputError('INVALID_OPTION', `${option}: expected a finite number or "median", got ${JSON.stringify(cut)}`, {
      argument: option,
      expected: 'a finite number or "median"',
    });
  }
  const highCount = xs.countHigh(value, high);
  if (highCount === 0 || highCount === xs.n) {
    const side = highCount === 0 ? 'low' : 'high';
    const message = `${option}: ${value} puts every segmented row ${side} on ${dimension} (${name} ranges from ${minimum} to ${maximum}, high = ${high === 'above' ? 'above' : 'at least'} the cut)`;
    if (rule === 'threshold') {
      throw new InputError('OUT_OF_RANGE', `${message}; expected a cut that splits the data`, {
        argument: option,
        value,
        expected: `a cut between ${minimum} and ${maximum} that leaves rows on both sides`,
      });
    }
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${message}: more than half the rows share the ${side === 'low' ? 'maximum' : 'minimum'}; pass a threshold or ${option.replace('Cut', 'High')}`,
      {
        argument: option,
        value,
        expected: 'rows on both sides of the median',
      },
    );
  }
  return { value, rule, high, minimum, maximum, highCount };
}

/**
 * Dick & Basu (1994) loyalty segments: relative attitude crossed with repeat patronage.
 *
 * | attitude \ behaviour | high | low |
 * |---|---|---|
 * | high | `true` loyalty | `latent` loyalty |
 * | low | `spurious` loyalty | `none` |
 *
 * Method: each respondent's attitude and behaviour ({@link MeasureSpec}: a column, the mean of
 * columns such as the per-respondent Customer Loyalty Index, a ratio such as share of wallet
 * `spend / category spend`, or precomputed values) is compared with a cut. The default cut is the
 * median over the segmented rows (rows with both measures; R `median`, the mean of the two middle
 * values for even n) and "high" means strictly above it, so ties at the median count as low and
 * the high group may hold fewer than half the rows. Thresholds may be given instead (with
 * `attitudeHigh: 'atLeast'`, e.g. promoters as `recommend >= 9`). Rows without a value on either
 * measure (missing cells, a zero denominator) get no segment and are listed with the reason.
 * Reference: Dick, A. S. & Basu, K. (1994), "Customer loyalty: toward an integrated conceptual
 * framework", Journal of the Academy of Marketing Science 22(2), 99-113.
 *
 * @param rows - Plain objects keyed by column name.
 * @param options - `attitude`, `behaviour` (measures), `attitudeCut`/`behaviourCut` (number or
 *   `'median'`), `attitudeHigh`/`behaviourHigh` (`'above'` or `'atLeast'`), `missing`.
 * @returns Per-row assignments and scores, counts, shares, empty segments, cuts used with the data
 *   range, the measures' definitions and the missing-value report.
 * @throws InputError `EMPTY_INPUT`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `OUT_OF_RANGE` (a value
 *   outside a declared scale, or a threshold that puts every row on one side, i.e. outside the
 *   data's range), `INVALID_OPTION`, `LENGTH_MISMATCH`, `MISSING_VALUE` (with `missing: 'fail'`);
 *   InsufficientDataError `TOO_FEW_CASES` (no row with both measures, or a median that puts every
 *   row on one side), `ZERO_VARIANCE` (a constant measure with a median cut).
 *
 * @example
 * ```ts
 * import { segmentLoyalty } from 'loyalty-drivers';
 * const rows = [
 *   { recommend: 9, spend: 80, category: 100 }, { recommend: 10, spend: 10, category: 100 },
 *   { recommend: 3, spend: 90, category: 100 }, { recommend: 2, spend: 5, category: 100 },
 *   { recommend: 6, spend: 40, category: 0 },
 * ];
 * const s = segmentLoyalty(rows, { attitude: 'recommend', behaviour: { ratio: ['spend', 'category'] } });
 * s.assignments.slice(0, 4); // => ['true', 'latent', 'spurious', 'none']
 * s.assignments[4] === null; // => true (row 4 has no share of wallet)
 * s.unassigned[0]; // => { row: 4, reason: 'behaviour: category is 0' }
 * s.cuts.attitude; // => { value: 6, rule: 'median', high: 'above', highCount: 2, ... } (median of 9, 10, 3, 2)
 * s.cuts.behaviour; // => { value: 0.45, rule: 'median', ... } (median of 0.8, 0.1, 0.9, 0.05)
 * ```
 */
export function segmentLoyalty(rows: readonly Row[], options: SegmentLoyaltyOptions): SegmentLoyaltyResult {
  const data = requireRows(rows);
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { attitude, behaviour, ... }', {
      argument: 'options',
      expected: '{ attitude, behaviour }',
    });
  }
  checkOptions(options, SEGMENT_LOYALTY_KEYS);
  for (const key of ['attitude', 'behaviour'] as const) {
    if (options[key] === undefined) {
      throw new InputError(
        'INVALID_OPTION',
        `options.${key}: required (a column name or a measure such as { mean: [...] } or { ratio: [a, b] })`,
        {
          argument: `options.${key}`,
          expected: 'a measure',
        },
      );
    }
  }
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail'] as const);
  const attitudeHigh = checkOption('options.attitudeHigh', options.attitudeHigh ?? 'above', ['above', 'atLeast'] as const);
  const behaviourHigh = checkOption('options.behaviourHigh', options.behaviourHigh ?? 'above', ['above', 'atLeast'] as const);
  const attitude = resolveMeasure(data, options.attitude, { argument: 'options.attitude', missing: policy });
  const behaviour = resolveMeasure(data, options.behaviour, { argument: 'options.behaviour', missing: policy });

  const kept: number[] = [];
  const unassigned: { row: number; reason: string }[] = [];
  for (let i = 0; i < data.length; i++) {
    const a = attitude.values[i];
    const b = behaviour.values[i];
    if (a !== null && b !== null) {
      kept.push(i);
      continue;
    }
    const why: string[] = [];
    if (a === null) why.push(`attitude: ${attitude.reasons[i]}`);
    if (b === null) why.push(`behaviour: ${behaviour.reasons[i]}`);
    unassigned.push({ row: i, reason: why.join('; ') });
  }
  if (kept.length === 0) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `rows: none of ${data.length} rows has both attitude (${attitude.name}) and behaviour (${behaviour.name})`,
      {
        argument: 'rows',
        expected: 'rows with both measures',
      },
    );
  }
  const av = kept.map((i) => attitude.values[i]!);
  const bv = kept.map((i) => behaviour.values[i]!);
  const attitudeCut = decideCut('attitude', attitude.name, arraySample(av), options.attitudeCut, attitudeHigh);
  const behaviourCut = decideCut('behaviour', behaviour.name, arraySample(bv), options.behaviourCut, behaviourHigh);

  const assignments: (LoyaltySegment | null)[] = new Array(data.length).fill(null);
  const counts: Record<LoyaltySegment, number> = { true: 0, latent: 0, spurious: 0, none: 0 };
  kept.forEach((row, j) => {
    const aHigh = attitudeHigh === 'above' ? av[j]! > attitudeCut.value : av[j]! >= attitudeCut.value;
    const bHigh = behaviourHigh === 'above' ? bv[j]! > behaviourCut.value : bv[j]! >= behaviourCut.value;
    const segment: LoyaltySegment = aHigh ? (bHigh ? 'true' : 'latent') : bHigh ? 'spurious' : 'none';
    assignments[row] = segment;
    counts[segment]++;
  });
  const n = kept.length;
  const shares = { true: counts.true / n, latent: counts.latent / n, spurious: counts.spurious / n, none: counts.none / n };
  const byColumn: Record<string, number> = {};
  for (const m of [attitude, behaviour]) {
    for (const [c, k] of Object.entries(m.missing.byColumn)) byColumn[c] = Math.max(byColumn[c] ?? 0, k);
  }
  return {
    method: 'dick-basu',
    n,
    segments: LOYALTY_SEGMENTS,
    assignments,
    scores: { attitude: attitude.values, behaviour: behaviour.values },
    unassigned,
    counts,
    shares,
    emptySegments: LOYALTY_SEGMENTS.filter((s) => counts[s] === 0),
    cuts: { attitude: attitudeCut, behaviour: behaviourCut },
    measures: {
      attitude: { name: attitude.name, definition: attitude.definition },
      behaviour: { name: behaviour.name, definition: behaviour.definition },
    },
    missing: { policy, rowsIn: data.length, rowsUsed: n, rowsDropped: data.length - n, byColumn },
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const SEGMENT_LOYALTY_KEYS = optionKeys<SegmentLoyaltyOptions>({
  attitude: true,
  behaviour: true,
  attitudeCut: true,
  behaviourCut: true,
  attitudeHigh: true,
  behaviourHigh: true,
  missing: true,
});
