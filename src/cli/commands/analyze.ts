import type { Command } from '../command.js';
import { ENGINE_HELP, ENGINE_OPTION, engineAnalysis, refuseWithEngine, useDuckDB } from '../engine.js';
import { analysisSections } from '../sections.js';
import { runAnalysis } from '../runAnalysis.js';
import { requireModel, skippedLines } from '../shared.js';

/** `loyalty-drivers analyze`: everything the model file asks for. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'The whole analysis the model file asks for: indices, reliability, regression, importance, priorities, what-if, segments, waves',
  usage: 'analyze [file] --model model.json [--bootstrap N --seed S] [--delta 1] [--row-limit N|none]',
  options: {
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    delta: { type: 'string' },
    'row-limit': { type: 'string' },
    ...ENGINE_OPTION,
  },
  flagHelp: [
    [
      '--bootstrap N, --seed S',
      'bootstrap intervals of importance and of wave differences: N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
    ['--delta 1', 'what-if shift of each driver, in scale points'],
    [
      '--row-limit N',
      'a file streams; the sections that still read whole columns (the panel transitions of the waves; penalty-reward, necessity and a 0/1 outcome\'s fits past 131,072 distinct cases) run up to N rows, default 500000, "none" for no limit',
    ],
    [ENGINE_HELP[0], `${ENGINE_HELP[1]}: reliability, HTMT, regression, importance, dominance, priorities, importance by wave`],
  ],
  examples: [
    'loyalty-drivers analyze survey.csv --model model.json',
    'loyalty-drivers analyze survey.csv --model model.json --bootstrap 1000 --format json -o analysis.json',
  ],
  readsData: true,
  streams: true,
  async run(ctx) {
    const model = requireModel(ctx, 'analyze runs what the model file asks for');
    if (useDuckDB(ctx)) {
      refuseWithEngine(ctx, ['bootstrap', 'delta'], 'it needs rows');
      return engineAnalysis(ctx, model);
    }
    const { analysis: result } = await runAnalysis(ctx, model, ctx.flags['format'] === 'json');
    const skipped = skippedLines(result);
    return { result, sections: analysisSections(result), notes: [...result.warnings.map((w) => w.message), ...skipped], stderr: skipped };
  },
};
