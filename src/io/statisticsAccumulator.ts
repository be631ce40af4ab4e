/**
 * Bounded-memory reduction of complete cases to sufficient statistics: cases are buffered in
 * Float64Arrays of `chunkSize` rows; each full buffer is reduced by the corrected two-pass
 * algorithm (`centredCrossProducts`) and merged into the running total by the pairwise update of
 * Chan, Golub & LeVeque (`mergeSufficientStatistics`). Memory is O(chunkSize x k + k^2) whatever
 * the number of rows.
 * @internal
 */
import { InputError, InsufficientDataError } from '../errors.js';
import { centredCrossProducts } from '../internal/sums.js';
import { mergeSufficientStatistics, type SufficientStatistics } from '../summary/sufficientStatistics.js';
import type { MissingPolicy } from '../types.js';

/** Accumulates complete cases chunk by chunk. */
export class StatisticsAccumulator {
  private readonly buffers: Float64Array[];
  private readonly weightBuffer: Float64Array | undefined;
  private filled = 0;
  private total: SufficientStatistics | undefined;
  /** Complete cases added (including zero-weight ones, which do not count towards `n`). */
  private complete = 0;
  /** Rows seen (complete or not). */
  rowsIn = 0;
  /** Rows dropped, and the missing count per variable (a row missing two counts in both). */
  rowsDropped = 0;
  readonly missingByVariable: number[];
  missingWeights = 0;

  constructor(
    readonly variables: readonly string[],
    readonly weightColumn: string | undefined,
    readonly chunkSize: number,
    readonly policy: MissingPolicy,
  ) {
    this.buffers = variables.map(() => new Float64Array(chunkSize));
    this.weightBuffer = weightColumn === undefined ? undefined : new Float64Array(chunkSize);
    this.missingByVariable = variables.map(() => 0);
  }

  /** Adds one complete case (values aligned with `variables`). */
  add(values: ArrayLike<number>, weight: number): void {
    const i = this.filled;
    for (let j = 0; j < this.buffers.length; j++) this.buffers[j]![i] = values[j]!;
    if (this.weightBuffer) this.weightBuffer[i] = weight;
    this.filled = i + 1;
    if (this.filled === this.chunkSize) this.flush();
  }

  /** Reduces the buffered cases and merges them into the total. */
  flush(): void {
    const n = this.filled;
    if (n === 0) return;
    this.filled = 0;
    this.complete += n;
    const columns = this.buffers.map((b) => b.subarray(0, n));
    const weights = this.weightBuffer?.subarray(0, n);
    const k = this.variables.length;
    let { means, sscp, weightSum } = centredCrossProducts(columns, weights);
    // Zero-weight cases carry no information: as in sufficientStatistics (and R's lm) they do not count towards n.
    let positive = n;
    if (weights) for (let i = 0; i < n; i++) if (weights[i] === 0) positive--;
    if (weightSum === 0) {
      // Every weight in the chunk is zero: it adds cases but no weight (means would be 0/0).
      means = new Array<number>(k).fill(0);
      sscp = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    }
    const chunk: SufficientStatistics = {
      kind: 'sufficient-statistics',
      variables: this.variables,
      n: positive,
      weightSum,
      weighted: weights !== undefined,
      means,
      sscp,
      missing: { policy: this.policy, rowsIn: n, rowsUsed: n, rowsDropped: 0, byColumn: {} },
    };
    this.total = this.total === undefined ? chunk : mergeSufficientStatistics(this.total, chunk);
  }

  /** The statistics of every case added, with the missing-value report. */
  result(file: string): SufficientStatistics {
    this.flush();
    if (this.rowsIn === 0) {
      throw new InputError('EMPTY_INPUT', `${file}: no data rows`, { argument: file, expected: 'at least one data row' });
    }
    const total = this.total;
    if (total === undefined) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `${file}: 0 complete cases of ${this.rowsIn} on ${this.variables.join(', ')}${this.weightColumn ? ` (weights ${this.weightColumn})` : ''}; need at least 1`,
        {
          argument: file,
          expected: 'at least 1 complete case',
        },
      );
    }
    if (total.weighted && !(total.weightSum > 0)) {
      throw new InputError(
        'OUT_OF_RANGE',
        `${file}: every weight in column "${this.weightColumn}" is zero; expected at least one positive weight`,
        {
          argument: file,
          column: this.weightColumn,
          expected: 'at least one positive weight',
        },
      );
    }
    const byColumn: Record<string, number> = {};
    this.variables.forEach((v, j) => {
      if (this.missingByVariable[j]! > 0) byColumn[v] = (byColumn[v] ?? 0) + this.missingByVariable[j]!;
    });
    if (this.missingWeights > 0 && this.weightColumn !== undefined) byColumn[this.weightColumn] = this.missingWeights;
    return {
      ...total,
      variables: [...this.variables],
      missing: { policy: this.policy, rowsIn: this.rowsIn, rowsUsed: this.complete, rowsDropped: this.rowsIn - this.complete, byColumn },
    };
  }
}
