/**
 * Fits on an outcome and the driver scores in memory that does not grow with the rows: survey
 * scores are discrete, so the complete cases of (outcome, driver scores, weight) take few
 * distinct values. One pass counts them:
 * - the cases table: each distinct (outcome, scores, weight) once with its count and first row,
 *   read and checked exactly as the row readers read them (the same cell rules, messages and
 *   checks): a 0/1 outcome's logistic regression (`sample()`, fitted by `logisticFromDistinct`
 *   with frequency weights: the rows' fit, as the row path compresses equal cases), and a
 *   continuous outcome's penalty-reward and necessary conditions (`columnSample()`, with their
 *   counts);
 * - the importance patterns: each distinct (outcome, scores) with the total weight of its rows,
 *   as `patternRows` builds them from kept columns (the subset fits of importance and dominance).
 * Past `cap` distinct patterns a table stops (`overflowed`) and its section needs the rows.
 * Memory: (p + 2) numbers per pattern; at most 2 x 19^4 patterns for four scores of three 1-7
 * items, about 2,000 on the example survey.
 * @internal
 */
import { missingCodeTest } from './completeCases.js';
import { InsufficientDataError } from '../../errors.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import { type CellRule, type ColumnSample, checkWeightTotal, readCell, tooFewCases } from '../../internal/validate.js';
import { checkVaries, type RegressionSample } from '../../regression/design.js';
import type { MissingReport, ScaleRange } from '../../types.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';
import { FREQUENCY, PATTERN_CAP, type PatternRows } from './patternRows.js';
import { TupleTable } from '../../internal/tupleTable.js';

/** Grows a typed array to hold index `i`. */
function room<T extends Float64Array | Int32Array>(a: T, i: number): T {
  if (i < a.length) return a;
  const grown = new (a.constructor as new (n: number) => T)(Math.max(2 * a.length, i + 1));
  grown.set(a);
  return grown;
}

export interface PatternOptions {
  readonly outcome: string;
  readonly drivers: readonly string[];
  readonly weights: string | undefined;
  readonly missingCodes: readonly number[] | undefined;
  /**
   * Count the distinct cases (outcome, scores, weight) for a fit, the outcome's cells under
   * `outcomeScale` (a 0/1 outcome: 0 to 1, whole); absent: no cases table.
   */
  readonly cases?: { readonly outcomeScale?: ScaleRange };
  /** Count the importance patterns (outcome, scores) with their total weight (default true). */
  readonly patterns?: boolean;
  readonly cap?: number;
}

/** The distinct cases of a logistic fit: the sample over them and each one's row count. */
export interface DistinctSample {
  readonly sample: RegressionSample;
  readonly counts: Float64Array;
}

/** The cases and patterns of an outcome over the chunks (the scored chunks: driver scores included). */
export class PatternAccumulator implements ChunkAccumulator<PatternRows> {
  readonly request: ColumnRequest;
  private rowsIn = 0;
  // The regression sample (as regressionSampleFromColumns), when asked for.
  private readonly cases: TupleTable | undefined;
  private caseCounts = new Float64Array(256);
  private caseFirst = new Int32Array(256);
  private readonly missCount: number[];
  private missW = 0;
  private complete = 0;
  private positive = 0;
  private weightSum = 0;
  private problem: unknown;
  // The importance patterns (as patternRows), when asked for.
  private readonly patterns: TupleTable | undefined;
  private frequency = new Float64Array(256);
  private readonly byColumn = new Map<string, number>();
  private patternN = 0;
  private ws = 0;
  private wc = 0;

  constructor(private readonly o: PatternOptions) {
    const p = o.drivers.length;
    const cap = o.cap ?? PATTERN_CAP;
    this.request = { [o.outcome]: 'number', ...(o.weights === undefined ? {} : { [o.weights]: 'number' }) };
    this.cases = o.cases === undefined ? undefined : new TupleTable(p + 2, cap);
    this.patterns = o.patterns === false ? undefined : new TupleTable(p + 1, cap);
    this.missCount = new Array<number>(p + 1).fill(0);
  }

  add(chunk: ColumnChunk): void {
    const { outcome, drivers, weights } = this.o;
    const y = chunk.numbers[outcome]!;
    const xs = drivers.map((d) => chunk.numbers[d]!);
    const w = weights === undefined ? undefined : chunk.numbers[weights]!;
    if (this.patterns !== undefined) this.addPatterns(this.patterns, y, xs, w, chunk.length);
    if (this.cases !== undefined) this.addCases(chunk, y, xs, w);
    this.rowsIn += chunk.length;
  }

  /** The chunk's importance patterns (patternRows' rule: the outcome's and weight's missing codes, NaN scores). */
  private addPatterns(patterns: TupleTable, y: Float64Array, xs: readonly Float64Array[], w: Float64Array | undefined, m: number): void {
    const { drivers } = this.o;
    const codes = this.o.missingCodes ?? [];
    const { one, many } = missingCodeTest(codes);
    const isCode = (v: number): boolean => v === one || (many !== undefined && many.includes(v));
    const p = drivers.length;
    const key = new Float64Array(p + 1);
    for (let i = 0; i < m; i++) {
      const yi = y[i]!;
      let whole = yi === yi && !isCode(yi);
      if (!whole) this.count('y');
      key[0] = yi;
      for (let j = 0; j < p; j++) {
        const x = xs[j]![i]!;
        key[j + 1] = x;
        if (x !== x) {
          whole = false;
          this.count(drivers[j]!);
        }
      }
      const wi = w ? w[i]! : 1;
      if (wi !== wi || isCode(wi)) {
        whole = false;
        this.count('w');
      }
      if (!whole) continue;
      this.patternN++;
      const t = this.ws + wi;
      this.wc += Math.abs(this.ws) >= Math.abs(wi) ? this.ws - t + wi : wi - t + this.ws;
      this.ws = t;
      const s = patterns.slot(key);
      if (s >= 0) {
        this.frequency = room(this.frequency, s);
        this.frequency[s]! += wi;
      }
    }
  }

  /**
   * The chunk's rows into the cases table: every cell through its rule (as the row readers; a
   * plainly valid value skips readCell), the first bad one stops the table.
   */
  private addCases(chunk: ColumnChunk, y: Float64Array, xs: readonly Float64Array[], w: Float64Array | undefined): void {
    const cases = this.cases!;
    if (this.problem !== undefined) return;
    const { outcome, drivers, weights, missingCodes } = this.o;
    const outcomeScale = this.o.cases?.outcomeScale;
    const codes = missingCodes ?? [];
    const { one, many } = missingCodeTest(codes);
    const isCode = (v: number): boolean => v === one || (many !== undefined && many.includes(v));
    const p = drivers.length;
    const rules: CellRule[] = [outcome, ...drivers].map((column, j) => ({
      argument: 'rows',
      column,
      scale: j === 0 ? outcomeScale : undefined,
      missingCodes,
    }));
    const weightRule: CellRule = { argument: 'options.weights', column: weights, scale: { min: 0 } };
    const tuple = new Float64Array(p + 2);
    const lo = outcomeScale?.min ?? -Infinity;
    const hi = outcomeScale?.max ?? Infinity;
    const whole = outcomeScale?.integer === true;
    const m = chunk.length;
    try {
      for (let i = 0; i < m; i++) {
        const row = chunk.firstRow + i;
        let complete = true;
        for (let j = 0; j <= p; j++) {
          const raw = j === 0 ? y[i]! : xs[j - 1]![i]!;
          // A plainly valid value skips readCell (an outcome on its scale, a score; neither a missing code).
          if (raw - raw === 0 && (j > 0 || (raw >= lo && raw <= hi && (!whole || Number.isInteger(raw)))) && !isCode(raw)) {
            tuple[j] = raw;
            continue;
          }
          const v = readCell(raw === raw ? raw : null, row, rules[j]!);
          if (v === null) {
            this.missCount[j]!++;
            complete = false;
          } else tuple[j] = v;
        }
        let wv = 1;
        if (w) {
          const raw = w[i]!;
          const read = raw >= 0 && raw - raw === 0 ? raw : readCell(raw === raw ? raw : null, row, weightRule);
          if (read === null) {
            this.missW++;
            complete = false;
          } else wv = read;
        }
        if (!complete) continue;
        tuple[p + 1] = wv;
        this.complete++;
        if (!w || wv > 0) this.positive++;
        this.weightSum += wv;
        const s = cases.slot(tuple);
        if (s >= 0) {
          this.caseCounts = room(this.caseCounts, s);
          this.caseFirst = room(this.caseFirst, s);
          if (this.caseCounts[s] === 0) this.caseFirst[s] = row;
          this.caseCounts[s]! += 1;
        }
      }
    } catch (e) {
      this.problem = e;
    }
  }

  private count(column: string): void {
    this.byColumn.set(column, (this.byColumn.get(column) ?? 0) + 1);
  }

  /** Whether the regression sample had more distinct cases than the cap (the fit then needs the rows). */
  get casesOverflowed(): boolean {
    return this.cases?.full === true;
  }

  /** The missing report of the cases (as the row readers give it) and the case weights. */
  private casesRead(): { missing: MissingReport; caseWeights: Float64Array | undefined } {
    if (this.problem !== undefined) throw this.problem;
    const { outcome, drivers, weights } = this.o;
    const n = this.complete;
    const byColumn: Record<string, number> = {};
    [outcome, ...drivers].forEach((c, j) => {
      if (this.missCount[j]! > 0) byColumn[c] = (byColumn[c] ?? 0) + this.missCount[j]!;
    });
    if (this.missW > 0) byColumn[weights!] = this.missW;
    const missing: MissingReport = { policy: 'omit', rowsIn: this.rowsIn, rowsUsed: n, rowsDropped: this.rowsIn - n, byColumn };
    return { missing, caseWeights: weights === undefined ? undefined : this.cases!.column(drivers.length + 1) };
  }

  /** The distinct cases as `readColumns` reads the rows (outcome, then the scores), with its checks and messages; each case's count. */
  columnSample(): { sample: ColumnSample; counts: Float64Array } {
    const { missing, caseWeights } = this.casesRead();
    const { outcome, drivers, weights } = this.o;
    const names = [outcome, ...drivers];
    const n = this.complete;
    if (n < 1) throw tooFewCases('rows', n, this.rowsIn, 1, names, [...this.missCount, this.missW], weights);
    if (caseWeights) checkWeightTotal(caseWeights, `options.weights ("${weights}")`, 'options.weights', weights, n);
    const cases = this.cases!;
    const sample: ColumnSample = {
      columns: names.map((_, j) => cases.column(j)),
      weights: caseWeights,
      index: this.caseFirst.slice(0, cases.size),
      missing,
    };
    return { sample, counts: this.caseCounts.slice(0, cases.size) };
  }

  /** The logistic fit's distinct cases, with `regressionSampleFromColumns`'s checks and messages. */
  sample(): DistinctSample {
    const { missing, caseWeights: wCases } = this.casesRead();
    const { outcome, drivers, weights } = this.o;
    const names = [outcome, ...drivers];
    const n = this.complete;
    const rowsIn = this.rowsIn;
    if (n < 1) {
      throw new InsufficientDataError('TOO_FEW_CASES', `rows: 0 complete cases of ${rowsIn} on ${names.join(', ')}; need at least 1`, {
        argument: 'rows',
        expected: 'at least 1 complete cases',
      });
    }
    const cases = this.cases!;
    const g = cases.size;
    if (wCases) checkWeightTotal(wCases, `options.weights ("${weights}")`, 'options.weights', weights, n);
    const coefficients = drivers.length + 1;
    const positive = this.positive;
    if (positive <= coefficients) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `${positive} complete case${positive === 1 ? '' : 's'}${wCases ? ' with a positive weight' : ''} for ${coefficients} coefficients ((Intercept), ${drivers.join(', ')}): need at least ${coefficients + 1} (n must exceed the number of coefficients)`,
        { argument: 'rows', value: positive, expected: `at least ${coefficients + 1} complete cases` },
      );
    }
    const y = cases.column(0);
    const x = drivers.map((_, j) => cases.column(j + 1));
    // A constant column is constant over the distinct cases too (same first value, same answer).
    checkVaries(y, wCases, outcome, 'options.outcome');
    x.forEach((col, j) => checkVaries(col, wCases, drivers[j]!, 'options.predictors'));
    const sample: RegressionSample = {
      outcome,
      predictors: [...drivers],
      y,
      x,
      weights: wCases,
      index: this.caseFirst.slice(0, g),
      n: positive,
      weightSum: weights === undefined ? n : this.weightSum,
      missing,
    };
    return { sample, counts: this.caseCounts.slice(0, g) };
  }

  /** Whether there were more importance patterns than the cap (importance then needs the rows). */
  get patternsOverflowed(): boolean {
    return this.patterns?.full === true;
  }

  /** The importance patterns, as `patternRows` gives them from the kept columns. */
  result(): PatternRows {
    const { drivers } = this.o;
    const patterns = this.patterns!;
    const rows: Record<string, number>[] = [];
    for (let s = 0; s < patterns.size; s++) {
      const row: Record<string, number> = { [FREQUENCY]: this.frequency[s]! };
      row['y'] = patterns.values[s * (drivers.length + 1)]!;
      for (let j = 0; j < drivers.length; j++) row[drivers[j]!] = patterns.values[s * (drivers.length + 1) + j + 1]!;
      rows.push(row);
    }
    const report: Record<string, number> = {};
    for (const [c, k] of this.byColumn) report[c] = k;
    return {
      rows,
      n: this.patternN,
      weightSum: this.ws + this.wc,
      missing: { policy: 'omit', rowsIn: this.rowsIn, rowsUsed: this.patternN, rowsDropped: this.rowsIn - this.patternN, byColumn: report },
    };
  }
}
