import { compareWaves } from '../../monitoring/compareWaves.js';
import type { Command } from '../command.js';
import { stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { waveSections } from '../sections.js';
import { bootstrapFlags, confidenceLevel, missingCodes, weightsColumn } from '../shared.js';

/** `loyalty-drivers compare`: wave-to-wave comparison. */
export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare waves (before/after a campaign): indices, driver means and importance, with tests',
  usage: 'compare [file] [--model model.json] [--wave col] [--baseline value] [--bootstrap N --seed S]',
  options: { wave: { type: 'string' }, baseline: { type: 'string' }, bootstrap: { type: 'string' }, seed: { type: 'string' } },
  flagHelp: [
    ['--wave col', "the wave column (default: the model's)"],
    ['--baseline value', 'compare every wave with this one (default: consecutive waves)'],
    ['--bootstrap N, --seed S', 'bootstrap intervals of the importance differences'],
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
    const boot = bootstrapFlags(ctx);
    const level = confidenceLevel(ctx);
    const baselineText = stringFlag(ctx, 'baseline');
    // Waves read from CSV are numbers when they look like numbers.
    const baseline = baselineText === undefined ? undefined : rows.some((r) => r[wave] === Number(baselineText)) ? Number(baselineText) : baselineText;
    const drivers = model ? Object.fromEntries(model.drivers.map((d) => [d, model.scales[d]!])) : undefined;
    const continuous = model?.outcomes.find((o) => o.kind === 'continuous');
    const result = compareWaves(rows, {
      wave, baseline,
      nps: model?.recommend ? { column: model.recommend.column, promoterMin: model.recommend.promoterMin, detractorMax: model.recommend.detractorMax } : undefined,
      csat: model?.csat ? { column: model.csat.column, satisfiedMin: model.csat.satisfiedMin } : undefined,
      retention: model?.retained,
      customerLoyaltyIndex: model?.loyaltyIndex ? { items: model.loyaltyIndex.items, scale: { min: model.loyaltyIndex.min, max: model.loyaltyIndex.max } } : undefined,
      drivers: drivers && Object.keys(drivers).length > 0 ? drivers : undefined,
      importance: continuous && model && model.drivers.length >= 2
        ? { outcome: continuous.column, bootstrap: boot.replicates > 0 ? { replicates: boot.replicates, seed: boot.seed, confidenceLevel: level } : false }
        : undefined,
      weights: weightsColumn(ctx), confidenceLevel: level, missingCodes: missingCodes(ctx),
    });
    return { result, sections: waveSections(result) };
  },
};
