import { waveOptions } from '../../analysis/waveOptions.js';
import { compareWaves } from '../../monitoring/compareWaves.js';
import type { Command } from '../command.js';
import { stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { waveSections } from '../sections.js';
import { bootstrapOption, confidenceLevel, missingCodes, weightsColumn } from '../shared.js';
import { checkBootstrap } from '../../internal/options.js';

/** `loyalty-drivers compare`: wave-to-wave comparison. */
export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare waves (before/after a campaign): indices, driver means and importance, with tests',
  usage: 'compare [file] [--model model.json] [--wave col] [--baseline value] [--bootstrap N --seed S]',
  options: { wave: { type: 'string' }, baseline: { type: 'string' }, bootstrap: { type: 'string' }, seed: { type: 'string' } },
  flagHelp: [
    ['--wave col', "the wave column (default: the model's)"],
    ['--baseline value', 'compare every wave with this one (default: consecutive waves)'],
    [
      '--bootstrap N, --seed S',
      'bootstrap intervals of the importance differences: N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
  ],
  examples: [
    'loyalty-drivers compare survey.csv --model model.json',
    'loyalty-drivers compare survey.csv --model model.json --baseline 1 --bootstrap 500 --format json',
  ],
  readsData: true,
  async run(ctx) {
    const model = ctx.model;
    const wave = stringFlag(ctx, 'wave') ?? model?.wave;
    if (!wave) throw new UsageError('the wave column is not known: pass --wave col or a --model with "wave"');
    const { rows } = await ctx.data();
    const boot = bootstrapOption(ctx);
    const level = confidenceLevel(ctx);
    const baselineText = stringFlag(ctx, 'baseline');
    // Waves read from CSV are numbers when they look like numbers.
    const baseline =
      baselineText === undefined ? undefined : rows.some((r) => r[wave] === Number(baselineText)) ? Number(baselineText) : baselineText;
    const settings = { wave, baseline, confidenceLevel: level, weights: weightsColumn(ctx), missingCodes: missingCodes(ctx) };
    // Without a model: the wave split of whatever the flags can name (nothing but the wave itself).
    const result = compareWaves(
      rows,
      model ? waveOptions(model, { ...settings, bootstrap: checkBootstrap(boot, '--bootstrap', level) }) : settings,
    );
    return { result, sections: waveSections(result) };
  },
};
