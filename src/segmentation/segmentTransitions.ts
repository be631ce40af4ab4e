import { InputError, InsufficientDataError } from '../errors.js';
import { tQuantile } from '../internal/distributions.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { wilsonInterval } from '../internal/proportion.js';
import { checkConfidenceLevel, isMissing, readCell, requireColumn, requireRows } from '../internal/validate.js';
import { splitWaves } from '../monitoring/waveData.js';
import type { WaveValue } from '../monitoring/waveTypes.js';
import type { EstimateFields, Interval, Row, Warning } from '../types.js';
import type { MeasureSpec } from './resolveMeasure.js';
import { LOYALTY_SEGMENTS, segmentLoyalty, type HighRule, type LoyaltySegment, type SegmentCut } from './segmentLoyalty.js';
import { mcnemarBowker, stuartMaxwell, type PairedTableTest } from './transitionTests.js';

/** Options of {@link segmentTransitions}. */
export interface SegmentTransitionsOptions {
  /** The respondent id column: the same id in both waves is the same respondent. */
  readonly id: string;
  /** The wave column. */
  readonly wave: string;
  /** The earlier wave (default: the first of exactly two waves, sorted as {@link compareWaves} sorts them). */
  readonly from?: WaveValue;
  /** The later wave (default: the second of exactly two). */
  readonly to?: WaveValue;
  /** Relative attitude per respondent (see {@link segmentLoyalty}). */
  readonly attitude: MeasureSpec;
  /** Repeat patronage per respondent. */
  readonly behaviour: MeasureSpec;
  /** A threshold, or `'median'` (default) of the earlier wave; the same cut then classifies both waves. */
  readonly attitudeCut?: number | 'median';
  readonly behaviourCut?: number | 'median';
  readonly attitudeHigh?: HighRule;
  readonly behaviourHigh?: HighRule;
  /** The 0-10 recommend column, for what the moves did to the NPS (promoters 9-10, detractors 0-6 unless given). */
  readonly nps?: string | { readonly column: string; readonly promoterMin?: number; readonly detractorMax?: number };
  /** A revenue column (e.g. spend in the last 12 months), for what the moves did to revenue. */
  readonly revenue?: string;
  /** Level of the Wilson and t intervals. Default 0.95. */
  readonly confidenceLevel?: number;
}

/** One cell of the transition matrix. */
export interface TransitionCell {
  readonly from: LoyaltySegment;
  readonly to: LoyaltySegment;
  readonly count: number;
  /** Share of the `from` segment's respondents that moved to `to` (Wilson interval); `null` for an empty `from` segment. */
  readonly rowShare: (EstimateFields & { readonly intervalMethod: 'wilson' }) | null;
  /** The cell's part of the panel's NPS change, in NPS points: sum of its members' changes / n. `null` without `nps`. */
  readonly npsContribution: number | null;
  /** The cell's members' total revenue change (later minus earlier); `null` without `revenue`. */
  readonly revenueChange: number | null;
}

/** A paired change (later minus earlier) of the matched respondents. */
export interface PairedChange extends EstimateFields {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly intervalMethod: 't';
}

/** Result of {@link segmentTransitions}. */
export interface SegmentTransitionsResult {
  readonly method: 'segment-transitions';
  readonly from: WaveValue;
  readonly to: WaveValue;
  /** Respondents with a segment in both waves. */
  readonly n: number;
  readonly segments: readonly LoyaltySegment[];
  /** `counts[i][j]`: respondents in segment i in the earlier wave and j in the later, segments in {@link LOYALTY_SEGMENTS} order. */
  readonly counts: readonly (readonly number[])[];
  /** The 16 cells, row by row. */
  readonly cells: readonly TransitionCell[];
  /** Segment shares of the matched respondents in each wave. */
  readonly fromShares: Readonly<Record<LoyaltySegment, number>>;
  readonly toShares: Readonly<Record<LoyaltySegment, number>>;
  /** Share who stayed in their segment. */
  readonly stayed: number;
  /** Stuart-Maxwell test that the segment shares did not change; `null` when it cannot be formed (no one moved). */
  readonly marginalHomogeneity: PairedTableTest | null;
  /** McNemar-Bowker test that moves i to j are as frequent as j to i; `null` when no one moved. */
  readonly symmetry: PairedTableTest | null;
  /** NPS of the matched respondents in each wave and its paired change (NPS points, t interval on n - 1 df). */
  readonly nps: PairedChange | null;
  /** Mean revenue per matched respondent in each wave and its paired change. */
  readonly revenue: PairedChange | null;
  /** The earlier wave's cuts, applied to both waves. */
  readonly cuts: { readonly attitude: SegmentCut; readonly behaviour: SegmentCut };
  /** Respondents not in the matrix: in one wave only, without a segment in a wave, or with no id. */
  readonly unmatched: { readonly fromOnly: number; readonly toOnly: number; readonly unassigned: number; readonly noId: number };
  readonly options: { readonly id: string; readonly wave: string; readonly confidenceLevel: number };
  readonly warnings: readonly Warning[];
}

const KEYS = optionKeys<SegmentTransitionsOptions>({
  wave: true,
  id: true,
  from: true,
  to: true,
  attitude: true,
  behaviour: true,
  attitudeCut: true,
  behaviourCut: true,
  attitudeHigh: true,
  behaviourHigh: true,
  nps: true,
  revenue: true,
  confidenceLevel: true,
});

function pairedChange(a: readonly number[], b: readonly number[], level: number): PairedChange {
  const n = a.length;
  const d = a.map((v, i) => b[i]! - v);
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const m = mean(d);
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const standardError = sd / Math.sqrt(n);
  const q = tQuantile(1 - (1 - level) / 2, n - 1);
  const interval: Interval = [m - q * standardError, m + q * standardError];
  return {
    estimate: m,
    standardError,
    confidenceInterval: interval,
    confidenceLevel: level,
    intervalMethod: 't',
    from: mean(a),
    to: mean(b),
    n,
  };
}

/**
 * How respondents of a panel moved between the four Dick & Basu (1994) loyalty segments from one
 * wave to the next: the 4 x 4 transition matrix with counts and row shares, the tests that the
 * segment shares changed (Stuart-Maxwell) and that the moves were one-sided (McNemar-Bowker), and
 * what the moves did to NPS and revenue.
 *
 * **Method.** Each wave is segmented by {@link segmentLoyalty} with the earlier wave's cuts (a
 * median split recomputed in the later wave would hide a shift of the whole panel). Respondents
 * are matched by `id`; an id twice in one wave is an error. Row shares carry Wilson intervals on
 * the row's count. Stuart-Maxwell (Stuart 1955; Maxwell 1970): `d' V^-1 d` on k - 1 df, as
 * `coin::mh_test`; McNemar-Bowker (Bowker 1948): `sum (n_ij - n_ji)^2 / (n_ij + n_ji)` over the
 * non-empty pairs, on as many df (R `mcnemar.test` when every pair is non-empty). NPS change: each
 * matched respondent scores 100 as a promoter, -100 as a detractor, 0 otherwise; the change is the
 * mean paired difference with a t interval, and each cell's contribution is its members' summed
 * difference / n, so the contributions add up to the change. Revenue likewise (mean paired
 * difference, t interval; each cell's total change). Unweighted: a panel's moves are counted.
 *
 * @param rows - Rows of both waves, one per respondent and wave.
 * @param options - `id`, `wave`, `from`, `to`, `attitude`, `behaviour`, the cuts, `nps`, `revenue`, `confidenceLevel`.
 * @returns The matrix, the tests, the NPS and revenue changes, the cuts and the unmatched counts.
 * @throws InputError `INVALID_OPTION` (a wave not in the data, not exactly two waves without
 *   `from`/`to`, an id twice in a wave), `COLUMN_NOT_FOUND`, `NOT_NUMERIC`; InsufficientDataError
 *   `TOO_FEW_CASES` (fewer than 2 matched respondents).
 *
 * @example
 * ```ts
 * import { segmentTransitions } from 'loyalty-drivers';
 * const rows = [
 *   { id: 'a', wave: 1, att: 9, beh: 8 }, { id: 'b', wave: 1, att: 9, beh: 2 },
 *   { id: 'c', wave: 1, att: 3, beh: 8 }, { id: 'd', wave: 1, att: 3, beh: 2 },
 *   { id: 'a', wave: 2, att: 9, beh: 8 }, { id: 'b', wave: 2, att: 9, beh: 8 },
 *   { id: 'c', wave: 2, att: 3, beh: 2 }, { id: 'd', wave: 2, att: 3, beh: 2 },
 * ];
 * const t = segmentTransitions(rows, { id: 'id', wave: 'wave', attitude: 'att', behaviour: 'beh', attitudeCut: 5, behaviourCut: 5 });
 * t.counts[1]; // => [1, 0, 0, 0] (the latent respondent b became truly loyal)
 * t.stayed; // => 0.5
 * t.toShares.true; // => 0.5
 * ```
 */
export function segmentTransitions(rows: readonly Row[], options: SegmentTransitionsOptions): SegmentTransitionsResult {
  const data = requireRows(rows);
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { id, wave, attitude, behaviour }', { argument: 'options' });
  }
  checkOptions(options, KEYS);
  for (const key of ['id', 'wave'] as const) {
    if (typeof options[key] !== 'string' || options[key].length === 0) {
      throw new InputError('INVALID_OPTION', `options.${key}: expected a column name`, {
        argument: `options.${key}`,
        expected: 'a column name',
      });
    }
  }
  const level = checkConfidenceLevel(options.confidenceLevel);
  requireColumn(data, options.id, 'options.id');
  const split = splitWaves(data, options.wave, undefined, undefined);
  const key = (w: unknown) => `${typeof w}:${String(w)}`;
  const pick = (w: WaveValue | undefined, k: 0 | 1, name: 'from' | 'to'): number => {
    if (w === undefined) {
      if (split.waves.length !== 2) {
        throw new InputError(
          'INVALID_OPTION',
          `options.${name}: the wave column has ${split.waves.length} waves; name the two to compare with from and to`,
          {
            argument: `options.${name}`,
            expected: 'a wave',
          },
        );
      }
      return k;
    }
    const j = split.waves.findIndex((x) => key(x) === key(w));
    if (j < 0) {
      throw new InputError('INVALID_OPTION', `options.${name}: wave ${JSON.stringify(w)} is not in column "${options.wave}"`, {
        argument: `options.${name}`,
        expected: split.waves.map((x) => JSON.stringify(x)).join(' | '),
      });
    }
    return j;
  };
  const fromIndex = pick(options.from, 0, 'from');
  const toIndex = pick(options.to, 1, 'to');
  if (fromIndex === toIndex)
    throw new InputError('INVALID_OPTION', 'options.to: the same wave as options.from', { argument: 'options.to' });
  const segmentOptions = {
    attitude: options.attitude,
    behaviour: options.behaviour,
    attitudeHigh: options.attitudeHigh,
    behaviourHigh: options.behaviourHigh,
  };
  const earlierRows = split.members[fromIndex]!.map((i) => data[i]!);
  const laterRows = split.members[toIndex]!.map((i) => data[i]!);
  const earlier = segmentLoyalty(earlierRows, { ...segmentOptions, attitudeCut: options.attitudeCut, behaviourCut: options.behaviourCut });
  const later = segmentLoyalty(laterRows, {
    ...segmentOptions,
    attitudeCut: earlier.cuts.attitude.value,
    behaviourCut: earlier.cuts.behaviour.value,
  });
  const cuts = { attitude: earlier.cuts.attitude, behaviour: earlier.cuts.behaviour };
  let noId = 0;
  const index = (wave: readonly Row[], members: readonly number[], name: string): Map<string, number> => {
    const out = new Map<string, number>();
    wave.forEach((r, k) => {
      const v = r[options.id];
      if (isMissing(v)) {
        noId++;
        return;
      }
      const id = typeof v === 'number' || typeof v === 'string' ? String(v) : JSON.stringify(v);
      if (out.has(id)) {
        throw new InputError(
          'INVALID_OPTION',
          `options.id: id ${JSON.stringify(v)} appears twice in ${name} (rows ${members[out.get(id)!]} and ${members[k]}); a panel has one row per respondent and wave`,
          {
            argument: 'options.id',
            column: options.id,
            row: members[k]!,
            expected: 'one row per respondent and wave',
          },
        );
      }
      out.set(id, k);
    });
    return out;
  };
  const fromIds = index(earlierRows, split.members[fromIndex]!, `wave ${JSON.stringify(split.waves[fromIndex])}`);
  const toIds = index(laterRows, split.members[toIndex]!, `wave ${JSON.stringify(split.waves[toIndex])}`);
  const pairs: [number, number][] = [];
  let unassigned = 0;
  let fromOnly = 0;
  for (const [id, a] of fromIds) {
    const b = toIds.get(id);
    if (b === undefined) {
      fromOnly++;
      continue;
    }
    if (earlier.assignments[a] === null || later.assignments[b] === null) unassigned++;
    else pairs.push([a, b]);
  }
  const toOnly = [...toIds.keys()].filter((id) => !fromIds.has(id)).length;
  const n = pairs.length;
  if (n < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${n} respondent${n === 1 ? '' : 's'} with a segment in both waves (matched by "${options.id}"): a transition matrix needs at least 2`,
      {
        argument: 'options.id',
        column: options.id,
        value: n,
        expected: 'respondents present in both waves',
      },
    );
  }
  const S = LOYALTY_SEGMENTS;
  const at = (s: LoyaltySegment) => S.indexOf(s);
  const counts = S.map(() => S.map(() => 0));
  for (const [a, b] of pairs) counts[at(earlier.assignments[a]!)]![at(later.assignments[b]!)]!++;
  // NPS and revenue of the matched respondents (each read where present; a pair missing one is left out of that measure).
  const npsSpec = options.nps === undefined ? undefined : typeof options.nps === 'string' ? { column: options.nps } : options.nps;
  const warnings: Warning[] = [];
  const paired = (column: string, score: (v: number) => number, argument: string) => {
    requireColumn(data, column, argument);
    const a: number[] = [];
    const b: number[] = [];
    const cell = S.map(() => S.map(() => 0));
    let left = 0;
    for (const [i, j] of pairs) {
      const va = readCell(earlierRows[i]![column], split.members[fromIndex]![i]!, { argument: 'rows', column });
      const vb = readCell(laterRows[j]![column], split.members[toIndex]![j]!, { argument: 'rows', column });
      if (va === null || vb === null) {
        left++;
        continue;
      }
      a.push(score(va));
      b.push(score(vb));
      cell[at(earlier.assignments[i]!)]![at(later.assignments[j]!)]! += score(vb) - score(va);
    }
    if (left > 0)
      warnings.push({
        code: 'INCOMPLETE_PAIRS',
        message: `${left} matched respondent${left === 1 ? '' : 's'} without "${column}" in a wave are left out of its change`,
      });
    if (a.length < 2) {
      throw new InsufficientDataError('TOO_FEW_CASES', `column "${column}": fewer than 2 matched respondents answer it in both waves`, {
        argument,
        column,
      });
    }
    return { change: pairedChange(a, b, level), cell, n: a.length };
  };
  const npsPart = npsSpec
    ? paired(npsSpec.column, (v) => (v >= (npsSpec.promoterMin ?? 9) ? 100 : v <= (npsSpec.detractorMax ?? 6) ? -100 : 0), 'options.nps')
    : null;
  const revenuePart = options.revenue === undefined ? null : paired(options.revenue, (v) => v, 'options.revenue');
  const rowTotals = counts.map((r) => r.reduce((x, y) => x + y, 0));
  const colTotals = S.map((_, j) => counts.reduce((x, r) => x + r[j]!, 0));
  const cells: TransitionCell[] = S.flatMap((from, i) =>
    S.map((to, j): TransitionCell => {
      const c = counts[i]![j]!;
      const m = rowTotals[i]!;
      const p = m > 0 ? c / m : 0;
      return {
        from,
        to,
        count: c,
        rowShare:
          m === 0
            ? null
            : {
                estimate: p,
                standardError: Math.sqrt((p * (1 - p)) / m),
                confidenceInterval: wilsonInterval(p, m, level),
                confidenceLevel: level,
                intervalMethod: 'wilson',
              },
        npsContribution: npsPart ? npsPart.cell[i]![j]! / npsPart.n : null,
        revenueChange: revenuePart ? revenuePart.cell[i]![j]! : null,
      };
    }),
  );
  const shares = (totals: number[]) => Object.fromEntries(S.map((s, k) => [s, totals[k]! / n])) as Record<LoyaltySegment, number>;
  const marginalHomogeneity = stuartMaxwell(counts, S);
  const symmetry = mcnemarBowker(counts, S);
  if (marginalHomogeneity === null || symmetry === null) {
    warnings.push({
      code: 'TEST_NOT_COMPUTED',
      message: 'too few respondents changed segment for the Stuart-Maxwell or the Bowker test; the test is null',
    });
  }
  return {
    method: 'segment-transitions',
    from: split.waves[fromIndex]!,
    to: split.waves[toIndex]!,
    n,
    segments: S,
    counts,
    cells,
    fromShares: shares(rowTotals),
    toShares: shares(colTotals),
    stayed: S.reduce((x, _, k) => x + counts[k]![k]!, 0) / n,
    marginalHomogeneity,
    symmetry,
    nps: npsPart?.change ?? null,
    revenue: revenuePart?.change ?? null,
    cuts,
    unmatched: { fromOnly, toOnly, unassigned, noId },
    options: { id: options.id, wave: options.wave, confidenceLevel: level },
    warnings,
  };
}
