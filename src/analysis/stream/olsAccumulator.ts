/**
 * The regression of a continuous outcome on the drivers in two passes and bounded memory, by
 * the same Householder QR as `ols` on rows: the first pass gives the (weighted) means and
 * column scales (`MomentAccumulator`), the second streams the centred, equilibrated design rows
 * `sqrt(w) [s0, (x - m) s]` with `z = sqrt(w) (y - m_y)` into a (p + 2) x (p + 2) triangular
 * factor, chunk by chunk (TSQR: the factor of [R; chunk] is the factor of all rows so far;
 * Demmel, Grigori, Hoemmen & Langou 2012). R, Q'z and the residual norm are those of the
 * one-shot factorization up to the signs of R's rows, to which every quantity `ols` reports is
 * invariant. Memory: (p + 2)^2 numbers plus one chunk.
 * @internal
 */
import { InsufficientDataError } from '../../errors.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import { applyQTranspose, householderQr, triangularFactor } from '../../internal/qr.js';
import { finishFit, fitFromFactor } from '../../regression/fitRows.js';
import { olsResult } from '../../regression/ols.js';
import { rankDeficiencyError } from '../../regression/rankError.js';
import type { OlsResult } from '../../regression/types.js';
import type { SufficientStatistics } from '../../summary/sufficientStatistics.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';
import type { MomentAccumulator } from './momentAccumulator.js';
import { dropMissing } from './completeCases.js';
import { SlotIndex } from './valueTable.js';

const MAX_BINS = 10_000;

/** Complete rows per TSQR block (6 columns of 1,024 rows: 48 KB, in cache). */
const BLOCK = 1024;

function powerOfTwoBelow(x: number): number {
  return x > 0 && Number.isFinite(x) ? 2 ** Math.floor(Math.log2(x)) : 1;
}

/**
 * The checks `ols` makes on its sample before fitting, from the first pass: enough cases with a
 * positive weight, outcome and drivers that vary. Throws as `ols` does.
 */
export function checkRegressionSample(
  outcome: string,
  drivers: readonly string[],
  weighted: boolean,
  moments: MomentAccumulator,
): SufficientStatistics {
  const statistics = moments.result();
  const n = statistics.n;
  const coefficients = drivers.length + 1;
  if (n <= coefficients) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${n} complete case${n === 1 ? '' : 's'}${weighted ? ' with a positive weight' : ''} for ${coefficients} coefficients ((Intercept), ${drivers.join(', ')}): need at least ${coefficients + 1} (n must exceed the number of coefficients)`,
      { argument: 'rows', value: n, expected: `at least ${coefficients + 1} complete cases` },
    );
  }
  [outcome, ...drivers].forEach((column, j) => {
    if (moments.varies[j]) return;
    const first = moments.firstPositive?.[j];
    const argument = j === 0 ? 'options.outcome' : 'options.predictors';
    throw new InsufficientDataError(
      'ZERO_VARIANCE',
      `column "${column}" is constant (every complete case is ${first}): it cannot ${j === 0 ? 'be modelled' : 'be a predictor beside the intercept'}`,
      { argument, column, value: first ?? null, expected: 'a column that varies' },
    );
  });
  return statistics;
}

/** Second pass of the regression of `outcome` on `drivers`. */
export class OlsAccumulator implements ChunkAccumulator<OlsResult> {
  readonly request: ColumnRequest;
  private readonly k: number;
  /** Column-major k x k upper-triangular factor of the augmented design [X, z]. */
  private r: Float64Array;
  private totalSquares = 0;
  private readonly scales: number[];
  private readonly means: number[];
  private readonly yMean: number;
  /** Total weight and first row of each distinct outcome value among the complete cases (what-if needs no more). */
  private overflow = false;
  private readonly bins = new SlotIndex();
  private readonly binWeights = new Float64Array(MAX_BINS);
  private readonly binRows = new Int32Array(MAX_BINS);
  /** Work buffers reused from chunk to chunk. */
  private keep = new Uint8Array(0);
  private work = new Float64Array(0);

  constructor(
    private readonly outcome: string,
    private readonly drivers: readonly string[],
    private readonly weights: string | undefined,
    private readonly missingCodes: readonly number[] | undefined,
    private readonly statistics: SufficientStatistics,
    private readonly confidenceLevel: number,
    private readonly tolerance = 1e-7,
  ) {
    this.request = { [outcome]: 'number', ...(weights === undefined ? {} : { [weights]: 'number' }) };
    const p = drivers.length;
    this.k = p + 2;
    this.r = new Float64Array(this.k * this.k);
    // Variables of the statistics: outcome first, then the drivers.
    this.yMean = statistics.means[0]!;
    this.means = drivers.map((_, j) => statistics.means[j + 1]!);
    const W = statistics.weightSum;
    this.scales = [1 / powerOfTwoBelow(Math.sqrt(W))];
    for (let j = 0; j < p; j++) {
      const m = this.means[j]!;
      this.scales.push(1 / powerOfTwoBelow(Math.sqrt(statistics.sscp[j + 1]![j + 1]! + W * m * m)));
    }
  }

  add(chunk: ColumnChunk): void {
    const k = this.k;
    const p = this.drivers.length;
    const xs = this.drivers.map((d) => chunk.numbers[d]!);
    const y = chunk.numbers[this.outcome]!;
    const w = this.weights === undefined ? undefined : chunk.numbers[this.weights]!;
    const codes = this.missingCodes ?? [];
    const m = chunk.length;
    // Complete cases column by column (tight loops), as `ols` drops rows: outcome, drivers, weight.
    if (this.keep.length < m) this.keep = new Uint8Array(m);
    const keep = this.keep;
    keep.fill(1, 0, m);
    for (const c of [y, ...xs]) dropMissing(c, keep, m, codes);
    if (w) for (let i = 0; i < m; i++) if (w[i] !== w[i]) keep[i] = 0;
    // Blocks of BLOCK complete rows, each stacked under R and factored (TSQR): a block's columns
    // stay in cache, where one factor of a whole chunk would stream its columns from memory.
    const rows = k + BLOCK;
    if (this.work.length < rows * k) this.work = new Float64Array(rows * k);
    const a = this.work;
    let used = k;
    const s = this.scales;
    const zAt = (p + 1) * rows;
    for (let i = 0; i < m; i++) {
      if (keep[i] === 0) continue;
      const yi = y[i]!;
      const wi = w ? w[i]! : 1;
      const root = Math.sqrt(wi);
      a[used] = root * s[0]!;
      for (let j = 0; j < p; j++) a[(j + 1) * rows + used] = root * ((xs[j]![i]! - this.means[j]!) * s[j + 1]!);
      const slot = this.bins.get(yi);
      if (slot !== -1) this.binWeights[slot]! += wi;
      else if (this.bins.size < MAX_BINS) {
        const b = this.bins.add(yi);
        this.binWeights[b] = wi;
        this.binRows[b] = chunk.firstRow + i;
      } else this.overflow = true;
      const z = root * (yi - this.yMean);
      a[zAt + used] = z;
      this.totalSquares += z * z;
      used++;
      if (used === rows) {
        this.factor(a, rows, used);
        used = k;
      }
    }
    if (used > k) this.factor(a, rows, used);
  }

  /** Householder on [R; the block's rows] (column-major, stride `rows`, `n` rows used); R becomes the new factor. No rank test here: the final factor is tested once. */
  private factor(a: Float64Array, stride: number, n: number): void {
    const k = this.k;
    // R on top (its lower part zero).
    for (let c = 0; c < k; c++) {
      for (let i = 0; i <= c; i++) a[c * stride + i] = this.r[c * k + i]!;
      for (let i = c + 1; i < k; i++) a[c * stride + i] = 0;
    }
    for (let c = 0; c < k; c++) {
      const off = c * stride;
      let ss = 0;
      for (let i = c; i < n; i++) ss += a[off + i]! * a[off + i]!;
      const norm = Math.sqrt(ss);
      if (norm === 0) continue;
      const alpha = a[off + c]!;
      const beta = alpha >= 0 ? -norm : norm;
      const scale = 1 / (alpha - beta);
      for (let i = c + 1; i < n; i++) a[off + i] = a[off + i]! * scale;
      const t = (beta - alpha) / beta;
      a[off + c] = beta;
      for (let j = c + 1; j < k; j++) {
        const oj = j * stride;
        let dot = a[oj + c]!;
        for (let i = c + 1; i < n; i++) dot += a[off + i]! * a[oj + i]!;
        dot *= t;
        a[oj + c] = a[oj + c]! - dot;
        for (let i = c + 1; i < n; i++) a[oj + i] = a[oj + i]! - dot * a[off + i]!;
      }
    }
    for (let c = 0; c < k; c++) for (let i = 0; i <= c; i++) this.r[c * k + i] = a[c * stride + i]!;
  }

  /**
   * The what-if inputs: each distinct outcome value, its cases' total weight and first row; null
   * when the outcome has more than 10,000 distinct values (what-if's NPS part needs a 0-10 score;
   * other outcomes use only the weighted mean, which the first pass has).
   */
  outcomeValues(): { scores: Float64Array; weights: Float64Array; rows: Int32Array } | null {
    if (this.overflow) return null;
    const k = this.bins.size;
    return { scores: this.bins.keys.slice(0, k), weights: this.binWeights.slice(0, k), rows: this.binRows.slice(0, k) };
  }

  result(): OlsResult {
    const k = this.k;
    const p = this.drivers.length;
    const q = p + 1;
    // The design block of the factor, factored again with the rank test `ols` applies.
    const design = new Float64Array(q * q);
    for (let c = 0; c < q; c++) for (let i = 0; i <= c; i++) design[c * q + i] = this.r[c * k + i]!;
    const qr = householderQr(design, q, q, this.tolerance);
    const terms = ['(Intercept)', ...this.drivers];
    if (qr.dependent.length > 0) throw rankDeficiencyError(qr, terms, this.scales, this.means, this.tolerance);
    const qz = new Float64Array(q);
    for (let i = 0; i < q; i++) qz[i] = this.r[(k - 1) * k + i]!;
    applyQTranspose(qr, qz);
    const r = triangularFactor(qr);
    const rLast = this.r[k * k - 1]!;
    const rss = rLast * rLast;
    const st = this.statistics;
    const sample = {
      outcome: this.outcome,
      predictors: this.drivers,
      n: st.n,
      weightSum: st.weightSum,
      missing: st.missing,
      weights: this.weights,
    };
    const core = fitFromFactor(r, qz, this.scales, this.means, this.yMean, sample);
    const fit = finishFit(core, rss, this.totalSquares, sample, undefined, this.yMean);
    return olsResult(
      sample,
      fit,
      { outcome: this.outcome, predictors: this.drivers, weights: this.weights, confidenceLevel: this.confidenceLevel },
      this.confidenceLevel,
      this.tolerance,
      false,
      false,
    );
  }
}
