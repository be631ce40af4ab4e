/**
 * The wave comparison of `analyze` from column chunks, in memory that does not grow with the
 * rows: what {@link compareWaves} computes from the rows (the panel transitions, which match
 * respondents by id, are the caller's; the importance bootstrap is the Poisson one, per wave).
 *
 * Per wave it keeps:
 * - an {@link IndexAccumulator} of the wave's rows (NPS, CSAT, retention, the Customer Loyalty
 *   Index): filled by the analysis' index section as it reads each row when both score rows
 *   alike (`share`), else fed each chunk's rows of that wave in file order;
 * - for CSAT and retention, per answer (0 or 1) the count and the sums of weights and squared
 *   weights: the Taylor variance `n/(n-1) sum w^2 (y - p)^2 / (sum w)^2` of a 0/1 answer is
 *   `(1 - p)^2 W2(1) + p^2 W2(0)` over those sums, without cancellation;
 * - for each driver score (over the rows complete on every score): n, the sum of weights, the
 *   weighted mean rounded to a double and about it `sum w (x - m)`, `sum w^2 (x - m)^2` and
 *   `sum w^2 (x - m)`, merged chunk by chunk as Chan et al. (1979) merge centred sums (each
 *   part's sums moved to the merged mean) and moved to the exact mean at the end, so a mean of
 *   1e8 with an SD of 1 keeps every digit of its SE;
 * - for the importance, the weighted means and centred cross-products of the scores and the
 *   outcome over the rows complete on all of them (per chunk, merged the same way), and with a
 *   bootstrap B Poisson replicate moments seeded for the wave.
 * The tests and intervals then come from these summaries through the same functions as on rows
 * ({@link compareNps}, `compareProportionSides`, `compareMeanSides`, `waveImportanceFrom`).
 * Equal to `compareWaves` on the rows to rounding (1e-12 relative: test/analysis/waveStream.test.ts).
 * @internal
 */
import { missingCodeTest } from './completeCases.js';
import { InputError, InsufficientDataError } from '../../errors.js';
import { readCell, readVector } from '../../internal/validate.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import type { NpsResult } from '../../indices/nps.js';
import type { CustomerLoyaltyIndexResult } from '../../indices/customerLoyaltyIndex.js';
import type { ImportanceMetric } from '../../importance/importanceMetrics.js';
import { compareMeanSides, type CompareMeansResult, type MeanSide } from '../../monitoring/compareMeans.js';
import { compareNps } from '../../monitoring/compareNps.js';
import { compareProportionSides, type ProportionSide } from '../../monitoring/compareProportions.js';
import { inWave, waveName } from '../../monitoring/waveData.js';
import {
  checkWaveCases,
  correlationFromSscp,
  waveDifferenceIntervals,
  waveImportanceFrom,
  withWaveIntervals,
} from '../../monitoring/waveImportance.js';
import { PoissonMoments, poissonReplicates } from '../../importance/poissonBootstrap.js';
import type { BootstrapPlan } from '../../internal/options.js';
import type { CompareWavesOptions, CompareWavesResult, WaveComparison, WaveSummary, WaveValue } from '../../monitoring/waveTypes.js';
import type { ScaleRange, Warning } from '../../types.js';
import { estimateFields } from '../../internal/estimateFields.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';
import { mergeSufficientStatistics, type SufficientStatistics } from '../../summary/sufficientStatistics.js';
import { IndexAccumulator } from './indexAccumulator.js';

/**
 * Distinct waves the streaming comparison keeps (each holds an index accumulator and moments):
 * past it, a wave column that is no wave column (an id, a date-time) would make the memory grow
 * with the rows, so the section is skipped (`TOO_MANY_WAVES`) instead.
 */
export const WAVE_CAP = 1_000;

/** What the streaming wave comparison compares (the model's `waveOptions`, drivers as score names). */
export interface WaveAccumulatorOptions {
  readonly wave: string;
  readonly nps?: { readonly column: string; readonly promoterMin?: number; readonly detractorMax?: number };
  readonly csat?: { readonly column: string; readonly satisfiedMin?: number };
  readonly retention?: string;
  readonly customerLoyaltyIndex?: { readonly items: readonly string[]; readonly scale?: ScaleRange };
  /** Driver scores (chunk columns the scorer adds), scored as compareWaves scores them. */
  readonly drivers: readonly string[];
  readonly importance?: { readonly outcome: string; readonly metric: ImportanceMetric };
  /**
   * The Poisson bootstrap of each wave's importance (one pass: each complete case gets B
   * Poisson(1) counts from a seed of its own wave, so the waves' replicates are independent), and
   * of the differences between waves (replicate b of one wave minus replicate b of the other).
   */
  readonly bootstrap?: BootstrapPlan;
  readonly weights?: string;
  readonly confidenceLevel: number;
  readonly missingCodes?: readonly number[];
}

/**
 * Centred sums of one variable: weight total, a mean m (the weighted mean rounded to a double)
 * and about it `s = sum w (x - m)` (the rounding's residual, zero for the exact mean),
 * `q = sum w^2 (x - m)^2` and `l = sum w^2 (x - m)`.
 */
interface Centred {
  n: number;
  w: number;
  w2: number;
  mean: number;
  s: number;
  q: number;
  l: number;
}

const emptyCentred = (): Centred => ({ n: 0, w: 0, w2: 0, mean: 0, s: 0, q: 0, l: 0 });

/** Adds `b` (other rows) to `a`, each re-centred on the merged mean. */
function mergeCentred(a: Centred, b: Centred): void {
  if (b.n === 0) return;
  if (a.n === 0) {
    Object.assign(a, b);
    return;
  }
  const w = a.w + b.w;
  const mean = w === 0 ? a.mean : a.mean + ((b.mean - a.mean) * b.w) / w;
  // x - mean = (x - m_a) + da: each part's sums moved to the merged mean (da, db exact: Sterbenz).
  const da = a.mean - mean;
  const db = b.mean - mean;
  a.q = a.q + 2 * da * a.l + da * da * a.w2 + (b.q + 2 * db * b.l + db * db * b.w2);
  a.l = a.l + da * a.w2 + (b.l + db * b.w2);
  a.s = a.s + da * a.w + (b.s + db * b.w);
  a.n += b.n;
  a.w = w;
  a.w2 += b.w2;
  a.mean = mean;
}

/** Per answer 0 and 1 of a 0/1 question: count, sum of weights, sum of squared weights. */
interface Binary {
  count: [number, number];
  w: [number, number];
  w2: [number, number];
}

interface WaveState {
  members: number;
  readonly index: IndexAccumulator;
  readonly satisfied: Binary;
  readonly retained: Binary;
  readonly drivers: Centred[];
  /** Rows complete on every driver score. */
  driverRows: number;
  /** The importance's moments over the rows complete on the scores and the outcome (n counts every such row). */
  importance: SufficientStatistics | undefined;
  /** The Poisson replicates of the importance moments (with a bootstrap). */
  readonly poisson: PoissonMoments | undefined;
}

const emptyBinary = (): Binary => ({ count: [0, 0], w: [0, 0], w2: [0, 0] });

/**
 * The wave comparison over column chunks: feed it every chunk (wave as a category column, the
 * index columns, the weight and the outcome as numbers, the driver scores added), then
 * {@link WaveAccumulator.result} with the panel transitions (or `null` for each comparison).
 */
export class WaveAccumulator implements ChunkAccumulator<CompareWavesResult | undefined> {
  readonly request: ColumnRequest;
  /** Each wave's state by its code, and the codes in order of first sight. */
  private readonly byCode: WaveState[] = [];
  private readonly codes: number[] = [];
  private levels: readonly (string | number)[] = [];
  private rowsIn = 0;
  private readonly byColumn: Record<string, number> = {};
  /** The first bad weight of a row with a wave (splitWaves' error), raised by result(). */
  private problem: Error | undefined;
  /** Distinct wave values present in some row (with or without a usable weight), counted up to 2. */
  private present = 0;
  private firstPresent = -1;
  /** More distinct waves than {@link WAVE_CAP}: the comparison is not computed (memory grows with the waves). */
  overflowed = false;

  constructor(
    private readonly o: WaveAccumulatorOptions,
    /** Distinct waves kept before the comparison is given up (tests use a small one). */
    readonly cap = WAVE_CAP,
  ) {
    this.numberColumns = [
      ...new Set([
        ...(o.nps ? [o.nps.column] : []),
        ...(o.csat ? [o.csat.column] : []),
        ...(o.retention ? [o.retention] : []),
        ...(o.customerLoyaltyIndex ? o.customerLoyaltyIndex.items : []),
        ...(o.importance ? [o.importance.outcome] : []),
        ...(o.weights ? [o.weights] : []),
      ]),
    ];
    const request: Record<string, ColumnRequest[string]> = { [o.wave]: 'category' };
    for (const c of this.numberColumns) request[c] = 'number';
    this.request = request;
  }

  /** The file columns read as numbers (the driver scores come with the chunk). */
  private readonly numberColumns: readonly string[];

  private state(code: number): WaveState {
    let s = this.byCode[code];
    if (!s) {
      const o = this.o;
      s = {
        members: 0,
        index: this.newIndex(),
        satisfied: emptyBinary(),
        retained: emptyBinary(),
        drivers: o.drivers.map(emptyCentred),
        driverRows: 0,
        importance: undefined,
        poisson:
          o.bootstrap && o.importance
            ? new PoissonMoments(o.drivers.length + 1, o.bootstrap.replicates, waveSeed(o.bootstrap.seed, this.levels[code]))
            : undefined,
      };
      this.byCode[code] = s;
      this.codes.push(code);
    }
    return s;
  }

  /** A wave's index accumulator: compareWaves' indices of the wave's rows. */
  private newIndex(): IndexAccumulator {
    const o = this.o;
    return new IndexAccumulator({
      recommend: o.nps,
      csat: o.csat,
      loyaltyIndex: o.customerLoyaltyIndex
        ? { items: o.customerLoyaltyIndex.items, min: o.customerLoyaltyIndex.scale?.min, max: o.customerLoyaltyIndex.scale?.max }
        : undefined,
      retained: o.retention,
      weights: o.weights,
      missingCodes: o.missingCodes,
      confidenceLevel: o.confidenceLevel,
      // compareWaves passes the CLI scale without `integer`.
      cliScaleInteger: false,
    });
  }

  /** The index accumulator that fills the waves' indices as its groups (see {@link WaveAccumulator.share}). */
  private shared: IndexAccumulator | undefined;

  /**
   * Lets `indices` (the analysis' index accumulator over the same chunks) fill each wave's
   * indices as it reads its columns, instead of each wave reading them again: only when it
   * scores rows as compareWaves does (the same cuts, and the CLI's default convention). Returns
   * whether it does.
   */
  share(indices: IndexAccumulator): boolean {
    if (this.rowsIn > 0 || !indices.scoresAlike(this.newIndex())) return false;
    this.shared = indices;
    indices.grouping = { group: (chunk) => this.membersOf(chunk), child: (code) => this.state(code).index };
    return true;
  }

  /** The chunk whose members were last found, and them (each row's wave code, or -1). */
  private lastChunk: ColumnChunk | undefined;
  private lastMembers = new Int32Array(0);
  private lastView = new Int32Array(0);

  /** Each row's wave (a code of the wave column) if it is a member of one, else -1: once per chunk. */
  private membersOf(chunk: ColumnChunk): Int32Array {
    if (chunk === this.lastChunk) return this.lastView;
    const o = this.o;
    const n = chunk.length;
    const codes = this.waveCodes(chunk);
    const w = o.weights ? chunk.numbers[o.weights]! : undefined;
    const member = this.lastMembers.length >= n ? this.lastMembers.subarray(0, n) : new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      member[i] = -1;
      if (c < 0) {
        this.byColumn[o.wave] = (this.byColumn[o.wave] ?? 0) + 1;
        continue;
      }
      if (this.present < 2 && c !== this.firstPresent) {
        this.present++;
        this.firstPresent = c;
      }
      // Past the cap a new wave gets no state (so no memory); the section is then skipped.
      if (this.byCode[c] === undefined && this.codes.length >= this.cap) {
        this.overflowed = true;
        continue;
      }
      if (w) {
        const wi = w[i]!;
        if (wi !== wi) {
          this.byColumn[o.weights!] = (this.byColumn[o.weights!] ?? 0) + 1;
          continue;
        }
        if (wi < 0 && this.problem === undefined) {
          try {
            readCell(wi, this.rowsIn + i, { argument: 'rows', column: o.weights, scale: { min: 0 } });
          } catch (e) {
            this.problem = e as Error;
          }
        }
      }
      member[i] = c;
      this.state(c).members++;
    }
    this.rowsIn += n;
    this.lastChunk = chunk;
    if (member.buffer !== this.lastMembers.buffer) this.lastMembers = member;
    this.lastView = member;
    return member;
  }

  /** Levels of a wave column read as numbers (a model that declares it numeric), by value. */
  private readonly numericLevels = new Map<number, number>();
  private readonly numericLevelList: number[] = [];

  /** The chunk's wave codes (-1 missing): the category codes, or codes given here to the numbers. */
  private waveCodes(chunk: ColumnChunk): Int32Array {
    const o = this.o;
    const category = chunk.categories[o.wave];
    if (category) {
      this.levels = category.levels;
      return category.codes;
    }
    const x = chunk.numbers[o.wave]!;
    const codes = new Int32Array(chunk.length);
    const levels = this.numericLevelList;
    for (let i = 0; i < chunk.length; i++) {
      const v = x[i]!;
      if (v !== v) {
        codes[i] = -1;
        continue;
      }
      let c = this.numericLevels.get(v);
      if (c === undefined) {
        c = levels.length;
        this.numericLevels.set(v, c);
        levels.push(v);
      }
      codes[i] = c;
    }
    this.levels = levels;
    return codes;
  }

  add(chunk: ColumnChunk): void {
    const member = this.membersOf(chunk);
    if (this.problem) return;
    if (!this.shared) this.feedIndices(chunk, member);
    this.addMoments(chunk, member);
  }

  /** Each wave's index accumulator fed the wave's rows of this chunk, in file order. */
  private feedIndices(chunk: ColumnChunk, member: Int32Array): void {
    const n = chunk.length;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) if (member[i]! >= 0) counts.set(member[i]!, (counts.get(member[i]!) ?? 0) + 1);
    const columns = this.numberColumns;
    for (const [code, size] of counts) {
      const at = new Int32Array(size);
      let k = 0;
      for (let i = 0; i < n; i++) if (member[i] === code) at[k++] = i;
      const numbers: Record<string, Float64Array> = {};
      for (const c of columns) {
        const from = chunk.numbers[c]!;
        const to = new Float64Array(size);
        for (let t = 0; t < size; t++) to[t] = from[at[t]!]!;
        numbers[c] = to;
      }
      const lines = new Int32Array(size);
      for (let t = 0; t < size; t++) lines[t] = chunk.lines[at[t]!] ?? 0;
      this.state(code).index.add({ length: size, firstRow: 0, lines, numbers, categories: {} });
    }
  }

  /** Work buffers, by wave slot in this chunk (reused from chunk to chunk). */
  private slotOfRow = new Int32Array(0);

  /** The 0/1 answers, the driver means and the importance moments of this chunk's members. */
  private addMoments(chunk: ColumnChunk, member: Int32Array): void {
    const o = this.o;
    const n = chunk.length;
    const w = o.weights ? chunk.numbers[o.weights]! : undefined;
    const { one, many } = missingCodeTest(o.missingCodes);
    // Dense slots for the waves of this chunk.
    const slotStates: WaveState[] = [];
    const slotOfCode = new Map<number, number>();
    if (this.slotOfRow.length < n) this.slotOfRow = new Int32Array(n);
    const slot = this.slotOfRow;
    for (let i = 0; i < n; i++) {
      const c = member[i]!;
      if (c < 0) {
        slot[i] = -1;
        continue;
      }
      let k = slotOfCode.get(c);
      if (k === undefined) {
        k = slotStates.length;
        slotOfCode.set(c, k);
        slotStates.push(this.state(c));
      }
      slot[i] = k;
    }
    const S = slotStates.length;
    if (S === 0) return;
    // CSAT and retention: per answer, count and sums of (squared) weights.
    const binary = (x: Float64Array, pick: (s: WaveState) => Binary, min: number, exactlyOne: boolean) => {
      const into = slotStates.map(pick);
      for (let i = 0; i < n; i++) {
        const k = slot[i]!;
        if (k < 0) continue;
        const v = x[i]!;
        if (v !== v || v === one || (many !== undefined && many.includes(v))) continue;
        const y = (exactlyOne ? v === 1 : v >= min) ? 1 : 0;
        const wi = w ? w[i]! : 1;
        const b = into[k]!;
        b.count[y]++;
        b.w[y] += wi;
        b.w2[y] += wi * wi;
      }
    };
    if (o.csat) binary(chunk.numbers[o.csat.column]!, (s) => s.satisfied, o.csat.satisfiedMin ?? 4, false);
    if (o.retention) binary(chunk.numbers[o.retention]!, (s) => s.retained, 0, true);
    const p = o.drivers.length;
    if (p === 0) return;
    const x = o.drivers.map((d) => chunk.numbers[d]!);
    const y = o.importance ? chunk.numbers[o.importance.outcome]! : undefined;
    const variables = [...o.drivers, o.importance?.outcome ?? ''];
    const k1 = p + 1;
    // Pass 1: the rows complete on the scores (and on the outcome), their weights and weighted sums.
    const complete = new Uint8Array(n);
    const cw = new Float64Array(S);
    const cw2 = new Float64Array(S);
    const cn = new Float64Array(S);
    const cwx = new Float64Array(S * p);
    const iw = new Float64Array(S);
    const inn = new Float64Array(S);
    const iwx = new Float64Array(S * k1);
    const px = new Float64Array(k1);
    for (let i = 0; i < n; i++) {
      const k = slot[i]!;
      if (k < 0) continue;
      let ok = true;
      for (let j = 0; j < p; j++) {
        const v = x[j]![i]!;
        if (v !== v) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const wi = w ? w[i]! : 1;
      complete[i] = 1;
      cn[k]!++;
      cw[k] = cw[k]! + wi;
      cw2[k] = cw2[k]! + wi * wi;
      for (let j = 0; j < p; j++) cwx[k * p + j] = cwx[k * p + j]! + wi * x[j]![i]!;
      if (y) {
        const v = y[i]!;
        if (v !== v || v === one || (many !== undefined && many.includes(v))) continue;
        complete[i] = 2;
        const poisson = slotStates[k]!.poisson;
        if (poisson) {
          for (let j = 0; j < p; j++) px[j] = x[j]![i]!;
          px[p] = v;
          poisson.add(px, wi, chunk.firstRow + i);
        }
        inn[k]!++;
        iw[k] = iw[k]! + wi;
        for (let j = 0; j < p; j++) iwx[k * k1 + j] = iwx[k * k1 + j]! + wi * x[j]![i]!;
        iwx[k * k1 + p] = iwx[k * k1 + p]! + wi * v;
      }
    }
    // Pass 2: sums about this chunk's means (the first valid value where the weights sum to 0).
    const mean = new Float64Array(S * p);
    const imean = new Float64Array(S * k1);
    for (let k = 0; k < S; k++) {
      for (let j = 0; j < p; j++) mean[k * p + j] = cw[k]! > 0 ? cwx[k * p + j]! / cw[k]! : Number.NaN;
      for (let j = 0; j < k1; j++) imean[k * k1 + j] = iw[k]! > 0 ? iwx[k * k1 + j]! / iw[k]! : Number.NaN;
    }
    for (let i = 0; i < n && (mean.includes(Number.NaN) || imean.includes(Number.NaN)); i++) {
      const k = slot[i]!;
      if (k < 0 || complete[i] === 0) continue;
      for (let j = 0; j < p; j++) if (mean[k * p + j]! !== mean[k * p + j]!) mean[k * p + j] = x[j]![i]!;
      if (complete[i] === 2) {
        for (let j = 0; j < p; j++) if (imean[k * k1 + j]! !== imean[k * k1 + j]!) imean[k * k1 + j] = x[j]![i]!;
        if (imean[k * k1 + p]! !== imean[k * k1 + p]!) imean[k * k1 + p] = y![i]!;
      }
    }
    const cs = new Float64Array(S * p);
    const cq = new Float64Array(S * p);
    const cl = new Float64Array(S * p);
    const block = new Float64Array(S * k1 * k1);
    const ir = new Float64Array(S * k1);
    const d = new Float64Array(k1);
    for (let i = 0; i < n; i++) {
      const c = complete[i]!;
      if (c === 0) continue;
      const k = slot[i]!;
      const wi = w ? w[i]! : 1;
      for (let j = 0; j < p; j++) {
        const e = wi * (x[j]![i]! - mean[k * p + j]!);
        cs[k * p + j] = cs[k * p + j]! + e;
        cq[k * p + j] = cq[k * p + j]! + e * e;
        cl[k * p + j] = cl[k * p + j]! + wi * e;
      }
      if (c === 2) {
        for (let j = 0; j < p; j++) d[j] = x[j]![i]! - imean[k * k1 + j]!;
        d[p] = y![i]! - imean[k * k1 + p]!;
        const base = k * k1 * k1;
        for (let j = 0; j < k1; j++) {
          const dj = wi * d[j]!;
          ir[k * k1 + j] = ir[k * k1 + j]! + dj;
          if (dj === 0) continue;
          for (let l = j; l < k1; l++) block[base + j * k1 + l] = block[base + j * k1 + l]! + dj * d[l]!;
        }
      }
    }
    for (let k = 0; k < S; k++) {
      const st = slotStates[k]!;
      if (cn[k]! === 0) continue;
      st.driverRows += cn[k]!;
      for (let j = 0; j < p; j++) {
        const at = k * p + j;
        mergeCentred(st.drivers[j]!, { n: cn[k]!, w: cw[k]!, w2: cw2[k]!, mean: mean[at]!, s: cs[at]!, q: cq[at]!, l: cl[at]! });
      }
      if (!y || inn[k]! === 0) continue;
      // The chunk's centred cross-products (about its rounded means, then their residual
      // sum w (x - m) moved in: sscp about the exact means), merged as Chan et al. merge them.
      const base = k * k1 * k1;
      const r = ir.subarray(k * k1, (k + 1) * k1);
      const bw = iw[k]!;
      const means: number[] = [];
      const sscp: number[][] = [];
      for (let j = 0; j < k1; j++) means.push(imean[k * k1 + j]! + (bw > 0 ? r[j]! / bw : 0));
      for (let j = 0; j < k1; j++) {
        const row: number[] = [];
        for (let l = 0; l < k1; l++) {
          const v = j <= l ? block[base + j * k1 + l]! : block[base + l * k1 + j]!;
          row.push(bw > 0 ? v - (r[j]! * r[l]!) / bw : v);
        }
        sscp.push(row);
      }
      const part: SufficientStatistics = {
        kind: 'sufficient-statistics',
        variables,
        n: inn[k]!,
        weightSum: bw,
        weighted: w !== undefined,
        means,
        sscp,
        missing: { policy: 'omit', rowsIn: inn[k]!, rowsUsed: inn[k]!, rowsDropped: 0, byColumn: {} },
      };
      st.importance = st.importance ? mergeSufficientStatistics(st.importance, part) : part;
    }
  }

  /** Wave values seen in the data (with or without a usable weight): fewer than two is a warning, not an error. */
  waveCount(): number {
    return this.present;
  }

  /**
   * The comparison, as compareWaves returns it; `transitions(from, to, warnings)` gives each
   * comparison's panel transitions (or null).
   */
  result(
    transitions: (from: WaveValue, to: WaveValue, warnings: Warning[]) => WaveComparison['transitions'] = () => null,
  ): CompareWavesResult {
    const o = this.o;
    if (this.problem) throw this.problem;
    const level = o.confidenceLevel;
    const weighted = o.weights !== undefined;
    const codes = this.codes;
    let waves: WaveValue[] = codes.map((c) => this.levels[c]!);
    const numeric = waves.every((v) => typeof v === 'number');
    const order = codes
      .map((c, k) => ({ c, v: waves[k]! }))
      .sort(
        numeric
          ? (a, b) => (a.v as number) - (b.v as number)
          : (a, b) => (String(a.v) < String(b.v) ? -1 : String(a.v) > String(b.v) ? 1 : 0),
      );
    waves = order.map((x) => x.v);
    const states = order.map((x) => this.byCode[x.c]!);
    if (waves.length < 2) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `options.wave: column "${o.wave}" has ${waves.length === 0 ? 'no wave' : `one wave (${JSON.stringify(waves[0])})`}; comparing waves needs at least 2`,
        { argument: 'options.wave', column: o.wave, expected: 'at least 2 waves' },
      );
    }
    const inEach = <T>(fn: (s: WaveState, j: number) => T): T[] => states.map((s, j) => inWave(waveName(waves[j]!), () => fn(s, j)));
    // Indices per wave, in compareWaves' order (NPS, CSAT, retention, the CLI).
    const indices = inEach((s) => s.index.result());
    const npsResults = o.nps
      ? inEach((_, j) => {
          const r = weighted ? indices[j]!.npsWeighted : indices[j]!.nps;
          if (!r) throw new InputError('INVALID_OPTION', 'options.nps: no NPS', { argument: 'options.nps' });
          return r as NpsResult;
        })
      : undefined;
    const csatResults = o.csat ? indices.map((x) => x.csat!) : undefined;
    const retentionResults = o.retention ? indices.map((x) => x.retention!) : undefined;
    const cliResults = o.customerLoyaltyIndex ? indices.map((x) => x.customerLoyaltyIndex as CustomerLoyaltyIndexResult) : undefined;
    const p = o.drivers.length;
    const variables = [...o.drivers, o.importance?.outcome ?? ''];
    const importancePoint = o.importance
      ? inEach((s) => {
          const m = s.importance;
          const n = m?.n ?? 0;
          checkWaveCases(n, variables);
          return waveImportanceFrom(correlationFromSscp(m!.sscp), n, variables, o.importance!.metric);
        })
      : undefined;

    // The Poisson replicates of each wave's importance (metric values b * p + j, and R2).
    const plan = o.bootstrap;
    const replicates =
      plan && o.importance
        ? inEach((s) => {
            const r = poissonReplicates(s.poisson!, o.drivers, o.importance!.outcome, [o.importance!.metric], { method: 'exact' }, plan);
            return { values: r.values[0]!, rSquared: r.rSquared, dropped: r.dropped };
          })
        : undefined;
    const est = estimateFields;
    const summaries: WaveSummary[] = states.map((s, j) => {
      let drivers: WaveSummary['drivers'] = null;
      if (p > 0) {
        const means: Record<string, { mean: number; standardError: number; standardDeviation: number | null }> = {};
        o.drivers.forEach((d, k) => {
          const side = driverSide(s.drivers[k]!, weighted);
          means[d] = {
            mean: side.mean,
            standardError: Math.sqrt(side.meanVariance),
            standardDeviation: !weighted && side.n > 1 ? Math.sqrt(side.variance!) : null,
          };
        });
        drivers = { n: s.driverRows, means };
      }
      return {
        wave: waves[j]!,
        rows: s.members,
        nps: npsResults ? est(npsResults[j]!) : null,
        csat: csatResults ? est(csatResults[j]!) : null,
        retention: retentionResults ? est(retentionResults[j]!) : null,
        customerLoyaltyIndex: cliResults ? est(cliResults[j]!) : null,
        drivers,
        importance: importancePoint
          ? replicates && plan
            ? withWaveIntervals(importancePoint[j]!, replicates[j]!, o.drivers, plan.confidenceLevel)
            : importancePoint[j]!
          : null,
      };
    });

    const warnings: Warning[] = [];
    const comparisons: WaveComparison[] = waves.slice(1).map((_, f) => {
      const t = f + 1;
      const label = `comparing ${waveName(waves[f]!)} (a) with ${waveName(waves[t]!)} (b)`;
      return inWave(label, () => {
        let drivers: Record<string, CompareMeansResult> | null = null;
        if (p > 0) {
          drivers = {};
          o.drivers.forEach((d, k) => {
            const a = sampleSide(driverSide(states[f]!.drivers[k]!, weighted), 'a', weighted);
            const b = sampleSide(driverSide(states[t]!.drivers[k]!, weighted), 'b', weighted);
            drivers![d] = compareMeanSides(a, b, { confidenceLevel: level });
          });
        }
        const proportion = (x: Binary, name: 'a' | 'b') => proportionSide(x, name, weighted);
        return {
          from: waves[f]!,
          to: waves[t]!,
          nps: npsResults ? compareNps(npsResults[f]!, npsResults[t]!, { confidenceLevel: level }) : null,
          csat: o.csat
            ? compareProportionSides(proportion(states[f]!.satisfied, 'a'), proportion(states[t]!.satisfied, 'b'), {
                confidenceLevel: level,
              })
            : null,
          retention: o.retention
            ? compareProportionSides(proportion(states[f]!.retained, 'a'), proportion(states[t]!.retained, 'b'), { confidenceLevel: level })
            : null,
          customerLoyaltyIndex: cliResults
            ? compareMeanSides(cliSide(cliResults[f]!, 'a', weighted), cliSide(cliResults[t]!, 'b', weighted), { confidenceLevel: level })
            : null,
          drivers,
          importance:
            replicates && importancePoint && plan
              ? waveDifferenceIntervals(
                  importancePoint[f]!,
                  importancePoint[t]!,
                  replicates[f]!,
                  replicates[t]!,
                  o.drivers,
                  plan.confidenceLevel,
                )
              : null,
          transitions: transitions(waves[f]!, waves[t]!, warnings),
        };
      });
    });
    const used = states.reduce((a, s) => a + s.members, 0);
    return {
      method: 'wave-comparison',
      wave: o.wave,
      waves: summaries,
      design: 'consecutive',
      comparisons,
      weighted,
      surveyDesign: null,
      confidenceLevel: level,
      importance: o.importance ? { outcome: o.importance.outcome, metric: o.importance.metric } : null,
      bootstrap:
        plan && replicates
          ? {
              method: 'poisson',
              replicates: plan.replicates,
              seed: plan.seed,
              confidenceLevel: plan.confidenceLevel,
              intervalMethod: 'percentile',
              redrawn: replicates.reduce((a, r) => a + r.dropped, 0),
            }
          : null,
      missing: { policy: 'omit', rowsIn: this.rowsIn, rowsUsed: used, rowsDropped: this.rowsIn - used, byColumn: { ...this.byColumn } },
      warnings,
    };
  }
}

/**
 * A driver score's side of the t test: linearizedMean's mean and variance, the SD unweighted.
 * The sums are moved from the rounded mean m to the exact weighted mean m + s / W:
 * `sum w^2 (x - m - d)^2 = q - 2 d l + d^2 W2` with d = s / W (with a mean of 1e8 and an SD of 1
 * the rounding of m alone, 7e-9, would move the SE by about 1e-10 relative).
 */
function driverSide(centred: Centred, weighted: boolean): MeanSide {
  const n = centred.n;
  if (n === 0) return { mean: Number.NaN, n, variance: Number.NaN, meanVariance: 0, weighted };
  const d = centred.w === 0 ? 0 : centred.s / centred.w;
  const c = { ...centred, mean: centred.mean + d, q: centred.q - 2 * d * centred.l + d * d * centred.w2 };
  if (weighted) {
    const variance = n > 1 ? ((n / (n - 1)) * c.q) / (c.w * c.w) : 0;
    return { mean: c.mean, n, variance: null, meanVariance: variance, weighted };
  }
  const variance = n > 1 ? c.q / (n - 1) : 0;
  return { mean: c.mean, n, variance, meanVariance: n > 1 ? c.q / (n * (n - 1)) : 0, weighted };
}

/** A sample of fewer than 2 values fails the test as readSample fails it (the same error). */
function sampleSide(side: MeanSide, name: string, weighted: boolean): MeanSide {
  if (side.n < 2)
    readVector(new Array(side.n).fill(0), { argument: name, minimum: 2, weights: weighted ? new Array(side.n).fill(1) : undefined });
  return side;
}

/** A 0/1 answer's side of the proportion test, from its counts and sums of (squared) weights. */
function proportionSide(x: Binary, name: string, weighted: boolean): ProportionSide {
  const n = x.count[0] + x.count[1];
  if (n < 1) readVector([], { argument: name, minimum: 1, weights: weighted ? [] : undefined });
  const successes = x.count[1];
  if (!weighted) return { p: successes / n, successes, n, weighted, variance: Number.NaN, design: undefined };
  const sw = x.w[0] + x.w[1];
  const p = x.w[1] / sw;
  const acc = (1 - p) * (1 - p) * x.w2[1] + p * p * x.w2[0];
  return { p, successes, n, weighted, variance: n > 1 ? ((n / (n - 1)) * acc) / (sw * sw) : 0, design: undefined };
}

/** The CLI's side of the t test from the wave's index (its SE is the linearized SE of the per-respondent scores). */
function cliSide(r: CustomerLoyaltyIndexResult, name: string, weighted: boolean): MeanSide {
  const n = r.n;
  // The net convention's SE has denominator n; the t test's mean variance has n - 1.
  const meanVariance = r.convention === 'net' && n > 1 ? (r.standardError ** 2 * n) / (n - 1) : r.standardError ** 2;
  return sampleSide({ mean: r.estimate, n, variance: weighted ? null : meanVariance * n, meanVariance, weighted }, name, weighted);
}

/**
 * The streaming comparison's settings from the model's `compareWaves` options (`waveOptions`):
 * the driver scales become their score names (the chunks carry the scores).
 */
export function streamingWaveOptions(o: CompareWavesOptions, bootstrap?: BootstrapPlan): WaveAccumulatorOptions {
  const nps = typeof o.nps === 'string' ? { column: o.nps } : o.nps;
  const csat = typeof o.csat === 'string' ? { column: o.csat } : o.csat;
  const cli = o.customerLoyaltyIndex;
  return {
    wave: o.wave,
    nps: nps ? { column: nps.column, promoterMin: nps.promoterMin, detractorMax: nps.detractorMax } : undefined,
    csat: csat ? { column: csat.column, satisfiedMin: csat.satisfiedMin } : undefined,
    retention: o.retention,
    customerLoyaltyIndex: cli ? { items: cli.items, scale: cli.scale } : undefined,
    drivers: o.drivers ? Object.keys(o.drivers) : [],
    importance: o.importance ? { outcome: o.importance.outcome, metric: o.importance.metric ?? 'lmg' } : undefined,
    weights: o.weights,
    confidenceLevel: o.confidenceLevel ?? 0.95,
    missingCodes: o.missingCodes,
    ...(bootstrap && o.importance ? { bootstrap: { ...bootstrap, onProgress: undefined } } : {}),
  };
}

/** A wave's seed for its Poisson counts: the plan's seed mixed with the wave's value (FNV-1a). @internal */
export function waveSeed(seed: number, wave: WaveValue | undefined): number {
  const text = `${typeof wave}:${String(wave)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (Math.imul((h ^ seed) >>> 0, 0x9e3779b1) >>> 0) % 2147483647;
}
