/**
 * Values by group in memory that does not grow with the rows: survey data are discrete (a scale
 * score is a mean of a few Likert items, a 0-10 answer has 11 values), so a variable's sufficient
 * statistics by group are, per distinct value, its count, sum of weights and sum of squared
 * weights. Exact medians, midranks with ties (Kruskal-Wallis), ANOVA sums of squares and the
 * linearized (Taylor) mean and variance all follow from that table, in one pass.
 *
 * A variable with more than `cap` distinct values (a continuous revenue, say) keeps its further
 * rows as they come (8 bytes a row for the value, 8 for the weight: the stated limit of the
 * large-data guide) and they join the table when the statistics are asked for, so the results
 * are the same either way (tested with a small cap).
 * @internal
 */

/** The statistics of one group: its distinct values ascending, with count, sum of weights and of squared weights. */
export interface Atoms {
  readonly values: Float64Array;
  readonly counts: Float64Array;
  readonly weights: Float64Array;
  readonly squares: Float64Array;
  /** Rows (sum of counts). */
  readonly n: number;
}

/** Default number of distinct values kept as a table before rows are kept as they come. */
export const VALUE_TABLE_CAP = 1 << 16;

class Growable {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

/**
 * Slots of distinct numbers, numbered in order of first sight: an open-addressing hash on the
 * number's bits (a Map of numbers costs several times more per lookup, and this is the inner
 * loop of every value table). 0 and -0 are one key, as in a Map.
 */
export class SlotIndex {
  size = 0;
  private table = new Int32Array(128); // slot + 1, 0 = empty
  /** The numbers by slot (the first `size` entries). */
  keys = new Float64Array(64);
  private readonly bits = new Float64Array(1);
  private readonly words = new Int32Array(this.bits.buffer);

  private hash(x: number): number {
    this.bits[0] = x === 0 ? 0 : x;
    const h = Math.imul(this.words[0]! ^ Math.imul(this.words[1]!, 0x9e3779b1), 0x85ebca6b);
    return h ^ (h >>> 15);
  }

  /** The slot of `x`, or -1. */
  get(x: number): number {
    const mask = this.table.length - 1;
    for (let i = this.hash(x) & mask; ; i = (i + 1) & mask) {
      const s = this.table[i]!;
      if (s === 0) return -1;
      if (this.keys[s - 1] === x) return s - 1;
    }
  }

  /** Adds `x` (not present) as the next slot. */
  add(x: number): number {
    const slot = this.size++;
    if (slot === this.keys.length) {
      const keys = new Float64Array(slot * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys[slot] = x;
    if (2 * this.size > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      for (let s = 0; s < this.size; s++) this.place(s);
    } else this.place(slot);
    return slot;
  }

  private place(slot: number): void {
    const mask = this.table.length - 1;
    let i = this.hash(this.keys[slot]!) & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }
}

/** Distinct values (or category codes) of one variable by group, with counts and weight sums. */
export class GroupedValues {
  private readonly slots = new SlotIndex();
  private stats: Float64Array; // slot * 3 * groups + 3 * g + (0: count, 1: sum w, 2: sum w^2)
  private raw: { values: Growable; weights: Growable }[] | undefined;

  constructor(
    readonly groups: number,
    private readonly cap: number = VALUE_TABLE_CAP,
  ) {
    this.stats = new Float64Array(64 * 3 * groups);
  }

  /** Adds a row of group `g` with value `x` (finite) and weight `w`. */
  add(g: number, x: number, w: number): void {
    let slot = this.slots.get(x);
    if (slot === -1) {
      if (this.slots.size >= this.cap) {
        this.raw ??= Array.from({ length: this.groups }, () => ({ values: new Growable(), weights: new Growable() }));
        this.raw[g]!.values.push(x);
        this.raw[g]!.weights.push(w);
        return;
      }
      slot = this.slots.add(x);
      if (3 * this.groups * (slot + 1) > this.stats.length) {
        const stats = new Float64Array(this.stats.length * 2);
        stats.set(this.stats);
        this.stats = stats;
      }
    }
    const at = slot * 3 * this.groups + 3 * g;
    this.stats[at]! += 1;
    this.stats[at + 1]! += w;
    this.stats[at + 2]! += w * w;
  }

  /** Whether rows beyond the table were kept as they came. */
  get overflowed(): boolean {
    return this.raw !== undefined;
  }

  /** The distinct values of all groups (table and kept rows), ascending. */
  distinct(): Float64Array {
    const all = new Set<number>(this.slots.keys.subarray(0, this.slots.size));
    if (this.raw) for (const r of this.raw) for (let i = 0; i < r.values.length; i++) all.add(r.values.data[i]!);
    return Float64Array.from(all).sort();
  }

  /** Group `g`'s atoms: distinct values ascending with their count, sum of weights and of squared weights. */
  atoms(g: number): Atoms {
    const k = this.slots.size;
    const order = Array.from({ length: k }, (_, s) => s)
      .filter((s) => this.stats[s * 3 * this.groups + 3 * g]! > 0)
      .sort((a, b) => this.slots.keys[a]! - this.slots.keys[b]!);
    const tv: number[] = [];
    const tc: number[] = [];
    const tw: number[] = [];
    const tq: number[] = [];
    for (const s of order) {
      const at = s * 3 * this.groups + 3 * g;
      tv.push(this.slots.keys[s]!);
      tc.push(this.stats[at]!);
      tw.push(this.stats[at + 1]!);
      tq.push(this.stats[at + 2]!);
    }
    const r = this.raw?.[g];
    if (r && r.values.length > 0) {
      // Rows kept as they came: run-length by value (sorted through an index), merged into the table.
      const n = r.values.length;
      const v = r.values.data;
      const w = r.weights.data;
      const index = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a]! - v[b]!);
      const rv: number[] = [];
      const rc: number[] = [];
      const rw: number[] = [];
      const rq: number[] = [];
      for (let i = 0; i < n; ) {
        const x = v[index[i]!]!;
        let c = 0;
        let sw = 0;
        let sq = 0;
        for (; i < n && v[index[i]!] === x; i++) {
          const wi = w[index[i]!]!;
          c++;
          sw += wi;
          sq += wi * wi;
        }
        rv.push(x);
        rc.push(c);
        rw.push(sw);
        rq.push(sq);
      }
      // Values in the table and among the kept rows are disjoint (a kept row's value was new when the table was full).
      const mv: number[] = [];
      const mc: number[] = [];
      const mw: number[] = [];
      const mq: number[] = [];
      let a = 0;
      let b = 0;
      while (a < tv.length || b < rv.length) {
        if (b >= rv.length || (a < tv.length && tv[a]! < rv[b]!)) {
          mv.push(tv[a]!);
          mc.push(tc[a]!);
          mw.push(tw[a]!);
          mq.push(tq[a]!);
          a++;
        } else {
          mv.push(rv[b]!);
          mc.push(rc[b]!);
          mw.push(rw[b]!);
          mq.push(rq[b]!);
          b++;
        }
      }
      return pack(mv, mc, mw, mq);
    }
    return pack(tv, tc, tw, tq);
  }
}

function pack(v: number[], c: number[], w: number[], q: number[]): Atoms {
  let n = 0;
  for (const x of c) n += x;
  return { values: Float64Array.from(v), counts: Float64Array.from(c), weights: Float64Array.from(w), squares: Float64Array.from(q), n };
}

/** A compensated (Neumaier) sum, as src/internal/sums.ts sums. */
export function compensated(terms: (i: number) => number, length: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < length; i++) {
    const x = terms(i);
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** The mean of the group's rows (`mean` of src/internal/sums.ts: the compensated sum, then a correction pass). */
export function atomMean(a: Atoms): number {
  const m = compensated((i) => a.counts[i]! * a.values[i]!, a.values.length) / a.n;
  let r = 0;
  for (let i = 0; i < a.values.length; i++) r += a.counts[i]! * (a.values[i]! - m);
  return m + r / a.n;
}

/** `sumOfSquares` of the group's rows around `m`. */
export function atomSumOfSquares(a: Atoms, m: number = atomMean(a)): number {
  let ss = 0;
  let sd = 0;
  for (let i = 0; i < a.values.length; i++) {
    const d = a.values[i]! - m;
    ss += a.counts[i]! * d * d;
    sd += a.counts[i]! * d;
  }
  return ss - (sd * sd) / a.n;
}

/** `linearizedMean` of the group's rows, unweighted or weighted. */
export function atomLinearizedMean(a: Atoms, weighted: boolean): { mean: number; variance: number; weightSum: number } {
  const n = a.n;
  const k = a.values.length;
  if (!weighted) {
    const m = compensated((i) => a.counts[i]! * a.values[i]!, k) / n;
    let ss = 0;
    let sd = 0;
    for (let i = 0; i < k; i++) {
      const d = a.values[i]! - m;
      ss += a.counts[i]! * d * d;
      sd += a.counts[i]! * d;
    }
    ss -= (sd * sd) / n;
    return { mean: m + sd / n, variance: n > 1 ? ss / (n * (n - 1)) : 0, weightSum: n };
  }
  const sw = compensated((i) => a.weights[i]!, k);
  const m0 = compensated((i) => a.weights[i]! * a.values[i]!, k) / sw;
  let r = 0;
  for (let i = 0; i < k; i++) r += a.weights[i]! * (a.values[i]! - m0);
  const m = m0 + r / sw;
  let acc = 0;
  for (let i = 0; i < k; i++) {
    const d = a.values[i]! - m;
    acc += a.squares[i]! * d * d;
  }
  return { mean: m, variance: n > 1 ? ((n / (n - 1)) * acc) / (sw * sw) : 0, weightSum: sw };
}

/** The median of the group's rows (the mean of the two middle values for even n, as R `median`). */
export function atomMedian(a: Atoms): number {
  const value = (rank: number): number => {
    let seen = 0;
    for (let i = 0; i < a.values.length; i++) {
      seen += a.counts[i]!;
      if (seen > rank) return a.values[i]!;
    }
    return a.values[a.values.length - 1]!;
  };
  const h = Math.floor(a.n / 2);
  return a.n % 2 === 1 ? value(h) : (value(h - 1) + value(h)) / 2;
}
