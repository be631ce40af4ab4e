/**
 * Listwise (weighted) means and centred cross-products of numeric chunk columns: each chunk's
 * complete cases are reduced by the corrected two-pass algorithm and merged into the total by
 * the pairwise update of Chan, Golub & LeVeque (`mergeSufficientStatistics`). Memory is
 * O(k^2) plus one chunk, whatever the number of rows. The missing-value report counts as
 * `sufficientStatistics` over rows does (a row missing two variables counts in both).
 * @internal
 */
import { InputError, InsufficientDataError } from '../../errors.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import { centredCrossProducts } from '../../internal/sums.js';
import { mergeSufficientStatistics, type SufficientStatistics } from '../../summary/sufficientStatistics.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';
import { dropMissing } from './completeCases.js';

export interface MomentOptions {
  readonly weights?: string;
  readonly missingCodes?: readonly number[];
  /** Fewest complete cases before `result()` throws `TOO_FEW_CASES` (default 1). */
  readonly minimum?: number;
}

/** Sufficient statistics of `variables` over the chunks. */
export class MomentAccumulator implements ChunkAccumulator<SufficientStatistics> {
  readonly request: ColumnRequest;
  private total: SufficientStatistics | undefined;
  private rowsIn = 0;
  private readonly missingCount: number[];
  private missingWeights = 0;
  private anyPositiveWeight = false;
  /** The first complete case's values (for messages about a constant variable). */
  first: number[] | undefined;
  /** The first complete case with a positive weight, and whether each variable varies over those cases. */
  firstPositive: number[] | undefined;
  readonly varies: boolean[];
  /** Variables not yet seen to vary (the check stops at 0). */
  private constant: number;

  constructor(
    readonly variables: readonly string[],
    private readonly options: MomentOptions = {},
    /** Variables that are file columns (the rest are driver scores). */
    fileColumns: readonly string[] = variables,
  ) {
    const request: Record<string, 'number'> = {};
    for (const v of fileColumns) request[v] = 'number';
    if (options.weights !== undefined) request[options.weights] = 'number';
    this.request = request;
    this.missingCount = variables.map(() => 0);
    this.varies = variables.map(() => false);
    this.constant = variables.length;
  }

  /** Work buffers reused from chunk to chunk (no allocation per chunk in the common case). */
  private keep = new Uint8Array(0);
  private buffers: Float64Array[] = [];
  private weightBuffer = new Float64Array(0);

  add(chunk: ColumnChunk): void {
    const k = this.variables.length;
    const m = chunk.length;
    const codes = this.options.missingCodes ?? [];
    const source = this.variables.map((v) => chunk.numbers[v]!);
    const wSource = this.options.weights === undefined ? undefined : chunk.numbers[this.options.weights]!;
    if (this.keep.length < m) {
      this.keep = new Uint8Array(m);
      this.buffers = this.variables.map(() => new Float64Array(m));
      if (wSource) this.weightBuffer = new Float64Array(m);
    }
    // Which rows are complete, column by column (a tight loop per column, not per row).
    const keep = this.keep;
    keep.fill(1, 0, m);
    for (let j = 0; j < k; j++) this.missingCount[j]! += dropMissing(source[j]!, keep, m, codes);
    if (wSource) {
      for (let i = 0; i < m; i++) {
        const w = wSource[i]!;
        // As readColumns reads weights: only an empty cell is missing (missing codes apply to variables).
        if (w !== w) {
          this.missingWeights++;
          keep[i] = 0;
        } else if (w < 0) {
          throw new InputError('OUT_OF_RANGE', `column "${this.options.weights}", row ${chunk.firstRow + i}: ${w} is below 0`, {
            argument: 'options.weights',
            column: this.options.weights,
            row: chunk.firstRow + i,
            value: w,
            expected: 'a number >= 0',
          });
        }
      }
    }
    let n = 0;
    for (let i = 0; i < m; i++) n += keep[i]!;
    // The complete cases: the chunk's own columns when every row is complete, else copied.
    let used: Float64Array[];
    let w: Float64Array | undefined;
    if (n === m) {
      used = source;
      w = wSource;
    } else {
      used = this.buffers.map((b) => b.subarray(0, n));
      for (let j = 0; j < k; j++) {
        const from = source[j]!;
        const to = used[j]!;
        let r = 0;
        for (let i = 0; i < m; i++) if (keep[i] === 1) to[r++] = from[i]!;
      }
      if (wSource) {
        w = this.weightBuffer.subarray(0, n);
        let r = 0;
        for (let i = 0; i < m; i++) if (keep[i] === 1) w[r++] = wSource[i]!;
      }
    }
    if (w && !this.anyPositiveWeight) {
      for (let r = 0; r < n; r++) {
        if (w[r]! > 0) {
          this.anyPositiveWeight = true;
          break;
        }
      }
    }
    if (this.first === undefined && n > 0) this.first = used.map((c) => c[0]!);
    // Whether each variable varies over the complete cases with a positive weight (stops once all do).
    for (let r = 0; r < n && this.constant > 0; r++) {
      if (w && !(w[r]! > 0)) continue;
      if (this.firstPositive === undefined) {
        this.firstPositive = used.map((c) => c[r]!);
        continue;
      }
      for (let j = 0; j < k; j++) {
        if (!this.varies[j] && used[j]![r] !== this.firstPositive[j]) {
          this.varies[j] = true;
          this.constant--;
        }
      }
    }
    this.rowsIn += m;
    if (n === 0) return;
    let { means, sscp, weightSum } = centredCrossProducts(used, w);
    let positive = n;
    if (w) for (let i = 0; i < n; i++) if (w[i] === 0) positive--;
    if (weightSum === 0) {
      means = new Array<number>(k).fill(0);
      sscp = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    }
    const part: SufficientStatistics = {
      kind: 'sufficient-statistics',
      variables: this.variables,
      n: positive,
      weightSum,
      weighted: w !== undefined,
      means,
      sscp,
      missing: { policy: 'omit', rowsIn: n, rowsUsed: n, rowsDropped: 0, byColumn: {} },
    };
    this.total = this.total === undefined ? part : mergeSufficientStatistics(this.total, part);
  }

  /** Complete cases so far. */
  get complete(): number {
    return this.total?.missing.rowsUsed ?? 0;
  }

  result(): SufficientStatistics {
    const used = this.complete;
    const minimum = this.options.minimum ?? 1;
    if (used < minimum) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `rows: ${used} complete case${used === 1 ? '' : 's'} of ${this.rowsIn} on ${this.variables.join(', ')}; need at least ${minimum}`,
        { argument: 'rows', expected: `at least ${minimum} complete cases` },
      );
    }
    if (this.options.weights !== undefined && !this.anyPositiveWeight) {
      throw new InputError(
        'OUT_OF_RANGE',
        `options.weights ("${this.options.weights}"): every weight is zero in the ${used} complete cases; expected at least one positive weight`,
        { argument: 'options.weights', column: this.options.weights, expected: 'at least one positive weight' },
      );
    }
    const byColumn: Record<string, number> = {};
    this.variables.forEach((v, j) => {
      if (this.missingCount[j]! > 0) byColumn[v] = (byColumn[v] ?? 0) + this.missingCount[j]!;
    });
    if (this.missingWeights > 0) byColumn[this.options.weights!] = this.missingWeights;
    return {
      ...this.total!,
      variables: [...this.variables],
      missing: { policy: 'omit', rowsIn: this.rowsIn, rowsUsed: used, rowsDropped: this.rowsIn - used, byColumn },
    };
  }
}
