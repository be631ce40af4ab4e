import { IndexAccumulator } from '../../analysis/stream/indexAccumulator.js';
import type { Command } from '../command.js';
import { listFlag, numberFlag, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { indicesSection } from '../sections.js';
import { confidenceLevel, missingCodes, numeric, weightsColumn } from '../shared.js';

/** `loyalty-drivers indices`: NPS, CSAT, the Customer Loyalty Index and retention. */
export const indicesCommand: Command = {
  name: 'indices',
  summary: 'NPS, CSAT, Customer Loyalty Index, retention and churn, with standard errors and intervals',
  usage: 'indices [file] [--model model.json] [--recommend col] [--csat col] [--loyalty-items a,b,c] [--retained col]',
  options: {
    recommend: { type: 'string' },
    csat: { type: 'string' },
    'loyalty-items': { type: 'string' },
    retained: { type: 'string' },
    interval: { type: 'string' },
    'promoter-min': { type: 'string' },
    'detractor-max': { type: 'string' },
  },
  flagHelp: [
    ['--recommend col', 'the 0-10 likelihood-to-recommend column (NPS); default from the model'],
    ['--csat col', 'the satisfaction column (CSAT, top-2-box on 1-5)'],
    ['--loyalty-items a,b,c', 'Customer Loyalty Index items (recommend, repurchase, upsell)'],
    ['--retained col', '0/1 retained column (retention and churn)'],
    ['--interval adjusted-wald|wald', 'NPS interval (default adjusted-wald; wald with weights)'],
    ['--promoter-min 9, --detractor-max 6', 'NPS cut points (whole numbers from 0 to 10)'],
  ],
  examples: [
    'loyalty-drivers indices survey.csv --model model.json',
    'loyalty-drivers indices survey.csv --recommend recommend --csat csat --format json',
    'cat survey.csv | loyalty-drivers indices --recommend likely_to_recommend --weights none',
  ],
  readsData: true,
  streams: true,
  async run(ctx) {
    const model = ctx.model;
    const weights = weightsColumn(ctx);
    const recommend = stringFlag(ctx, 'recommend') ?? model?.recommend?.column;
    const csatColumn = stringFlag(ctx, 'csat') ?? model?.csat?.column;
    const items = listFlag(ctx, 'loyalty-items') ?? model?.loyaltyIndex?.items;
    const retained = stringFlag(ctx, 'retained') ?? model?.retained;
    if (!recommend && !csatColumn && !items && !retained) {
      throw new UsageError('nothing to compute: give --recommend, --csat, --loyalty-items or --retained, or a --model that names them');
    }
    const li = model?.loyaltyIndex;
    // Streamed: only the columns the indices read, chunk by chunk, into sufficient statistics
    // (src/analysis/stream/indexAccumulator.ts); memory does not grow with the file, except for
    // the Customer Loyalty Index per respondent, which only the JSON output prints.
    const accumulator = new IndexAccumulator({
      recommend: recommend
        ? {
            column: recommend,
            promoterMin: numberFlag(ctx, 'promoter-min', onScale, ON_SCALE) ?? model?.recommend?.promoterMin,
            detractorMax: numberFlag(ctx, 'detractor-max', onScale, ON_SCALE) ?? model?.recommend?.detractorMax,
            intervalMethod: stringFlag(ctx, 'interval') as 'wald' | 'adjusted-wald' | undefined,
          }
        : undefined,
      csat: csatColumn ? { column: csatColumn, satisfiedMin: model?.csat?.satisfiedMin } : undefined,
      loyaltyIndex: items ? { items, method: li?.method, min: li?.min, max: li?.max } : undefined,
      retained,
      weights,
      missingCodes: missingCodes(ctx),
      confidenceLevel: confidenceLevel(ctx),
      perRespondent: ctx.flags['format'] === 'json',
    });
    const declared = numeric(recommend, csatColumn, ...(items ?? []), retained, weights);
    for await (const chunk of ctx.columns(accumulator.request, declared)) accumulator.add(chunk);
    let indices = accumulator.result();
    // JSON and CSV print every digit: a second pass over a file makes the weighted SEs those of
    // the row functions to the last bit (one pass agrees to about 1e-15; the table shows 3 digits).
    const format = ctx.flags['format'];
    const second = (format === 'json' || format === 'csv') && ctx.rereadable ? accumulator.secondPass() : undefined;
    if (second) {
      for await (const chunk of ctx.columns(second.request, declared)) second.add(chunk);
      indices = accumulator.result();
    }
    return { result: indices, sections: [indicesSection(indices)] };
  },
};

/** The NPS cut flags: points of the 0-10 scale, else a usage error (exit 2). */
const onScale = (x: number): boolean => Number.isInteger(x) && x >= 0 && x <= 10;
const ON_SCALE = 'a whole number from 0 to 10 (a point of the 0-10 scale)';
