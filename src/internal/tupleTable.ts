/**
 * Distinct tuples of `d` numbers, numbered in order of first sight: open addressing on the
 * numbers' bits (0 and -0 one value). Stops taking new tuples past `cap`. Shared by the counted
 * case tables (src/analysis/stream/patternAccumulator.ts) and the Poisson bootstrap's patterns.
 * @internal
 */
export class TupleTable {
  size = 0;
  /** A new tuple came when the table was full: it is incomplete. */
  full = false;
  values: Float64Array;
  private table = new Int32Array(1 << 10); // slot + 1, 0 = empty
  private readonly bits = new Float64Array(1);
  private readonly words = new Int32Array(this.bits.buffer);

  constructor(
    readonly d: number,
    readonly cap: number,
  ) {
    this.values = new Float64Array(d * 256);
  }

  private hash(tuple: Float64Array, at: number): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < this.d; j++) {
      const x = tuple[at + j]!;
      this.bits[0] = x === 0 ? 0 : x;
      h = Math.imul(h ^ this.words[0]!, 0x01000193);
      h = Math.imul(h ^ this.words[1]!, 0x01000193);
    }
    return h ^ (h >>> 15);
  }

  private same(slot: number, tuple: Float64Array): boolean {
    const base = slot * this.d;
    for (let j = 0; j < this.d; j++) if (this.values[base + j] !== tuple[j]) return false;
    return true;
  }

  /** The slot of `tuple` (added when new), or -1 when it is new and the table is full. */
  slot(tuple: Float64Array): number {
    const mask = this.table.length - 1;
    let i = this.hash(tuple, 0) & mask;
    for (;;) {
      const s = this.table[i]!;
      if (s === 0) break;
      if (this.same(s - 1, tuple)) return s - 1;
      i = (i + 1) & mask;
    }
    if (this.size >= this.cap) {
      this.full = true;
      return -1;
    }
    const slot = this.size++;
    if (slot * this.d >= this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values.set(tuple, slot * this.d);
    if (2 * this.size > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      const m = this.table.length - 1;
      for (let s = 0; s < this.size; s++) {
        let k = this.hash(this.values, s * this.d) & m;
        while (this.table[k] !== 0) k = (k + 1) & m;
        this.table[k] = s + 1;
      }
    } else this.table[i] = slot + 1;
    return slot;
  }

  /** Column j of the tuples. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.size);
    for (let s = 0; s < this.size; s++) out[s] = this.values[s * this.d + j]!;
    return out;
  }
}
