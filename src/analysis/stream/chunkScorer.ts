/**
 * Driver scores of each chunk row, by the one scoring rule `scaleScores` uses (`scaleScore`),
 * added to the chunk's numbers under the scale names (NaN where a respondent gets no score), so
 * the sections never score items themselves.
 * @internal
 */
import { missingCodeTest } from './completeCases.js';
import { InputError } from '../../errors.js';
import type { ColumnChunk, ColumnRequest } from '../../io/columnChunks.js';
import { normalizeScales } from '../../measurement/normalizeScales.js';
import { scaleScore, scaleScoreRule } from '../../measurement/scaleScore.js';
import { minimumFor } from '../../measurement/scaleScores.js';
import type { LoyaltyModel } from '../../model/types.js';

export interface ChunkScorer {
  /** The item columns. */
  readonly request: ColumnRequest;
  /** The chunk with the scores of `drivers` added. */
  score(chunk: ColumnChunk): ColumnChunk;
}

/** What a scorer is made from (plain data: it crosses to a reading worker). */
export interface ChunkScoring {
  readonly model: LoyaltyModel;
  readonly missingCodes: readonly number[] | undefined;
}

/** The scorer of the model's drivers. */
export function chunkScorer(model: LoyaltyModel, missingCodes: readonly number[] | undefined): ChunkScorer {
  const drivers = model.drivers;
  const scales = normalizeScales(Object.fromEntries(drivers.map((d) => [d, model.scales[d]!])), 'scales', 1);
  const statistic = model.scoring.statistic ?? 'mean';
  const rescale = (model.scoring.rescale ?? 'none') === '0-100';
  const request: Record<string, 'number'> = {};
  for (const s of scales) for (const item of s.items) request[item] = 'number';
  const plans = scales.map((s) => ({
    scale: s,
    rule: scaleScoreRule(s, minimumFor(s, model.scoring.minimumAnswered), statistic, rescale),
  }));
  const codes = missingCodes ?? [];
  // One missing code (the usual case) is a comparison, not an includes() per cell.
  const { one, many } = missingCodeTest(codes);
  return {
    request,
    score(chunk) {
      const m = chunk.length;
      const numbers: Record<string, Float64Array> = { ...chunk.numbers };
      for (const { scale, rule } of plans) {
        const k = scale.items.length;
        const columns = scale.items.map((item) => chunk.numbers[item]!);
        const answers = new Float64Array(k);
        const out = new Float64Array(m);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < k; j++) {
            let v = columns[j]![i]!;
            if (v === one || (many !== undefined && many.includes(v))) v = NaN;
            else if (v === v && (v < (scale.min ?? -Infinity) || v > (scale.max ?? Infinity) || (scale.integer && !Number.isInteger(v)))) {
              const item = scale.items[j]!;
              throw new InputError(
                'OUT_OF_RANGE',
                `column "${item}", row ${chunk.firstRow + i}: ${v} is outside the scale of "${scale.name}" (${scale.min} to ${scale.max}${scale.integer ? ', whole numbers' : ''})`,
                {
                  argument: 'rows',
                  column: item,
                  row: chunk.firstRow + i,
                  value: v,
                  expected: `a value from ${scale.min} to ${scale.max}`,
                },
              );
            }
            answers[j] = v;
          }
          out[i] = scaleScore(rule, answers);
        }
        numbers[scale.name] = out;
      }
      return { ...chunk, numbers };
    },
  };
}
