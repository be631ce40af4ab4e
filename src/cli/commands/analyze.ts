import { analyze, type Analysis, type AnalyzeOptions } from '../../analysis/analyze.js';
import { LoyaltyError } from '../../errors.js';
import { analyzeSource } from '../../io/analyzeSource.js';
import type { Command } from '../command.js';
import { numberFlag } from '../context.js';
import { analysisSections } from '../sections.js';
import { bootstrapOption, confidenceLevel, requireModel, skippedLines } from '../shared.js';

/** `loyalty-drivers analyze`: everything the model file asks for. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'The whole analysis the model file asks for: indices, reliability, regression, importance, priorities, what-if, segments, waves',
  usage: 'analyze [file] --model model.json [--bootstrap N --seed S] [--delta 1]',
  options: { bootstrap: { type: 'string' }, seed: { type: 'string' }, delta: { type: 'string' } },
  flagHelp: [
    [
      '--bootstrap N, --seed S',
      'bootstrap intervals of importance and of wave differences: N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
    ['--delta 1', 'what-if shift of each driver, in scale points'],
  ],
  examples: [
    'loyalty-drivers analyze survey.csv --model model.json',
    'loyalty-drivers analyze survey.csv --model model.json --bootstrap 1000 --format json -o analysis.json',
  ],
  readsData: true,
  async run(ctx) {
    const model = requireModel(ctx, 'analyze runs what the model file asks for');
    const options: AnalyzeOptions = {
      bootstrap: bootstrapOption(ctx),
      confidenceLevel: confidenceLevel(ctx),
      whatIfDelta: numberFlag(ctx, 'delta'),
      onProgress: (step, done, total) => ctx.progress(done === undefined ? step : `${step} ${done}/${total}`),
    };
    // A file is analysed in bounded memory (column chunks, one pass per section that needs one);
    // standard input is read whole. An error that names a row but no line is raised again by the
    // rows path, whose messages can point at the file's line and at columns empty in every row.
    let result: Analysis | undefined;
    const input = await ctx.source?.();
    if (input) {
      try {
        result = await analyzeSource(input.source, model, { ...options, read: input.read });
        input.rows(result.rowsIn);
      } catch (e) {
        const located = e instanceof LoyaltyError && / line \d+/.test(e.message);
        if (!(e instanceof LoyaltyError) || located) throw e;
      }
    }
    if (!result) {
      const { rows } = await ctx.data();
      result = analyze(rows, model, options);
    }
    const skipped = skippedLines(result);
    return { result, sections: analysisSections(result), notes: [...result.warnings.map((w) => w.message), ...skipped], stderr: skipped };
  },
};
