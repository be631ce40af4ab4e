/**
 * The columns a row-bound section needs, kept as typed arrays (8 bytes a row for a number, 4 for
 * a category code), never as row objects; rows of only the columns a section reads are rebuilt
 * for it when it runs and dropped after. This is the bounded-per-column fallback of
 * `analyzeSource` for the sections that have no streaming accumulator yet (see
 * docs/guides/large-data.md for which, and their bytes per row).
 * @internal
 */
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import type { Row } from '../../types.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';

/** A growable Float64Array (doubling). */
class NumberColumn {
  data = new Float64Array(1024);
  length = 0;
  append(values: Float64Array): void {
    const need = this.length + values.length;
    if (need > this.data.length) {
      let size = this.data.length;
      while (size < need) size *= 2;
      const next = new Float64Array(size);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(values, this.length);
    this.length = need;
  }
}

/** A growable Int32Array of category codes with the read's level list. */
class CodeColumn {
  data = new Int32Array(1024);
  length = 0;
  levels: readonly (string | number)[] = [];
  append(codes: Int32Array, levels: readonly (string | number)[]): void {
    const need = this.length + codes.length;
    if (need > this.data.length) {
      let size = this.data.length;
      while (size < need) size *= 2;
      const next = new Int32Array(size);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(codes, this.length);
    this.length = need;
    this.levels = levels;
  }
}

/** Keeps the requested columns (and any driver scores named in `scores`) of every chunk. */
export class ColumnStore implements ChunkAccumulator<ColumnStore> {
  private readonly numbers = new Map<string, NumberColumn>();
  private readonly codes = new Map<string, CodeColumn>();
  rows = 0;

  constructor(
    readonly request: ColumnRequest,
    scores: readonly string[] = [],
  ) {
    for (const [name, kind] of Object.entries(request)) {
      if (kind === 'number') this.numbers.set(name, new NumberColumn());
      else this.codes.set(name, new CodeColumn());
    }
    for (const s of scores) this.numbers.set(s, new NumberColumn());
  }

  add(chunk: ColumnChunk): void {
    for (const [name, column] of this.numbers) column.append(chunk.numbers[name]!);
    for (const [name, column] of this.codes) {
      const c = chunk.categories[name]!;
      column.append(c.codes, c.levels);
    }
    this.rows += chunk.length;
  }

  result(): ColumnStore {
    return this;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.rows * (8 * this.numbers.size + 4 * this.codes.size);
  }

  /** One kept numeric column (NaN = missing). */
  column(name: string): Float64Array {
    const c = this.numbers.get(name);
    if (!c) throw new Error(`column store: no numeric column "${name}"`);
    return c.data.subarray(0, c.length);
  }

  /** Rows of just these columns, cells as the row readers give them (null for missing). */
  toRows(columns: readonly string[]): Row[] {
    const unique = [...new Set(columns)];
    const n = this.rows;
    const rows: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = {};
    for (const name of unique) {
      const num = this.numbers.get(name);
      if (num) {
        const d = num.data;
        for (let i = 0; i < n; i++) {
          const v = d[i]!;
          rows[i]![name] = v === v ? v : null;
        }
        continue;
      }
      const cat = this.codes.get(name);
      if (!cat) throw new Error(`column store: no column "${name}"`);
      const d = cat.data;
      const levels = cat.levels;
      for (let i = 0; i < n; i++) {
        const c = d[i]!;
        rows[i]![name] = c < 0 ? null : levels[c];
      }
    }
    return rows as Row[];
  }
}
