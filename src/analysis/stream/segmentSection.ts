/**
 * The segmentation section (Dick & Basu segments and their profiles) from column chunks in
 * bounded memory: what `segmentLoyalty` and `profileSegments` compute on rows, from value tables
 * by segment ({@link GroupedValues}).
 *
 * - Pass 1 ({@link SegmentCuts}): the attitude and behaviour of each row, into a value table each:
 *   the exact median cuts, the ranges and the high counts follow from it.
 * - Pass 2 ({@link SegmentProfiles}, with the regressions' pass): each row's segment from the cuts,
 *   and by segment: the profiled variables' value tables (numeric summaries, ANOVA, Kruskal-Wallis
 *   with midranks, category counts and chi-square), an index accumulator of the recommend column
 *   (NPS by segment) and the revenue's table.
 *
 * Nothing is kept per row unless `perRow` asks for the result's per-row arrays (assignments,
 * scores, unassigned), or a variable has more than {@link VALUE_TABLE_CAP} distinct values.
 * Measures streamed: a column, a mean of columns, a ratio of two columns; others (a driver scale
 * scored its own way, given values) are left to the row functions (`streamableMeasure`).
 * @internal
 */
import { missingCodeTest } from './completeCases.js';
import { InsufficientDataError, LoyaltyError } from '../../errors.js';
import { chiSquareUpperTail, fUpperTail } from '../../internal/distributions.js';
import { readCell, type CellRule } from '../../internal/validate.js';
import type { ColumnChunk, ColumnKind, ColumnRequest } from '../../io/columnChunks.js';
import type { CategoricalSummary, NumericSummary, ProfileSegmentsResult, SegmentProfile } from '../../segmentation/profileTypes.js';
import type { MeasureDefinition, MeasureSpec } from '../../segmentation/resolveMeasure.js';
import { categoricalTest, type ChiSquareSummary, type NumericTests } from '../../segmentation/segmentTests.js';
import { segmentLabel } from '../../segmentation/segmentLabel.js';
import {
  decideCut,
  LOYALTY_SEGMENTS,
  type LoyaltySegment,
  type SegmentCut,
  type SegmentLoyaltyResult,
} from '../../segmentation/segmentLoyalty.js';
import type { MissingReport, Warning } from '../../types.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';
import { estimateFields } from '../../internal/estimateFields.js';
import { IndexAccumulator } from './indexAccumulator.js';
import {
  atomLinearizedMean,
  atomMean,
  atomMedian,
  atomSumOfSquares,
  type Atoms,
  compensated,
  GroupedValues,
  VALUE_TABLE_CAP,
} from './valueTable.js';

/** A measure computed from a chunk's columns. */
interface ChunkMeasure {
  readonly name: string;
  readonly definition: MeasureDefinition;
  readonly columns: readonly string[];
  /** The value of row `i` of the chunk, or null (with `why` set to the reason, and `missing` counted). */
  value(chunk: ColumnChunk, i: number, missing?: Record<string, number>, why?: { reason: string | null }): number | null;
  /**
   * The values of the chunk's rows whose cells are all present and valid, in one loop per chunk
   * (the same numbers `value` gives them); NaN for the rest, whose value (null, a count of the
   * missing cells, or an error) `value` gives.
   */
  fill(chunk: ColumnChunk, out: Float64Array): void;
}

/** Values of a chunk's measure: `fill`'s where a row is clean, else `value`'s (see {@link ChunkMeasure.fill}). */
function measureValues(measure: ChunkMeasure, chunk: ColumnChunk, buffer: Float64Array): Float64Array {
  const out = buffer.length >= chunk.length ? buffer.subarray(0, chunk.length) : new Float64Array(chunk.length);
  measure.fill(chunk, out);
  return out;
}

/** The columns and rule of a measure the chunks can compute (a column, a mean, a ratio), else undefined. */
export function streamableMeasure(spec: MeasureSpec): ChunkMeasure | undefined {
  if (typeof spec === 'string') spec = { column: spec };
  if (spec === null || typeof spec !== 'object') return undefined;
  const forms = (['column', 'mean', 'ratio', 'driver', 'values'] as const).filter((k) => Object.prototype.hasOwnProperty.call(spec, k));
  if (forms.length !== 1) return undefined;
  const rule = (column: string): CellRule => ({ argument: 'rows', column, scale: spec.scale, missingCodes: spec.missingCodes });
  const read = (chunk: ColumnChunk, column: string, i: number, r: CellRule): number | null => {
    const v = chunk.numbers[column]![i]!;
    return readCell(v === v ? v : null, chunk.firstRow + i, r);
  };
  const count = (missing: Record<string, number> | undefined, c: string) => {
    if (missing) missing[c] = (missing[c] ?? 0) + 1;
  };
  // A cell `value` takes as it is: a finite number, not a missing code, inside the scale.
  const lo = spec.scale?.min ?? -Infinity;
  const hi = spec.scale?.max ?? Infinity;
  const integer = spec.scale?.integer === true;
  const { one, many } = missingCodeTest(spec.missingCodes);
  const clean = (v: number) =>
    v - v === 0 && v >= lo && v <= hi && (!integer || Number.isInteger(v)) && v !== one && (many === undefined || !many.includes(v));
  if ('column' in spec && typeof spec.column === 'string') {
    const column = spec.column;
    const r = rule(column);
    return {
      name: spec.name ?? column,
      definition: { kind: 'column', column },
      columns: [column],
      value(chunk, i, missing, why) {
        const v = read(chunk, column, i, r);
        if (v === null) {
          count(missing, column);
          if (why) why.reason = `${column} missing`;
        }
        return v;
      },
      fill(chunk, out) {
        const x = chunk.numbers[column]!;
        for (let i = 0; i < out.length; i++) {
          const v = x[i]!;
          out[i] = clean(v) ? v : Number.NaN;
        }
      },
    };
  }
  if ('mean' in spec && Array.isArray(spec.mean) && spec.mean.length > 0 && spec.mean.every((c) => typeof c === 'string' && c !== '')) {
    const columns = spec.mean as readonly string[];
    const k = columns.length;
    const m = spec.minimumAnswered;
    if (m !== undefined && !(Number.isInteger(m) && m >= 1 && m <= k)) return undefined;
    const minimumAnswered = m ?? k;
    const rules = columns.map(rule);
    return {
      name: spec.name ?? `mean(${columns.join(', ')})`,
      definition: { kind: 'mean', columns, minimumAnswered },
      columns,
      value(chunk, i, missing, why) {
        let total = 0;
        let answered = 0;
        let absent: string[] | undefined;
        for (let j = 0; j < k; j++) {
          const v = read(chunk, columns[j]!, i, rules[j]!);
          if (v === null) {
            (absent ??= []).push(columns[j]!);
            count(missing, columns[j]!);
          } else {
            total += v;
            answered++;
          }
        }
        if (answered >= minimumAnswered) return total / answered;
        if (why) why.reason = `${absent!.join(', ')} missing`;
        return null;
      },
      fill(chunk, out) {
        // Rows with every column clean: their total in column order, as value sums it.
        const xs = columns.map((c) => chunk.numbers[c]!);
        out.fill(0);
        for (let j = 0; j < k; j++) {
          const x = xs[j]!;
          for (let i = 0; i < out.length; i++) {
            const v = x[i]!;
            out[i] = clean(v) ? out[i]! + v : Number.NaN;
          }
        }
        for (let i = 0; i < out.length; i++) out[i] = out[i]! / k;
      },
    };
  }
  if (
    'ratio' in spec &&
    Array.isArray(spec.ratio) &&
    spec.ratio.length === 2 &&
    spec.ratio.every((c) => typeof c === 'string' && c !== '')
  ) {
    const [numerator, denominator] = spec.ratio as readonly [string, string];
    const rn = rule(numerator);
    const rd = rule(denominator);
    return {
      name: spec.name ?? `${numerator} / ${denominator}`,
      definition: { kind: 'ratio', numerator, denominator },
      columns: [numerator, denominator],
      value(chunk, i, missing, why) {
        const a = read(chunk, numerator, i, rn);
        const b = read(chunk, denominator, i, rd);
        if (a === null) count(missing, numerator);
        if (b === null) count(missing, denominator);
        if (a === null || b === null) {
          if (why) why.reason = `${[a === null ? numerator : '', b === null ? denominator : ''].filter(Boolean).join(', ')} missing`;
          return null;
        }
        if (b === 0) {
          count(missing, denominator);
          if (why) why.reason = `${denominator} is 0`;
          return null;
        }
        return a / b;
      },
      fill(chunk, out) {
        const x = chunk.numbers[numerator]!;
        const y = chunk.numbers[denominator]!;
        for (let i = 0; i < out.length; i++) {
          const a = x[i]!;
          const b = y[i]!;
          out[i] = clean(a) && clean(b) && b !== 0 ? a / b : Number.NaN;
        }
      },
    };
  }
  return undefined;
}

/** Settings of the streamed segmentation (the options `analyze` gives segmentLoyalty and profileSegments). */
export interface SegmentSettings {
  readonly attitude: ChunkMeasure;
  readonly behaviour: ChunkMeasure;
  readonly attitudeCut?: number | 'median';
  readonly behaviourCut?: number | 'median';
  /** Keep the per-row arrays of the result (dropped past `perRowLimit` rows). */
  readonly perRow: boolean;
  readonly perRowLimit?: number;
  /** Table size before rows are kept as they come (tests use a small one). */
  readonly cap?: number;
}

/** Pass 1: the two measures into value tables, for the cuts. */
export class SegmentCuts implements ChunkAccumulator<SegmentLoyaltyResult> {
  readonly request: ColumnRequest;
  private readonly a: GroupedValues;
  private readonly b: GroupedValues;
  private readonly missingA: Record<string, number> = {};
  private readonly missingB: Record<string, number> = {};
  private rowsIn = 0;
  private kept = 0;
  private valuesA: Float64Array = new Float64Array(0);
  private valuesB: Float64Array = new Float64Array(0);
  private scores?: { attitude: (number | null)[]; behaviour: (number | null)[]; unassigned: { row: number; reason: string }[] };
  cuts?: { attitude: SegmentCut; behaviour: SegmentCut };

  constructor(readonly s: SegmentSettings) {
    const request: Record<string, ColumnKind> = {};
    for (const c of [...s.attitude.columns, ...s.behaviour.columns]) request[c] = 'number';
    this.request = request;
    this.a = new GroupedValues(1, s.cap);
    this.b = new GroupedValues(1, s.cap);
    if (s.perRow) this.scores = { attitude: [], behaviour: [], unassigned: [] };
  }

  add(chunk: ColumnChunk): void {
    const { attitude, behaviour } = this.s;
    // Past the limit the per-row arrays are given up (the result says perRow: false).
    if (this.scores && this.rowsIn + chunk.length > (this.s.perRowLimit ?? Infinity)) this.scores = undefined;
    const whyA = { reason: null as string | null };
    const whyB = { reason: null as string | null };
    const av = (this.valuesA = measureValues(attitude, chunk, this.valuesA));
    const bv = (this.valuesB = measureValues(behaviour, chunk, this.valuesB));
    for (let i = 0; i < chunk.length; i++) {
      // The clean rows' values from one loop per chunk; value() for the rest (null, counts, errors).
      let a: number | null = av[i]!;
      if (a !== a) a = attitude.value(chunk, i, this.missingA, whyA);
      let b: number | null = bv[i]!;
      if (b !== b) b = behaviour.value(chunk, i, this.missingB, whyB);
      if (a !== null && b !== null) {
        this.kept++;
        this.a.add(0, a, 1);
        this.b.add(0, b, 1);
      } else if (this.scores) {
        const why: string[] = [];
        if (a === null) why.push(`attitude: ${whyA.reason}`);
        if (b === null) why.push(`behaviour: ${whyB.reason}`);
        this.scores.unassigned.push({ row: this.rowsIn + i, reason: why.join('; ') });
      }
      if (this.scores) {
        this.scores.attitude.push(a);
        this.scores.behaviour.push(b);
      }
    }
    this.rowsIn += chunk.length;
  }

  /** The cuts (segmentLoyalty's checks and errors); the counts come from pass 2 ({@link SegmentProfiles.segments}). */
  decide(): { attitude: SegmentCut; behaviour: SegmentCut } {
    const { attitude, behaviour } = this.s;
    if (this.kept === 0) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `rows: none of ${this.rowsIn} rows has both attitude (${attitude.name}) and behaviour (${behaviour.name})`,
        { argument: 'rows', expected: 'rows with both measures' },
      );
    }
    const sample = (t: GroupedValues) => {
      const atoms = t.atoms(0);
      return {
        n: atoms.n,
        minimum: atoms.values[0]!,
        maximum: atoms.values[atoms.values.length - 1]!,
        median: () => atomMedian(atoms),
        countHigh: (value: number, high: 'above' | 'atLeast') => {
          let k = 0;
          for (let i = 0; i < atoms.values.length; i++)
            if (high === 'above' ? atoms.values[i]! > value : atoms.values[i]! >= value) k += atoms.counts[i]!;
          return k;
        },
      };
    };
    this.cuts = {
      attitude: decideCut('attitude', attitude.name, sample(this.a), this.s.attitudeCut, 'above'),
      behaviour: decideCut('behaviour', behaviour.name, sample(this.b), this.s.behaviourCut, 'above'),
    };
    return this.cuts;
  }

  /** The segments result, given pass 2's counts. */
  result(counts: Readonly<Record<LoyaltySegment, number>> = { true: 0, latent: 0, spurious: 0, none: 0 }): SegmentLoyaltyResult {
    const cuts = this.cuts ?? this.decide();
    const n = this.kept;
    const byColumn: Record<string, number> = {};
    for (const m of [this.missingA, this.missingB]) for (const [c, k] of Object.entries(m)) byColumn[c] = Math.max(byColumn[c] ?? 0, k);
    const sc = this.scores;
    const assignments = sc
      ? sc.attitude.map((a, i) => {
          const b = sc.behaviour[i]!;
          if (a === null || b === null) return null;
          const aHigh = a > cuts.attitude.value;
          const bHigh = b > cuts.behaviour.value;
          return (aHigh ? (bHigh ? 'true' : 'latent') : bHigh ? 'spurious' : 'none') as LoyaltySegment;
        })
      : [];
    const { attitude, behaviour } = this.s;
    return {
      method: 'dick-basu',
      n,
      segments: LOYALTY_SEGMENTS,
      assignments,
      scores: { attitude: sc?.attitude ?? [], behaviour: sc?.behaviour ?? [] },
      unassigned: sc?.unassigned ?? [],
      counts,
      shares: { true: counts.true / n, latent: counts.latent / n, spurious: counts.spurious / n, none: counts.none / n },
      emptySegments: LOYALTY_SEGMENTS.filter((s) => counts[s] === 0),
      cuts,
      measures: {
        attitude: { name: attitude.name, definition: attitude.definition },
        behaviour: { name: behaviour.name, definition: behaviour.definition },
      },
      missing: { policy: 'omit', rowsIn: this.rowsIn, rowsUsed: n, rowsDropped: this.rowsIn - n, byColumn },
      ...(sc ? {} : { perRow: false as const }),
    };
  }
}

/** Settings of the profile pass. */
export interface ProfileSettings {
  readonly variables: readonly string[];
  readonly kinds: Readonly<Record<string, ColumnKind>>;
  readonly nps?: { readonly column: string; readonly promoterMin: number; readonly detractorMax: number };
  readonly revenue?: string;
  readonly weights?: string;
  readonly confidenceLevel: number;
  readonly cap?: number;
  /** Codes of a missing answer in the profiled columns, the recommend and the revenue (not the driver scores). */
  readonly missingCodes?: readonly number[];
  /** Variables that are driver scores (no missing codes apply). */
  readonly scores?: readonly string[];
}

interface Variable {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly table: GroupedValues;
  /** Number columns: a value other than 0 and 1 was seen (inferType's rule: then numeric). */
  notBinary: boolean;
  levels: readonly (string | number)[];
  /** The missing codes that apply to it (none for a driver score). */
  readonly codes: readonly number[] | undefined;
  /** Category columns: which level codes are a missing code (a numeric level equal to one). */
  coded: boolean[];
}

/** Pass 2: each row's segment from the cuts, and the profile statistics by segment. */
export class SegmentProfiles implements ChunkAccumulator<ProfileSegmentsResult> {
  readonly request: ColumnRequest;
  private readonly vars: Variable[];
  private readonly counts: Record<LoyaltySegment, number> = { true: 0, latent: 0, spurious: 0, none: 0 };
  private readonly members = [0, 0, 0, 0];
  private readonly segmentWeight = [0, 0, 0, 0].map(() => ({ s: 0, c: 0 }));
  private readonly absent = new Map<string, number>();
  private readonly npsBy?: { acc: IndexAccumulator; members: number; present: number }[];
  private readonly revenue?: GroupedValues;
  private revenueAbsent = 0;
  private rowsIn = 0;
  private valuesA: Float64Array = new Float64Array(0);
  private valuesB: Float64Array = new Float64Array(0);
  private dropped = 0;
  private missingWeights = 0;

  constructor(
    private readonly cuts: SegmentCuts,
    private readonly p: ProfileSettings,
  ) {
    const request: Record<string, ColumnKind> = { ...cuts.request };
    const weighted = p.weights !== undefined;
    if (p.weights) request[p.weights] = 'number';
    this.vars = p.variables.map((name) => {
      const kind = p.kinds[name] ?? 'number';
      if (request[name] !== 'number') request[name] = kind;
      const codes =
        p.missingCodes !== undefined && p.missingCodes.length > 0 && !(p.scores ?? []).includes(name) ? p.missingCodes : undefined;
      return { name, kind, table: new GroupedValues(4, p.cap ?? VALUE_TABLE_CAP), notBinary: false, levels: [], codes, coded: [] };
    });
    if (p.nps) {
      request[p.nps.column] = 'number';
      const nps = p.nps;
      this.npsBy = LOYALTY_SEGMENTS.map(() => ({
        acc: new IndexAccumulator({
          recommend: { column: nps.column, promoterMin: nps.promoterMin, detractorMax: nps.detractorMax },
          weights: weighted ? p.weights : undefined,
          missingCodes: p.missingCodes,
          confidenceLevel: p.confidenceLevel,
        }),
        members: 0,
        present: 0,
      }));
    }
    if (p.revenue) {
      request[p.revenue] = 'number';
      this.revenue = new GroupedValues(4, p.cap ?? VALUE_TABLE_CAP);
    }
    this.request = request;
  }

  add(chunk: ColumnChunk): void {
    const cuts = this.cuts.cuts!;
    const { attitude, behaviour } = this.cuts.s;
    const w = this.p.weights ? chunk.numbers[this.p.weights]! : undefined;
    const weightRule: CellRule = { argument: 'rows', column: this.p.weights, scale: { min: 0 } };
    const revenue = this.p.revenue ? chunk.numbers[this.p.revenue]! : undefined;
    const revenueCodes = this.p.missingCodes !== undefined && this.p.missingCodes.length > 0 ? this.p.missingCodes : undefined;
    const revenueRule: CellRule = { argument: 'rows', column: this.p.revenue, missingCodes: revenueCodes };
    const n = chunk.length;
    const segmentOf = new Int8Array(n).fill(-1);
    const weightOf = new Float64Array(n);
    const av = (this.valuesA = measureValues(attitude, chunk, this.valuesA));
    const bv = (this.valuesB = measureValues(behaviour, chunk, this.valuesB));
    for (let i = 0; i < n; i++) {
      let a: number | null = av[i]!;
      if (a !== a) a = attitude.value(chunk, i);
      let b: number | null = bv[i]!;
      if (b !== b) b = behaviour.value(chunk, i);
      if (a === null || b === null) {
        this.dropped++;
        continue;
      }
      const aHigh = a > cuts.attitude.value;
      const bHigh = b > cuts.behaviour.value;
      const s = aHigh ? (bHigh ? 0 : 1) : bHigh ? 2 : 3;
      this.counts[LOYALTY_SEGMENTS[s]!]++;
      let wi = 1;
      if (w) {
        const v = w[i]!;
        // A weight >= 0 is itself; readCell for the rest (missing, or the error it raises).
        const read = v >= 0 && v < Infinity ? v : readCell(v === v ? v : null, chunk.firstRow + i, weightRule);
        if (read === null) {
          this.dropped++;
          this.missingWeights++;
          continue;
        }
        wi = read;
      }
      segmentOf[i] = s;
      weightOf[i] = wi;
      this.members[s]!++;
      const acc = this.segmentWeight[s]!;
      const t = acc.s + wi;
      acc.c += Math.abs(acc.s) >= Math.abs(wi) ? acc.s - t + wi : wi - t + acc.s;
      acc.s = t;
    }
    for (const v of this.vars) {
      let absent = 0;
      if (v.kind === 'number') {
        const x = chunk.numbers[v.name]!;
        // A missing code is a missing answer (and does not make a 0/1 column numeric).
        const { one, many } = missingCodeTest(v.codes);
        for (let i = 0; i < n; i++) {
          let value = x[i]!;
          if (value === one || (many !== undefined && many.includes(value))) value = Number.NaN;
          if (value === value && value !== 0 && value !== 1) v.notBinary = true;
          const s = segmentOf[i]!;
          if (s < 0) continue;
          if (value !== value) absent++;
          else v.table.add(s, value, weightOf[i]!);
        }
      } else {
        const c = chunk.categories[v.name]!;
        v.levels = c.levels;
        if (v.codes !== undefined)
          for (let l = v.coded.length; l < c.levels.length; l++) v.coded.push(v.codes.includes(c.levels[l] as number));
        for (let i = 0; i < n; i++) {
          const s = segmentOf[i]!;
          if (s < 0) continue;
          const code = c.codes[i]!;
          if (code < 0 || v.coded[code] === true) absent++;
          else v.table.add(s, code, weightOf[i]!);
        }
      }
      if (absent > 0) this.absent.set(v.name, (this.absent.get(v.name) ?? 0) + absent);
    }
    if (this.npsBy && this.p.nps) {
      const x = chunk.numbers[this.p.nps.column]!;
      for (let s = 0; s < 4; s++) {
        let k = 0;
        for (let i = 0; i < n; i++) if (segmentOf[i] === s) k++;
        if (k === 0) continue;
        const values = new Float64Array(k);
        const weights = new Float64Array(k);
        const lines = new Int32Array(k);
        let j = 0;
        let present = 0;
        for (let i = 0; i < n; i++) {
          if (segmentOf[i] !== s) continue;
          values[j] = x[i]!;
          weights[j] = weightOf[i]!;
          lines[j] = chunk.lines[i] ?? 0;
          if (x[i] === x[i] && !(this.p.missingCodes?.includes(x[i]!) ?? false)) present++;
          j++;
        }
        const by = this.npsBy[s]!;
        by.members += k;
        by.present += present;
        const numbers: Record<string, Float64Array> = { [this.p.nps.column]: values };
        if (this.p.weights) numbers[this.p.weights] = weights;
        by.acc.add({ length: k, firstRow: 0, lines, numbers, categories: {} });
      }
    }
    if (revenue && this.revenue) {
      for (let i = 0; i < n; i++) {
        const s = segmentOf[i]!;
        if (s < 0) continue;
        const v = revenue[i]!;
        const x =
          v === v && Math.abs(v) < Infinity && !(revenueCodes !== undefined && revenueCodes.includes(v))
            ? v
            : readCell(v === v ? v : null, chunk.firstRow + i, revenueRule);
        if (x === null) this.revenueAbsent++;
        else this.revenue.add(s, x, weightOf[i]!);
      }
    }
    this.rowsIn += n;
  }

  /** The segments result with pass 2's counts. */
  segments(): SegmentLoyaltyResult {
    return this.cuts.result({ ...this.counts });
  }

  result(): ProfileSegmentsResult {
    const p = this.p;
    const weighted = p.weights !== undefined;
    const used = LOYALTY_SEGMENTS.filter((_, s) => this.members[s]! > 0);
    const emptySegments = LOYALTY_SEGMENTS.filter((_, s) => this.members[s] === 0);
    if (used.length < 2) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `segmentation: ${used.length === 0 ? 'no segment has' : `only "${used[0]}" has`} rows (empty: ${emptySegments.join(', ')}); a profile compares at least 2 segments`,
        { argument: 'segmentation.assignments', expected: 'rows in at least 2 segments' },
      );
    }
    const segmentWeight = this.segmentWeight.map((a) => a.s + a.c);
    const totalWeight = compensated((i) => segmentWeight[i]!, 4);
    const warnings: Warning[] = [];
    const byColumn: Record<string, number> = {};
    if (this.missingWeights > 0) byColumn[p.weights!] = this.missingWeights;
    const numericBy: Record<string, Record<string, NumericSummary | null>> = {};
    const categoricalBy: Record<string, Record<string, CategoricalSummary>> = {};
    for (const s of LOYALTY_SEGMENTS) {
      numericBy[s] = {};
      categoricalBy[s] = {};
    }
    const testsNumeric: Record<string, NumericTests> = {};
    const testsCategorical: Record<string, ChiSquareSummary | null> = {};
    const variables: ProfileSegmentsResult['variables'][number][] = [];
    for (const v of this.vars) {
      const absent = this.absent.get(v.name) ?? 0;
      if (absent > 0) byColumn[v.name] = (byColumn[v.name] ?? 0) + absent;
      // inferType: categorical with any text level; else numeric when a value other than 0 and 1 occurs.
      const numericLevels = v.kind === 'category' && v.levels.every((l) => typeof l === 'number');
      const numeric =
        v.kind === 'number' ? v.notBinary : numericLevels && v.levels.some((l) => l !== 0 && l !== 1 && (l as number) === (l as number));
      const valueOf = (key: number): number => (v.kind === 'number' ? key : (v.levels[key] as number));
      const atoms = LOYALTY_SEGMENTS.map((_, s) => {
        const a = v.table.atoms(s);
        if (v.kind === 'number' || !numeric) return a;
        // Category codes of numeric levels: the values, re-sorted.
        const order = Array.from(a.values, (_, i) => i).sort((x, y) => valueOf(a.values[x]!) - valueOf(a.values[y]!));
        return {
          values: Float64Array.from(order, (i) => valueOf(a.values[i]!)),
          counts: Float64Array.from(order, (i) => a.counts[i]!),
          weights: Float64Array.from(order, (i) => a.weights[i]!),
          squares: Float64Array.from(order, (i) => a.squares[i]!),
          n: a.n,
        };
      });
      variables.push({ name: v.name, type: numeric ? 'numeric' : 'categorical', definition: { kind: 'column', column: v.name } });
      if (numeric) {
        const groups: Atoms[] = [];
        LOYALTY_SEGMENTS.forEach((s, j) => {
          const a = atoms[j]!;
          numericBy[s]![v.name] = numericSummary(a, weighted);
          if (a.n > 0) groups.push(a);
        });
        testsNumeric[v.name] = numericTestsOf(v.name, groups, warnings);
      } else {
        const label = (key: number): string => String(v.kind === 'number' ? key : v.levels[key]);
        const labels = new Set<string>();
        for (const a of atoms) for (const key of a.values) labels.add(label(key));
        const categories = sortCategories(labels);
        const table: number[][] = [];
        LOYALTY_SEGMENTS.forEach((s, j) => {
          const a = atoms[j]!;
          const counts: Record<string, number> = {};
          const wsum: Record<string, number> = {};
          for (const c of categories) {
            counts[c] = 0;
            wsum[c] = 0;
          }
          a.values.forEach((key, i) => {
            counts[label(key)]! += a.counts[i]!;
            wsum[label(key)]! += weighted ? a.weights[i]! : a.counts[i]!;
          });
          const total = compensated((i) => wsum[categories[i]!]!, categories.length);
          const shares: Record<string, number> = {};
          for (const c of categories) shares[c] = total > 0 ? wsum[c]! / total : 0;
          categoricalBy[s]![v.name] = { n: a.n, counts, shares };
          if (a.n > 0) table.push(categories.map((c) => counts[c]!));
        });
        testsCategorical[v.name] = categoricalTest(v.name, table, warnings);
      }
    }

    const npsBy: Record<string, SegmentProfile['nps']> = {};
    let npsTest: ChiSquareSummary | null = null;
    if (this.npsBy && p.nps) {
      const table: number[][] = [];
      let absent = 0;
      LOYALTY_SEGMENTS.forEach((s, j) => {
        const by = this.npsBy![j]!;
        if (by.members === 0) {
          npsBy[s] = null;
          return;
        }
        if (by.present === 0) {
          npsBy[s] = null;
          absent += by.members;
          return;
        }
        const indices = by.acc.result();
        const r = (weighted ? indices.npsWeighted : indices.nps)!;
        absent += r.missing.rowsDropped;
        npsBy[s] = {
          ...estimateFields(r),
          promoterShare: r.promoterShare,
          detractorShare: r.detractorShare,
        };
        table.push([r.promoters, r.passives, r.detractors]);
      });
      if (absent > 0) byColumn[p.nps.column] = (byColumn[p.nps.column] ?? 0) + absent;
      npsTest = categoricalTest('NPS categories', table, warnings);
    }

    const revenueBy: Record<string, SegmentProfile['revenue']> = {};
    let revenueTest: NumericTests | null = null;
    if (this.revenue && p.revenue) {
      if (this.revenueAbsent > 0) byColumn[p.revenue] = (byColumn[p.revenue] ?? 0) + this.revenueAbsent;
      const atoms = LOYALTY_SEGMENTS.map((_, s) => this.revenue!.atoms(s));
      const totals = atoms.map((a) =>
        weighted
          ? compensated((i) => a.weights[i]! * a.values[i]!, a.values.length)
          : compensated((i) => a.counts[i]! * a.values[i]!, a.values.length),
      );
      const grand = compensated((i) => totals[i]!, 4);
      LOYALTY_SEGMENTS.forEach((s, j) => {
        const a = atoms[j]!;
        const w = weighted ? compensated((i) => a.weights[i]!, a.values.length) : a.n;
        revenueBy[s] = { n: a.n, total: totals[j]!, mean: a.n > 0 ? totals[j]! / w : null, share: grand !== 0 ? totals[j]! / grand : 0 };
      });
      revenueTest = numericTestsOf(
        `revenue (${p.revenue})`,
        atoms.filter((a) => a.n > 0),
        warnings,
      );
    }

    const profiles = {} as Record<LoyaltySegment, SegmentProfile>;
    LOYALTY_SEGMENTS.forEach((s, j) => {
      profiles[s] = {
        segment: s,
        label: segmentLabel(s),
        n: this.members[j]!,
        share: segmentWeight[j]! / totalWeight,
        numeric: numericBy[s]!,
        categorical: categoricalBy[s]!,
        nps: p.nps === undefined ? null : (npsBy[s] ?? null),
        revenue: p.revenue === undefined ? null : (revenueBy[s] ?? null),
      };
    });
    const n = this.members.reduce((a, b) => a + b, 0);
    const missing: MissingReport = { policy: 'omit', rowsIn: this.rowsIn, rowsUsed: n, rowsDropped: this.dropped, byColumn };
    return {
      method: 'segment-profile',
      n,
      weighted,
      segments: LOYALTY_SEGMENTS,
      emptySegments,
      profiles,
      tests: { numeric: testsNumeric, categorical: testsCategorical, nps: npsTest, revenue: revenueTest },
      variables,
      warnings,
      missing,
      design: null,
      options: { confidenceLevel: p.confidenceLevel, weights: p.weights ?? null },
    };
  }
}

/** profileSegments' category order: numerically when every label is a number, else as text. */
function sortCategories(labels: Iterable<string>): string[] {
  const all = [...new Set(labels)];
  const numeric = all.every((l) => l !== '' && Number.isFinite(Number(l)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort();
}

/** profileSegments' numeric summary of one segment, from its value table. */
function numericSummary(a: Atoms, weighted: boolean): NumericSummary | null {
  if (a.n === 0) return null;
  const est = atomLinearizedMean(a, weighted);
  return {
    n: a.n,
    mean: est.mean,
    standardDeviation: !weighted && a.n > 1 ? Math.sqrt(atomSumOfSquares(a) / (a.n - 1)) : null,
    standardError: a.n > 1 ? Math.sqrt(est.variance) : null,
  };
}

/** A test that cannot run on these data becomes a warning (as segmentTests does). */
function tryTest<T>(what: string, warnings: Warning[], fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LoyaltyError) {
      warnings.push({ code: 'TEST_NOT_COMPUTED', message: `${what}: not computed (${e.code}: ${e.message})` });
      return null;
    }
    throw e;
  }
}

/** `readGroups`' check: at least two non-empty groups. */
function twoGroups(k: number): void {
  if (k < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `groups: ${k} non-empty group${k === 1 ? '' : 's'} of ${k}; need at least 2 to compare`,
      {
        argument: 'groups',
        expected: 'at least 2 groups with values',
      },
    );
  }
}

/** `numericTests` (Fisher's one-way ANOVA and Kruskal-Wallis with midranks) from the groups' value tables. */
export function numericTestsOf(name: string, groups: readonly Atoms[], warnings: Warning[]): NumericTests {
  const anova = tryTest(`${name}, one-way ANOVA`, warnings, () => {
    const k = groups.length;
    twoGroups(k);
    const sizes = groups.map((g) => g.n);
    const n = compensated((j) => sizes[j]!, k);
    const means = groups.map((g) => atomMean(g));
    const within = groups.map((g, j) => atomSumOfSquares(g, means[j]!));
    const grand = compensated((j) => means[j]! * sizes[j]!, k) / n;
    const ssBetween = compensated((j) => sizes[j]! * (means[j]! - grand) ** 2, k);
    const ssWithin = compensated((j) => within[j]!, k);
    if (n - k < 1) {
      throw new InsufficientDataError('TOO_FEW_CASES', `groups: ${n} values in ${k} groups leave no within-group degrees of freedom`, {
        argument: 'groups',
        expected: 'more values than groups',
      });
    }
    if (!(ssWithin > 0)) {
      throw new InsufficientDataError('ZERO_VARIANCE', 'groups: no variation within any group (every group is constant); F is undefined', {
        argument: 'groups',
        expected: 'variation within groups',
      });
    }
    const dfBetween = k - 1;
    const dfWithin = n - k;
    const statistic = ssBetween / dfBetween / (ssWithin / dfWithin);
    return {
      statistic,
      dfBetween,
      dfWithin,
      pValue: fUpperTail(statistic, dfBetween, dfWithin),
      etaSquared: ssBetween / (ssBetween + ssWithin),
    };
  });
  const kw = tryTest(`${name}, Kruskal-Wallis`, warnings, () => {
    const k = groups.length;
    twoGroups(k);
    const n = compensated((j) => groups[j]!.n, k);
    const at = new Int32Array(k);
    const rankSum = new Float64Array(k);
    let ties = 0;
    let done = 0;
    while (done < n) {
      let v = Infinity;
      for (let j = 0; j < k; j++) {
        const g = groups[j]!;
        if (at[j]! < g.values.length && g.values[at[j]!]! < v) v = g.values[at[j]!]!;
      }
      let t = 0;
      const inRun = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        const g = groups[j]!;
        if (at[j]! < g.values.length && g.values[at[j]!] === v) {
          inRun[j] = g.counts[at[j]!]!;
          at[j]!++;
          t += inRun[j]!;
        }
      }
      const rank = (2 * done + t + 1) / 2;
      for (let j = 0; j < k; j++) if (inRun[j]! > 0) rankSum[j]! += inRun[j]! * rank;
      if (t > 1) ties += t * t * t - t;
      done += t;
    }
    const tieCorrection = 1 - ties / (n * n * n - n);
    if (!(tieCorrection > 0)) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `groups: all ${n} values are tied (${groups[0]!.values[0]}); the test is undefined`,
        {
          argument: 'groups',
          expected: 'values that are not all equal',
        },
      );
    }
    const centre = (n + 1) / 2;
    const meanRanks = groups.map((g, j) => rankSum[j]! / g.n);
    const h = ((12 / (n * (n + 1))) * compensated((j) => groups[j]!.n * (meanRanks[j]! - centre) ** 2, k)) / tieCorrection;
    const df = k - 1;
    return { statistic: h, df, pValue: chiSquareUpperTail(h, df), epsilonSquared: h / (n - 1) };
  });
  return { anova, kruskalWallis: kw };
}
