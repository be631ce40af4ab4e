/**
 * The indices section (NPS unweighted and weighted, CSAT, the Customer Loyalty Index, retention)
 * from column chunks, in memory that does not grow with the rows: what {@link loyaltyIndices}
 * computes from rows held in memory, with the same estimates, SEs, intervals, missing reports
 * and errors.
 *
 * Every index is a (weighted) mean of a per-row score that takes few values (NPS: +1, 0, -1;
 * CSAT and retention: 1 or 0; the CLI: the mean of the rescaled items), so its sufficient
 * statistics are, per distinct score, the count, the sum of weights and the sum of squared
 * weights, plus the running sums the row functions take in row order (the weight total, the
 * weighted score total, the per-item totals). Sums of weights are compensated (Neumaier), as in
 * src/internal/sums.ts; the Taylor variance `n/(n-1) sum w^2 (y - m)^2 / (sum w)^2` is summed per
 * distinct score instead of per row, which agrees with the row functions to rounding (about
 * 1e-15 relative). Statistics of two accumulators over different rows merge by adding them
 * ({@link IndexAccumulator.merge}).
 *
 * The Customer Loyalty Index also reports a score per respondent; it is kept (8 bytes a row) only
 * when `perRespondent: true`, else the result's `perRespondent` is empty.
 * @internal
 */
import { missingCodeTest } from './completeCases.js';
import { InputError, InsufficientDataError, LoyaltyError } from '../../errors.js';
import { csat } from '../../indices/csat.js';
import { customerLoyaltyIndex } from '../../indices/customerLoyaltyIndex.js';
import { nps } from '../../indices/nps.js';
import { retentionRate } from '../../indices/retentionRate.js';
import { proportionEffectiveN, tInterval, waldInterval, wilsonInterval } from '../../internal/proportion.js';
import { readCell } from '../../internal/validate.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import type { Interval, MissingReport, ScaleRange } from '../../types.js';
import type { Analysis } from '../analyze.js';
import type { IndexColumns } from '../loyaltyIndices.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';

type Indices = Analysis['indices'];

/** Options of {@link IndexAccumulator}: the columns of {@link loyaltyIndices}, and whether to keep the CLI per respondent. */
export interface IndexAccumulatorOptions extends IndexColumns {
  readonly perRespondent?: boolean;
  /**
   * Whether the CLI's declared scale requires whole answers (default true, as loyaltyIndices
   * declares it; compareWaves passes the scale without `integer`).
   */
  readonly cliScaleInteger?: boolean;
}

/** A compensated (Neumaier) running sum, added to in row order exactly as `sum()` does. */
class Sum {
  s = 0;
  c = 0;
  add(x: number): void {
    const s = this.s;
    const t = s + x;
    this.c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.s = t;
  }
  value(): number {
    return this.s + this.c;
  }
  merge(o: Sum): void {
    this.add(o.s);
    this.add(o.c);
  }
}

/** The double `k` steps from `x` (k may be negative), for the candidate means of the exact pass. */
function stepDouble(x: number, k: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x >= 0 ? bits + BigInt(k) : bits - BigInt(k));
  return view.getFloat64(0);
}

/** How far (in doubles) the corrected mean may lie from the first-pass mean for the exact pass to be exact. */
const CANDIDATES = 3;

/**
 * The row-order sums of a second pass: with the mean known, the Taylor variance summed row by
 * row as linearizedMean sums it, so the result is the row function's to the last bit.
 */
interface ExactSums {
  readonly weighted: boolean;
  /** Weighted: the first-pass mean `sum(w y) / sum(w)`; unweighted: `sum(y) / n`. */
  readonly m0: number;
  /** Weighted: `sum w (y - m0)` (the mean's correction). */
  r: number;
  /** Weighted: candidate corrected means, and `sum (w (y - m))^2` for each. */
  readonly means: Float64Array;
  readonly acc: Float64Array;
  /** Unweighted: `sum (y - m0)^2` and `sum (y - m0)`. */
  ss: number;
  sd: number;
}

/** Sufficient statistics of a (weighted) mean of a score with few distinct values. */
class MeanStats {
  n = 0;
  /** Plain running sums of weights and squared weights (the loops of nps, customerLoyaltyIndex and effectiveSampleSize). */
  wsumPlain = 0;
  w2sumPlain = 0;
  // Compensated sums, inline (the hot loop): sum w, sum y w, and per level sum w, sum w^2.
  swS = 0;
  swC = 0;
  sywS = 0;
  sywC = 0;
  readonly y: number[] = [];
  readonly count: number[] = [];
  readonly wS: number[] = [];
  readonly wC: number[] = [];
  readonly w2S: number[] = [];
  readonly w2C: number[] = [];
  private readonly level = new Map<number, number>();
  /** Set on the statistics of a second pass: rows are replayed into the first pass's exact sums. */
  replayOf: MeanStats | undefined;
  exact: ExactSums | undefined;

  /** The level of score `y` (created on first sight). */
  levelOf(y: number): number {
    // Most indices have two or three scores: a short scan beats the map.
    const ys = this.y;
    const few = ys.length < 8 ? ys.length : 8;
    for (let k = 0; k < few; k++) if (ys[k] === y) return k;
    let l = this.level.get(y);
    if (l === undefined) {
      l = this.y.length;
      this.level.set(y, l);
      this.y.push(y);
      this.count.push(0);
      this.wS.push(0);
      this.wC.push(0);
      this.w2S.push(0);
      this.w2C.push(0);
    }
    return l;
  }

  add(y: number, w: number): void {
    const replay = this.replayOf;
    if (replay !== undefined) {
      replay.replay(y, w);
      return;
    }
    const l = this.levelOf(y);
    this.n++;
    const ww = w * w;
    this.wsumPlain += w;
    this.w2sumPlain += ww;
    let s = this.swS;
    let t = s + w;
    this.swC += Math.abs(s) >= Math.abs(w) ? s - t + w : w - t + s;
    this.swS = t;
    const yw = y * w;
    s = this.sywS;
    t = s + yw;
    this.sywC += Math.abs(s) >= Math.abs(yw) ? s - t + yw : yw - t + s;
    this.sywS = t;
    this.count[l]!++;
    s = this.wS[l]!;
    t = s + w;
    this.wC[l]! += Math.abs(s) >= Math.abs(w) ? s - t + w : w - t + s;
    this.wS[l] = t;
    s = this.w2S[l]!;
    t = s + ww;
    this.w2C[l]! += Math.abs(s) >= Math.abs(ww) ? s - t + ww : ww - t + s;
    this.w2S[l] = t;
  }

  get sw(): number {
    return this.swS + this.swC;
  }

  get syw(): number {
    return this.sywS + this.sywC;
  }

  levelW(l: number): number {
    return this.wS[l]! + this.wC[l]!;
  }

  levelW2(l: number): number {
    return this.w2S[l]! + this.w2C[l]!;
  }

  /** Starts the exact sums of a second pass from these (first-pass) statistics. */
  prepareExact(weighted: boolean): void {
    const m0 = weighted ? this.syw / this.sw : this.syw / this.n;
    const means = new Float64Array(2 * CANDIDATES + 1);
    for (let k = -CANDIDATES; k <= CANDIDATES; k++) means[k + CANDIDATES] = stepDouble(m0, k);
    this.exact = { weighted, m0, r: 0, means, acc: new Float64Array(means.length), ss: 0, sd: 0 };
  }

  private replay(y: number, w: number): void {
    const e = this.exact!;
    if (e.weighted) {
      e.r += w * (y - e.m0);
      const means = e.means;
      const acc = e.acc;
      for (let k = 0; k < means.length; k++) {
        const t = w * (y - means[k]!);
        acc[k] = acc[k]! + t * t;
      }
    } else {
      const d = y - e.m0;
      e.ss += d * d;
      e.sd += d;
    }
  }

  merge(o: MeanStats): void {
    this.n += o.n;
    this.wsumPlain += o.wsumPlain;
    this.w2sumPlain += o.w2sumPlain;
    const add = (a: Sum, x: number): void => a.add(x);
    const sw = Object.assign(new Sum(), { s: this.swS, c: this.swC });
    add(sw, o.swS);
    add(sw, o.swC);
    [this.swS, this.swC] = [sw.s, sw.c];
    const syw = Object.assign(new Sum(), { s: this.sywS, c: this.sywC });
    add(syw, o.sywS);
    add(syw, o.sywC);
    [this.sywS, this.sywC] = [syw.s, syw.c];
    this.exact = undefined;
    o.y.forEach((y, k) => {
      const l = this.levelOf(y);
      this.count[l]! += o.count[k]!;
      const a = Object.assign(new Sum(), { s: this.wS[l]!, c: this.wC[l]! });
      add(a, o.wS[k]!);
      add(a, o.wC[k]!);
      this.wS[l] = a.s;
      this.wC[l] = a.c;
      const b = Object.assign(new Sum(), { s: this.w2S[l]!, c: this.w2C[l]! });
      add(b, o.w2S[k]!);
      add(b, o.w2C[k]!);
      this.w2S[l] = b.s;
      this.w2C[l] = b.c;
    });
  }

  /** `linearizedMean(y, w)` of src/internal/proportion.ts: exact after a second pass, else from the per-score sums. */
  linearized(weighted: boolean): { mean: number; variance: number; weightSum: number } {
    const n = this.n;
    const L = this.y.length;
    const exact = this.exact;
    if (!weighted) {
      const m = this.syw / n;
      let ss = 0;
      let sd = 0;
      if (exact && !exact.weighted) {
        ss = exact.ss;
        sd = exact.sd;
      } else {
        for (let l = 0; l < L; l++) {
          const d = this.y[l]! - m;
          ss += this.count[l]! * d * d;
          sd += this.count[l]! * d;
        }
      }
      ss -= (sd * sd) / n;
      return { mean: m + sd / n, variance: n > 1 ? ss / (n * (n - 1)) : 0, weightSum: n };
    }
    const sw = this.sw;
    const m0 = this.syw / sw;
    let r = 0;
    if (exact?.weighted) r = exact.r;
    else for (let l = 0; l < L; l++) r += this.levelW(l) * (this.y[l]! - m0);
    const m = m0 + r / sw;
    let acc = Number.NaN;
    if (exact?.weighted) {
      const k = exact.means.indexOf(m);
      if (k >= 0) acc = exact.acc[k]!;
    }
    if (acc !== acc) {
      acc = 0;
      for (let l = 0; l < L; l++) {
        const d = this.y[l]! - m;
        acc += this.levelW2(l) * d * d;
      }
    }
    return { mean: m, variance: n > 1 ? ((n / (n - 1)) * acc) / (sw * sw) : 0, weightSum: sw };
  }
}

// Which score a vector index takes of its column.
const NPS_UNWEIGHTED = 0;
const NPS_WEIGHTED = 1;
const CSAT = 2;
const RETENTION = 3;

/** The first problem of an index's data (the row functions stop at it), kept until the result. */
type Problem = Error | undefined;

/** Reading state of one index over one or more value columns and an optional weight column. */
interface Reader {
  rowsIn: number;
  /** Missing cells per value column, and of the weights. */
  readonly missing: number[];
  missingWeights: number;
  /** Whether some used row has a positive weight. */
  positive: boolean;
  problem: Problem;
}

const newReader = (columns: number): Reader => ({
  rowsIn: 0,
  missing: new Array<number>(columns).fill(0),
  missingWeights: 0,
  positive: false,
  problem: undefined,
});

/** Re-raises a vector function's error naming the column, as loyaltyIndices' forColumn does. */
function forColumn(column: string, e: unknown): Error {
  if (e instanceof LoyaltyError && e.location.column === undefined && e.location.row !== undefined) {
    const message = e.message.replace(/^[\w.]+\[\d+\]:\s*/, '');
    const location = { ...e.location, column, argument: 'rows' };
    const text = `column "${column}", row ${e.location.row}: ${message}`;
    if (e instanceof InputError) return new InputError(e.code, text, location);
    if (e instanceof InsufficientDataError) return new InsufficientDataError(e.code, text, location);
  }
  return e as Error;
}

/** Adds the file's line to an error's location (the row path's tool looks it up from the rows). */
function withLine(e: Error, line: number): Error {
  if (line > 0 && e instanceof LoyaltyError && e.location.line === undefined) {
    (e.location as { line?: number }).line = line;
  }
  return e;
}

interface ScoreIndex {
  readonly stats: MeanStats;
  readonly reader: Reader;
}

/**
 * Groups whose indices this accumulator also counts (the waves of the wave comparison): each
 * row's group (or -1), and each group's accumulator. The groups' accumulators must score rows
 * as this one does (the same cuts, CLI convention and weights); they are then filled row by row
 * from this accumulator's reading, checks and scores, with no second reading of the columns.
 * @internal
 */
export interface IndexGrouping {
  /** Each row's group in this chunk, or -1; `undefined`: no groups in this chunk. */
  group(chunk: ColumnChunk): Int32Array | undefined;
  /** The accumulator of group `g`. */
  child(g: number): IndexAccumulator;
}

/** A chunk accumulator for the indices section: {@link loyaltyIndices} in bounded memory. */
export class IndexAccumulator implements ChunkAccumulator<Indices> {
  readonly request: ColumnRequest;
  private readonly c: IndexAccumulatorOptions;
  /** Groups counted alongside (see {@link IndexGrouping}). */
  grouping: IndexGrouping | undefined;
  private readonly codes: readonly number[] | undefined;
  private readonly nps?: ScoreIndex & { promoterMin: number; detractorMax: number; scale: ScaleRange };
  private readonly npsWeighted?: ScoreIndex & { wp: number; wd: number; promoters: number; detractors: number };
  private npsUnweightedCounts = { promoters: 0, detractors: 0 };
  private npsWeightedCounts = { promoters: 0, detractors: 0, wp: 0, wd: 0 };
  private readonly csat?: ScoreIndex & { satisfiedMin: number; scale: ScaleRange; count: number };
  private readonly cli?: ScoreIndex & {
    scale: ScaleRange;
    convention: 'mean' | 'net';
    promoterMin: number;
    detractorMax: number;
    itemTotals: Float64Array;
    per: Float64Array[];
  };
  private readonly retention?: ScoreIndex & { count: number };
  /** Options errors, found by running each index on one valid value (the row functions check options first). */
  private readonly optionErrors = new Map<string, Error>();

  constructor(columns: IndexAccumulatorOptions) {
    this.c = columns;
    this.codes = columns.missingCodes;
    const request: Record<string, 'number'> = {};
    const r = columns.recommend;
    const w = columns.weights;
    if (w) request[w] = 'number';
    // Each index is first run on one valid value: its options are checked (and their defaults
    // learnt) exactly as the row function does; an options error is raised in its turn.
    const probe = <T>(name: string, fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (e) {
        this.optionErrors.set(name, e as Error);
        return undefined;
      }
    };
    if (r) {
      request[r.column] = 'number';
      const cuts = { promoterMin: r.promoterMin, detractorMax: r.detractorMax };
      const probeCommon = { confidenceLevel: columns.confidenceLevel };
      const p = probe('nps', () => nps([0], { ...cuts, intervalMethod: r.intervalMethod, ...probeCommon }));
      this.nps = {
        stats: new MeanStats(),
        reader: newReader(1),
        promoterMin: p?.options.promoterMin ?? 9,
        detractorMax: p?.options.detractorMax ?? 6,
        scale: p?.options.scale ?? { min: 0, max: 10, integer: true },
      };
      if (w) {
        probe('npsWeighted', () => nps([0], { ...cuts, ...probeCommon, weights: [1] }));
        this.npsWeighted = { stats: new MeanStats(), reader: newReader(1), wp: 0, wd: 0, promoters: 0, detractors: 0 };
      }
    }
    const s = columns.csat;
    if (s) {
      request[s.column] = 'number';
      const p = probe('csat', () =>
        csat([5], { satisfiedMin: s.satisfiedMin, confidenceLevel: columns.confidenceLevel, weights: w ? [1] : undefined }),
      );
      this.csat = {
        stats: new MeanStats(),
        reader: newReader(1),
        satisfiedMin: p?.options.satisfiedMin ?? 4,
        scale: p?.options.scale ?? { min: 1, max: 5, integer: true },
        count: 0,
      };
    }
    const li = columns.loyaltyIndex;
    if (li) {
      for (const item of li.items) request[item] = 'number';
      const scale =
        li.min !== undefined && li.max !== undefined ? { min: li.min, max: li.max, integer: columns.cliScaleInteger !== false } : undefined;
      const row: Record<string, number> = {};
      for (const item of li.items) row[item] = scale?.min ?? 0;
      if (w) row[w] = 1;
      const p = probe('customerLoyaltyIndex', () =>
        customerLoyaltyIndex([row], { items: li.items, method: li.method, scale, confidenceLevel: columns.confidenceLevel, weights: w }),
      );
      this.cli = {
        stats: new MeanStats(),
        reader: newReader(li.items.length),
        scale: p?.options.scale ?? scale ?? { min: 0, max: 10, integer: true },
        convention: p?.convention ?? 'mean',
        promoterMin: p?.options.promoterMin ?? 9,
        detractorMax: p?.options.detractorMax ?? 6,
        itemTotals: new Float64Array(li.items.length),
        per: [],
      };
    }
    const retained = columns.retained;
    if (retained) {
      request[retained] = 'number';
      probe('retention', () => retentionRate([1], { confidenceLevel: columns.confidenceLevel, weights: w ? [1] : undefined }));
      this.retention = { stats: new MeanStats(), reader: newReader(1), count: 0 };
    }
    this.request = request;
  }

  add(chunk: ColumnChunk): void {
    const w = this.c.weights ? chunk.numbers[this.c.weights]! : undefined;
    const group = this.grouping?.group(chunk);
    const r = this.c.recommend;
    if (r && this.nps) {
      const x = chunk.numbers[r.column]!;
      this.scoreColumn(chunk, this.nps, x, undefined, 'values', r.column, this.nps.scale, NPS_UNWEIGHTED, group);
      if (w && this.npsWeighted) {
        this.scoreColumn(chunk, this.npsWeighted, x, w, 'values', r.column, this.nps.scale, NPS_WEIGHTED, group);
      }
    }
    const s = this.c.csat;
    if (s && this.csat) {
      const cs = this.csat;
      this.scoreColumn(chunk, cs, chunk.numbers[s.column]!, w, 'values', s.column, cs.scale, CSAT, group);
    }
    if (this.c.loyaltyIndex && this.cli) this.cliChunk(chunk, w, group);
    const retained = this.c.retained;
    if (retained && this.retention) {
      const rt = this.retention;
      const scale = { min: 0, max: 1, integer: true };
      this.scoreColumn(chunk, rt, chunk.numbers[retained]!, w, 'retained', retained, scale, RETENTION, group);
    }
  }

  /**
   * Whether `kid` scores every row as this accumulator does (the same columns, weights, missing
   * codes, cuts and CLI convention), so that it can be filled as one of its groups.
   */
  scoresAlike(kid: IndexAccumulator): boolean {
    const a = this.c;
    const b = kid.c;
    if (this.optionErrors.size > 0 || kid.optionErrors.size > 0) return false;
    if (a.weights !== b.weights || (a.missingCodes ?? []).join() !== (b.missingCodes ?? []).join()) return false;
    if (b.recommend) {
      if (!a.recommend || !this.nps || !kid.nps || a.recommend.column !== b.recommend.column) return false;
      if (this.nps.promoterMin !== kid.nps.promoterMin || this.nps.detractorMax !== kid.nps.detractorMax) return false;
    }
    if (
      b.csat &&
      (!a.csat || !this.csat || !kid.csat || a.csat.column !== b.csat.column || this.csat.satisfiedMin !== kid.csat.satisfiedMin)
    ) {
      return false;
    }
    if (b.retained !== undefined && a.retained !== b.retained) return false;
    if (b.loyaltyIndex) {
      const x = this.cli;
      const y = kid.cli;
      if (!a.loyaltyIndex || !x || !y || a.loyaltyIndex.items.join('\u0000') !== b.loyaltyIndex.items.join('\u0000')) return false;
      if (x.convention !== y.convention || x.promoterMin !== y.promoterMin || x.detractorMax !== y.detractorMax) return false;
      if ((x.scale.min ?? 0) !== (y.scale.min ?? 0) || (x.scale.max ?? 1) !== (y.scale.max ?? 1)) return false;
    }
    return true;
  }

  /** Each group's accumulator by group (looked up once per group, not per row). */
  private kids: IndexAccumulator[] = [];

  /** Group g's accumulator. */
  private kidOf(g: number): IndexAccumulator {
    return (this.kids[g] ??= this.grouping!.child(g));
  }

  /** Group g's index of a kind (undefined when the group's accumulator has none). */
  private kidIndex(g: number, kind: number): { kid: IndexAccumulator; index: ScoreIndex | undefined } {
    const kid = this.kidOf(g);
    return {
      kid,
      index: kind === NPS_UNWEIGHTED ? kid.nps : kind === NPS_WEIGHTED ? kid.npsWeighted : kind === CSAT ? kid.csat : kid.retention,
    };
  }

  /** A used row's score `y` (weight `wi`) into an index: its category counts, then its statistics. */
  private countScore(index: ScoreIndex, kind: number, y: number, wi: number): void {
    if (kind === CSAT || kind === RETENTION) {
      if (y === 1) (index as unknown as { count: number }).count++;
    } else {
      const counts = kind === NPS_WEIGHTED ? this.npsWeightedCounts : this.npsUnweightedCounts;
      if (y === 1) {
        counts.promoters++;
        if (kind === NPS_WEIGHTED) this.npsWeightedCounts.wp += wi;
      } else if (y === -1) {
        counts.detractors++;
        if (kind === NPS_WEIGHTED) this.npsWeightedCounts.wd += wi;
      }
    }
    if (wi > 0) index.reader.positive = true;
    index.stats.add(y, wi);
  }

  /** One vector index over one chunk: readVector's checks and missing rule, then the score's statistics. */
  private scoreColumn(
    chunk: ColumnChunk,
    index: ScoreIndex,
    x: Float64Array,
    w: Float64Array | undefined,
    argument: string,
    column: string,
    scale: ScaleRange,
    kind: number,
    group?: Int32Array,
  ): void {
    const rd = index.reader;
    const n = chunk.length;
    const codes = this.codes;
    const { one, many } = missingCodeTest(codes);
    // Each group's accumulator and index of this kind, found once per chunk (not per row).
    const mirrors: ReturnType<IndexAccumulator['kidIndex']>[] = [];
    const lo = scale.min ?? -Infinity;
    const hi = scale.max ?? Infinity;
    const integer = scale.integer === true;
    const weighted = w !== undefined;
    const rule = { argument, scale, missingCodes: codes };
    const weightRule = { argument: 'options.weights', scale: { min: 0 } };
    const promoterMin = this.nps?.promoterMin ?? 9;
    const detractorMax = this.nps?.detractorMax ?? 6;
    const satisfiedMin = this.csat?.satisfiedMin ?? 4;
    for (let i = 0; i < n; i++) {
      const row = rd.rowsIn++;
      if (rd.problem) continue;
      let v = x[i]!;
      let missing = v !== v;
      if (!missing && (v === one || (many !== undefined && many.includes(v)))) missing = true;
      if (!missing && (v < lo || v > hi || (integer && !Number.isInteger(v)))) {
        try {
          readCell(v, row, rule);
        } catch (e) {
          rd.problem = withLine(forColumn(column, e), chunk.lines[i]!);
        }
        continue;
      }
      let wi = 1;
      let wMissing = false;
      if (weighted) {
        wi = w[i]!;
        wMissing = wi !== wi; // weights have no missing codes (readVector's WEIGHT_RULE)
        if (!wMissing && wi < 0) {
          try {
            readCell(wi, row, weightRule);
          } catch (e) {
            rd.problem = withLine(forColumn(column, e), chunk.lines[i]!);
          }
          continue;
        }
      }
      // The row's group (the waves') counts it as this accumulator does.
      const g = group === undefined ? -1 : group[i]!;
      const mirror = g >= 0 ? (mirrors[g] ??= this.kidIndex(g, kind)) : undefined;
      if (mirror?.index) mirror.index.reader.rowsIn++;
      if (missing || wMissing) {
        if (missing) rd.missing[0]!++;
        if (wMissing) rd.missingWeights++;
        if (mirror?.index) {
          if (missing) mirror.index.reader.missing[0]!++;
          if (wMissing) mirror.index.reader.missingWeights++;
        }
        continue;
      }
      // The score, counted as the row function counts it.
      const y =
        kind === CSAT
          ? v >= satisfiedMin
            ? 1
            : 0
          : kind === RETENTION
            ? v === 1
              ? 1
              : 0
            : v >= promoterMin
              ? 1
              : v <= detractorMax
                ? -1
                : 0;
      this.countScore(index, kind, y, wi);
      if (mirror?.index) mirror.kid.countScore(mirror.index, kind, y, wi);
    }
  }

  /** The Customer Loyalty Index over one chunk: readColumns' checks (items in order, then the weight) and the per-respondent score. */
  private cliChunk(chunk: ColumnChunk, w: Float64Array | undefined, group?: Int32Array): void {
    const li = this.c.loyaltyIndex!;
    const cl = this.cli!;
    const rd = cl.reader;
    const items = li.items.map((name) => chunk.numbers[name]!);
    const k = items.length;
    const codes = this.codes;
    const { one, many } = missingCodeTest(codes);
    const scale = cl.scale;
    const lo = scale.min ?? 0;
    const range = (scale.max ?? 1) - lo;
    const mean = cl.convention === 'mean';
    const per = this.c.perRespondent ? new Float64Array(chunk.length).fill(NaN) : undefined;
    const cell = new Float64Array(k);
    const rules = li.items.map((column) => ({ argument: 'rows', column, scale, missingCodes: codes }));
    const weightRule = { argument: 'options.weights', column: this.c.weights, scale: { min: 0 } };
    for (let i = 0; i < chunk.length; i++) {
      const row = rd.rowsIn++;
      if (rd.problem) continue;
      // The row's group's CLI (the group mirrors this row's counts and score).
      const g = group === undefined ? -1 : group[i]!;
      const kid = g >= 0 ? this.kidOf(g).cli : undefined;
      if (kid) kid.reader.rowsIn++;
      let complete = true;
      for (let j = 0; j < k; j++) {
        const v = items[j]![i]!;
        if (v !== v || v === one || (many !== undefined && many.includes(v))) {
          rd.missing[j]!++;
          if (kid) kid.reader.missing[j]!++;
          complete = false;
          continue;
        }
        if (
          (scale.min !== undefined && v < scale.min) ||
          (scale.max !== undefined && v > scale.max) ||
          (scale.integer && !Number.isInteger(v))
        ) {
          try {
            readCell(v, row, rules[j]!);
          } catch (e) {
            rd.problem = withLine(e as Error, chunk.lines[i]!);
          }
          break;
        }
        cell[j] = v;
      }
      if (rd.problem) continue;
      let wi = 1;
      if (w) {
        const wv = w[i]!;
        if (wv !== wv) {
          rd.missingWeights++;
          if (kid) kid.reader.missingWeights++;
          complete = false;
        } else if (wv < 0) {
          try {
            readCell(wv, row, weightRule);
          } catch (e) {
            rd.problem = withLine(e as Error, chunk.lines[i]!);
          }
          continue;
        } else wi = wv;
      }
      if (!complete) continue;
      let s = 0;
      for (let j = 0; j < k; j++) {
        const x = cell[j]!;
        const v = mean ? ((x - lo) / range) * 100 : (x >= cl.promoterMin ? 1 : x <= cl.detractorMax ? -1 : 0) * 100;
        s += v;
        cl.itemTotals[j] = cl.itemTotals[j]! + wi * v;
      }
      const y = s / k;
      if (per) per[i] = y;
      if (wi > 0) rd.positive = true;
      cl.stats.add(y, wi);
      if (kid) {
        for (let j = 0; j < k; j++) {
          const x = cell[j]!;
          const v = mean ? ((x - lo) / range) * 100 : (x >= cl.promoterMin ? 1 : x <= cl.detractorMax ? -1 : 0) * 100;
          kid.itemTotals[j] = kid.itemTotals[j]! + wi * v;
        }
        if (wi > 0) kid.reader.positive = true;
        kid.stats.add(y, wi);
      }
    }
    if (per) cl.per.push(per);
  }

  /** The indices whose SEs a second pass makes exact: the weighted ones, and the unweighted CLI. */
  private exactTargets(): [MeanStats, boolean][] {
    const weighted = this.c.weights !== undefined;
    const out: [MeanStats, boolean][] = [];
    if (this.npsWeighted) out.push([this.npsWeighted.stats, true]);
    if (this.csat && weighted) out.push([this.csat.stats, true]);
    if (this.cli) out.push([this.cli.stats, weighted]);
    if (this.retention && weighted) out.push([this.retention.stats, true]);
    return out;
  }

  /**
   * A second pass over the same rows, in the same order, that makes the SEs bit-for-bit those of
   * the row functions (which sum the Taylor variance row by row around the mean; one pass can
   * only sum it per distinct score, equal to rounding). Feed it every chunk again, then call
   * {@link IndexAccumulator.result} on this (first-pass) accumulator. `undefined` when no index
   * needs it (everything is already exact). Call {@link IndexAccumulator.result} first so that the
   * errors of the data are raised before a second read.
   */
  secondPass(): IndexAccumulator | undefined {
    const targets = this.exactTargets();
    if (targets.length === 0) return undefined;
    const replay = new IndexAccumulator({ ...this.c, perRespondent: false });
    const theirs = replay.exactTargets();
    targets.forEach(([stats, weighted], k) => {
      stats.prepareExact(weighted);
      theirs[k]![0].replayOf = stats;
    });
    return replay;
  }

  /** Adds another accumulator's statistics (over other rows, after these). */
  merge(other: IndexAccumulator): void {
    const pairs: [ScoreIndex | undefined, ScoreIndex | undefined][] = [
      [this.nps, other.nps],
      [this.npsWeighted, other.npsWeighted],
      [this.csat, other.csat],
      [this.cli, other.cli],
      [this.retention, other.retention],
    ];
    for (const [a, b] of pairs) {
      if (!a || !b) continue;
      const ra = a.reader;
      const rb = b.reader;
      if (!ra.problem && rb.problem) {
        ra.problem = rb.problem;
      }
      ra.rowsIn += rb.rowsIn;
      rb.missing.forEach((m, j) => {
        ra.missing[j]! += m;
      });
      ra.missingWeights += rb.missingWeights;
      ra.positive ||= rb.positive;
      a.stats.merge(b.stats);
    }
    this.npsUnweightedCounts.promoters += other.npsUnweightedCounts.promoters;
    this.npsUnweightedCounts.detractors += other.npsUnweightedCounts.detractors;
    const wc = this.npsWeightedCounts;
    wc.promoters += other.npsWeightedCounts.promoters;
    wc.detractors += other.npsWeightedCounts.detractors;
    wc.wp += other.npsWeightedCounts.wp;
    wc.wd += other.npsWeightedCounts.wd;
    if (this.csat && other.csat) this.csat.count += other.csat.count;
    if (this.retention && other.retention) this.retention.count += other.retention.count;
    if (this.cli && other.cli) {
      for (let j = 0; j < this.cli.itemTotals.length; j++) this.cli.itemTotals[j] = this.cli.itemTotals[j]! + other.cli.itemTotals[j]!;
      this.cli.per.push(...other.cli.per);
    }
  }

  /** The section: each index in loyaltyIndices' order, each raising its first problem in turn. */
  result(): Indices {
    const c = this.c;
    const level = c.confidenceLevel;
    const out: { -readonly [K in keyof Indices]: Indices[K] } = {};
    const r = c.recommend;
    if (r && this.nps) {
      out.nps = this.npsResult(this.nps, false, r.intervalMethod ?? 'adjusted-wald', 'nps');
      if (this.npsWeighted) out.npsWeighted = this.npsResult(this.npsWeighted, true, 'wald', 'npsWeighted');
    }
    const weighted = c.weights !== undefined;
    if (c.csat && this.csat) {
      const cs = this.csat;
      this.check('csat', cs, 'values', weighted, (e) => forColumn(c.csat!.column, e));
      const p = this.proportion(cs, cs.count, weighted, level);
      out.csat = {
        method: 'csat',
        estimate: 100 * p.estimate,
        satisfied: cs.count,
        n: p.n,
        standardError: 100 * p.standardError,
        confidenceInterval: [100 * p.confidenceInterval[0], 100 * p.confidenceInterval[1]],
        confidenceLevel: level,
        intervalMethod: 'wilson',
        weighted,
        weightSum: p.weightSum,
        design: null,
        missing: this.missing(cs, ['values'], weighted ? 'weights' : undefined),
        options: { scale: cs.scale, satisfiedMin: cs.satisfiedMin },
        warnings: [],
      };
    }
    if (c.loyaltyIndex && this.cli) out.customerLoyaltyIndex = this.cliResult();
    if (c.retained && this.retention) {
      const rt = this.retention;
      this.check('retention', rt, 'retained', weighted, (e) => forColumn(c.retained!, e));
      const p = this.proportion(rt, rt.count, weighted, level);
      out.retention = {
        method: 'retention-rate',
        source: 'customer-table',
        count: rt.count,
        ...p,
        missing: this.missing(rt, ['retained'], weighted ? 'weights' : undefined),
        warnings: [],
      };
    }
    return out;
  }

  /** readVector's end: the first bad cell, too few values, all-zero weights (in that order). */
  private check(name: string, idx: ScoreIndex, argument: string, weighted: boolean, wrap: (e: unknown) => Error): void {
    const optionError = this.optionErrors.get(name);
    if (optionError) throw optionError;
    const rd = idx.reader;
    if (rd.problem) throw rd.problem;
    const n = idx.stats.n;
    if (n < 1) {
      throw wrap(
        new InsufficientDataError(
          'TOO_FEW_CASES',
          `${argument}: ${n} non-missing value${n === 1 ? '' : 's'} of ${rd.rowsIn}; need at least 1`,
          {
            argument,
            expected: 'at least 1 non-missing values',
          },
        ),
      );
    }
    if (weighted && !rd.positive) {
      throw wrap(
        new InputError('OUT_OF_RANGE', 'options.weights: every weight is zero; expected at least one positive weight', {
          argument: 'options.weights',
          expected: 'at least one positive weight',
        }),
      );
    }
  }

  private missing(idx: ScoreIndex, names: readonly string[], weights: string | undefined): MissingReport {
    const rd = idx.reader;
    const n = idx.stats.n;
    const byColumn: Record<string, number> = {};
    names.forEach((name, j) => {
      if (rd.missing[j]! > 0) byColumn[name] = (byColumn[name] ?? 0) + rd.missing[j]!;
    });
    if (weights !== undefined && rd.missingWeights > 0) byColumn[weights] = rd.missingWeights;
    return { policy: 'omit', rowsIn: rd.rowsIn, rowsUsed: n, rowsDropped: rd.rowsIn - n, byColumn };
  }

  private npsResult(
    idx: ScoreIndex,
    weighted: boolean,
    interval: 'wald' | 'adjusted-wald',
    name: 'nps' | 'npsWeighted',
  ): NonNullable<Indices['nps']> {
    const column = this.c.recommend!.column;
    this.check(name, idx, 'values', weighted, (e) => forColumn(column, e));
    const p = this.nps!;
    const counts = weighted ? this.npsWeightedCounts : this.npsUnweightedCounts;
    const { promoters, detractors } = counts;
    const stats = idx.stats;
    const n = stats.n;
    const passives = n - promoters - detractors;
    let pP: number;
    let pD: number;
    let variance: number;
    if (weighted) {
      const wsum = stats.wsumPlain;
      pP = this.npsWeightedCounts.wp / wsum;
      pD = this.npsWeightedCounts.wd / wsum;
      variance = stats.linearized(true).variance;
    } else {
      pP = promoters / n;
      pD = detractors / n;
      variance = Math.max(0, pP + pD - (pP - pD) ** 2) / n;
    }
    const level = this.c.confidenceLevel;
    const score = 100 * (pP - pD);
    const standardError = 100 * Math.sqrt(variance);
    let ci: Interval;
    if (interval === 'wald') ci = waldInterval(score, standardError, level);
    else {
      const m = n + 3;
      const aP = (promoters + 0.75) / m;
      const aD = (detractors + 0.75) / m;
      const aSe = 100 * Math.sqrt((aP + aD - (aP - aD) ** 2) / m);
      ci = waldInterval(100 * (aP - aD), aSe, level);
    }
    ci = [Math.max(-100, ci[0]), Math.min(100, ci[1])];
    return {
      method: 'nps',
      estimate: score,
      n,
      promoters,
      passives,
      detractors,
      promoterShare: pP,
      passiveShare: 1 - pP - pD,
      detractorShare: pD,
      standardError,
      variance,
      confidenceInterval: ci,
      confidenceLevel: level,
      intervalMethod: interval,
      weighted,
      weightSum: weighted ? stats.wsumPlain : n,
      design: null,
      missing: this.missing(idx, ['values'], weighted ? 'weights' : undefined),
      options: { promoterMin: p.promoterMin, detractorMax: p.detractorMax, scale: p.scale },
      warnings: [],
    };
  }

  /** proportionEstimate() of src/indices/proportionEstimate.ts from the statistics (no design). */
  private proportion(idx: ScoreIndex, count: number, weighted: boolean, level: number) {
    const stats = idx.stats;
    const n = stats.n;
    const est = stats.linearized(weighted);
    const p = weighted ? est.mean : count / n;
    const variance = weighted ? est.variance : (p * (1 - p)) / n;
    // proportionEffectiveN only reads the weights when p is 0 or 1 (Kish's n).
    const nEff =
      weighted && (p <= 0 || p >= 1 || !(variance > 0))
        ? this.kish(stats)
        : proportionEffectiveN(p, variance, n, weighted ? [1] : undefined);
    return {
      estimate: p,
      n,
      standardError: Math.sqrt(variance),
      confidenceInterval: wilsonInterval(p, nEff, level),
      confidenceLevel: level,
      intervalMethod: 'wilson' as const,
      weighted,
      weightSum: est.weightSum,
      design: null,
    };
  }

  /** Kish's effective n `(sum w)^2 / sum w^2` from the statistics. */
  private kish(stats: MeanStats): number {
    return (stats.wsumPlain * stats.wsumPlain) / stats.w2sumPlain;
  }

  private cliResult(): NonNullable<Indices['customerLoyaltyIndex']> {
    const li = this.c.loyaltyIndex!;
    const cl = this.cli!;
    const rd = cl.reader;
    const optionError = this.optionErrors.get('customerLoyaltyIndex');
    if (optionError) throw optionError;
    if (rd.problem) throw rd.problem;
    const weightColumn = this.c.weights;
    const stats = cl.stats;
    const n = stats.n;
    if (n < 1) {
      const names = li.items.join(', ');
      const empty = li.items.filter((_, j) => rd.missing[j] === rd.rowsIn);
      if (weightColumn !== undefined && rd.missingWeights === rd.rowsIn) empty.push(weightColumn);
      const why =
        empty.length === 0 || rd.rowsIn === 0
          ? ''
          : ` (${[...new Set(empty)].map((c) => `"${c}"`).join(', ')} ${empty.length === 1 ? 'is' : 'are'} missing in every row)`;
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `rows: ${n} complete case${n === 1 ? '' : 's'} of ${rd.rowsIn} on ${names}; need at least 1${why}`,
        {
          argument: 'rows',
          expected: 'at least 1 complete cases',
          ...(empty.length > 0 ? { column: empty[0] } : {}),
        },
      );
    }
    const weighted = weightColumn !== undefined;
    if (weighted && !rd.positive) {
      throw new InputError(
        'OUT_OF_RANGE',
        `options.weights ("${weightColumn}"): every weight is zero in the ${n} complete cases; expected at least one positive weight`,
        { argument: 'options.weights', column: weightColumn, expected: 'at least one positive weight' },
      );
    }
    const level = this.c.confidenceLevel;
    const est = stats.linearized(weighted);
    let standardError: number;
    let ci: Interval;
    if (weighted) {
      standardError = Math.sqrt(est.variance);
      ci = waldInterval(est.mean, standardError, level);
    } else if (cl.convention === 'mean') {
      standardError = Math.sqrt(est.variance);
      ci = n > 1 ? tInterval(est.mean, standardError, n - 1, level) : [est.mean, est.mean];
    } else {
      standardError = Math.sqrt((est.variance * (n - 1)) / n);
      ci = waldInterval(est.mean, standardError, level);
    }
    const items: Record<string, number> = {};
    li.items.forEach((name, j) => {
      items[name] = cl.itemTotals[j]! / stats.wsumPlain;
    });
    const perRespondent: (number | null)[] = [];
    for (const part of cl.per) for (let i = 0; i < part.length; i++) perRespondent.push(part[i] !== part[i] ? null : part[i]!);
    const byColumn: Record<string, number> = {};
    li.items.forEach((name, j) => {
      if (rd.missing[j]! > 0) byColumn[name] = (byColumn[name] ?? 0) + rd.missing[j]!;
    });
    if (weighted && rd.missingWeights > 0) byColumn[weightColumn!] = rd.missingWeights;
    return {
      method: 'customer-loyalty-index',
      convention: cl.convention,
      estimate: est.mean,
      n,
      standardError,
      confidenceInterval: ci,
      confidenceLevel: level,
      intervalMethod: weighted || cl.convention === 'net' ? 'wald' : 't',
      items,
      perRespondent,
      weighted,
      weightSum: est.weightSum,
      design: null,
      missing: { policy: 'omit', rowsIn: rd.rowsIn, rowsUsed: n, rowsDropped: rd.rowsIn - n, byColumn },
      options: { items: li.items, scale: cl.scale, promoterMin: cl.promoterMin, detractorMax: cl.detractorMax },
      warnings: [],
    };
  }
}
