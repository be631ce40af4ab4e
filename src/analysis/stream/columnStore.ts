/**
 * The columns a row-bound section needs, kept as typed arrays (8 bytes a row for a number, 4 for
 * a category code), never as row objects: each chunk's arrays are kept as they came (no growing
 * buffer, so no copies and no slack), and a whole column is assembled only when a section asks
 * for it. Rows of only the columns a section reads are rebuilt for it while it runs. This is the
 * bounded-per-column fallback of `analyzeSource` for the sections that have no streaming
 * accumulator yet (docs/guides/large-data.md lists them with their bytes per row).
 * @internal
 */
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import type { Row } from '../../types.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';

/** Keeps the requested columns (and any driver scores named in `scores`) of every chunk. */
export class ColumnStore implements ChunkAccumulator<ColumnStore> {
  private readonly numbers = new Map<string, Float64Array[]>();
  private readonly codes = new Map<string, Int32Array[]>();
  private readonly levels = new Map<string, readonly (string | number)[]>();
  private readonly whole = new Map<string, Float64Array>();
  private readonly lengths: number[] = [];
  rows = 0;

  constructor(
    readonly request: ColumnRequest,
    scores: readonly string[] = [],
  ) {
    for (const [name, kind] of Object.entries(request)) {
      if (kind === 'number') this.numbers.set(name, []);
      else this.codes.set(name, []);
    }
    for (const s of scores) this.numbers.set(s, []);
  }

  add(chunk: ColumnChunk): void {
    for (const [name, parts] of this.numbers) parts.push(chunk.numbers[name]!);
    for (const [name, parts] of this.codes) {
      const c = chunk.categories[name]!;
      parts.push(c.codes);
      this.levels.set(name, c.levels);
    }
    this.lengths.push(chunk.length);
    this.rows += chunk.length;
  }

  result(): ColumnStore {
    return this;
  }

  /** Whether a numeric column (or score) is kept. */
  has(name: string): boolean {
    return this.numbers.has(name);
  }

  /** The kept chunks again, with the given numeric columns (for a second pass from memory). */
  *chunks(columns: readonly string[]): Generator<ColumnChunk> {
    let firstRow = 0;
    for (let c = 0; c < this.lengths.length; c++) {
      const numbers: Record<string, Float64Array> = {};
      for (const name of columns) numbers[name] = this.numbers.get(name)![c]!;
      const length = this.lengths[c]!;
      yield { length, firstRow, lines: new Int32Array(0), numbers, categories: {} };
      firstRow += length;
    }
  }

  /** One kept numeric column as one array (NaN = missing), assembled once. */
  column(name: string): Float64Array {
    const done = this.whole.get(name);
    if (done) return done;
    const parts = this.numbers.get(name);
    if (!parts) throw new Error(`column store: no numeric column "${name}"`);
    const out = new Float64Array(this.rows);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    this.whole.set(name, out);
    return out;
  }

  /** Drops the assembled whole columns (the chunks stay). */
  release(): void {
    this.whole.clear();
  }

  /** Rows of just these columns, cells as the row readers give them (null for missing). */
  toRows(columns: readonly string[]): Row[] {
    const unique = [...new Set(columns)];
    const n = this.rows;
    const rows: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = {};
    for (const name of unique) {
      const num = this.numbers.get(name);
      const cat = this.codes.get(name);
      if (!num && !cat) throw new Error(`column store: no column "${name}"`);
      const levels = this.levels.get(name) ?? [];
      let i = 0;
      for (const part of num ?? cat!) {
        for (let t = 0; t < part.length; t++, i++) {
          const v = part[t]!;
          rows[i]![name] = num ? (v === v ? v : null) : v < 0 ? null : levels[v];
        }
      }
    }
    return rows as Row[];
  }
}
