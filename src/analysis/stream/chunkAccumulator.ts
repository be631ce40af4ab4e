/**
 * The shape every streaming section of `analyze` takes: it names the columns it reads, consumes
 * the file chunk by chunk (no rows kept), and gives its result after the last chunk. Sections
 * that need a second look at the data (robust SEs from residuals, segment profiles after the
 * median cuts) are a second accumulator fed by a second pass, built from the first's result.
 *
 * Chunks given to a section hold the file's columns it requested and, under the scale names, the
 * driver scores the engine computed for each row (NaN when a score is missing), so sections
 * never score items themselves.
 * @internal
 */
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';

/** A section computed from column chunks in bounded memory. */
export interface ChunkAccumulator<T> {
  /** File columns this section reads (driver scores come with every chunk and need no request). */
  readonly request: ColumnRequest;
  /** Consumes one chunk. */
  add(chunk: ColumnChunk): void;
  /** The section's result after the last chunk (throws the same errors as the row function would). */
  result(): T;
}
