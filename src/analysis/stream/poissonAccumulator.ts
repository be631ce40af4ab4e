/**
 * The Poisson bootstrap of one outcome's importance over chunks: each complete case (listwise
 * on the drivers, the outcome and the weight, as `relativeImportance` reads rows) is added to B
 * replicate moments under its data-row index, so the replicates are those of
 * `relativeImportance(rows, { bootstrap: { method: 'poisson' } })` digit for digit, whatever the
 * chunking. Memory: B x 21 numbers for four drivers; nothing per row.
 * @internal
 */
import { missingCodeTest } from './completeCases.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import { PoissonMoments } from '../../importance/poissonBootstrap.js';
import type { BootstrapPlan } from '../../internal/options.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';

export class PoissonAccumulator implements ChunkAccumulator<PoissonMoments> {
  readonly request: ColumnRequest;
  private readonly moments: PoissonMoments;

  constructor(
    private readonly drivers: readonly string[],
    private readonly outcome: string,
    private readonly weights: string | undefined,
    private readonly missingCodes: readonly number[] | undefined,
    plan: BootstrapPlan,
  ) {
    this.request = { [outcome]: 'number', ...(weights === undefined ? {} : { [weights]: 'number' }) };
    this.moments = new PoissonMoments(drivers.length + 1, plan.replicates, plan.seed);
  }

  add(chunk: ColumnChunk): void {
    const columns = [...this.drivers, this.outcome].map((c) => chunk.numbers[c]!);
    const w = this.weights === undefined ? undefined : chunk.numbers[this.weights]!;
    const codes = this.missingCodes ?? [];
    const { one, many } = missingCodeTest(codes);
    const k = columns.length;
    const x = new Float64Array(k);
    for (let i = 0; i < chunk.length; i++) {
      let complete = true;
      for (let j = 0; j < k; j++) {
        const v = columns[j]![i]!;
        if (v !== v || v === one || (many !== undefined && many.includes(v))) {
          complete = false;
          break;
        }
        x[j] = v;
      }
      const wi = w ? w[i]! : 1;
      if (!complete || wi !== wi) continue;
      this.moments.add(x, wi, chunk.firstRow + i);
    }
  }

  result(): PoissonMoments {
    return this.moments;
  }
}
