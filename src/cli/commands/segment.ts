import { modelMeasure } from '../../analysis/modelMeasure.js';
import { recommendOptions } from '../../analysis/waveOptions.js';
import type { ModelMeasure } from '../../model/types.js';
import { profileSegments } from '../../segmentation/profileSegments.js';
import type { MeasureSpec } from '../../segmentation/resolveMeasure.js';
import { segmentLoyalty } from '../../segmentation/segmentLoyalty.js';
import type { Command } from '../command.js';
import { listFlag, stringFlag, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { segmentSections } from '../sections.js';
import { confidenceLevel, driverRows, weightsColumn } from '../shared.js';

/** A measure flag: `col`, `a/b` (a ratio, e.g. spend/category_spend), `mean(a,b,c)`, or a model scale / `loyaltyIndex`. */
function measureFlag(ctx: CommandContext, name: string, fromModel: ModelMeasure | undefined): MeasureSpec | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return fromModel === undefined || !ctx.model ? undefined : modelMeasure(ctx.model, fromModel);
  const ratio = /^([^/]+)\/([^/]+)$/.exec(text);
  if (ratio) return { ratio: [ratio[1]!.trim(), ratio[2]!.trim()] };
  const mean = /^mean\((.+)\)$/.exec(text);
  if (mean) return { mean: mean[1]!.split(',').map((s) => s.trim()) };
  return ctx.model ? modelMeasure(ctx.model, text) : text;
}

function cutFlag(ctx: CommandContext, name: string, fromModel: number | 'median' | undefined): number | 'median' | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return fromModel;
  if (text === 'median') return 'median';
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name}: expected a number or "median", got "${text}"`);
  return x;
}

/** `loyalty-drivers segment`: Dick & Basu segments and their profiles. */
export const segmentCommand: Command = {
  name: 'segment',
  summary: 'Attitude x behaviour segments (true, latent, spurious, no loyalty) with profiles and tests',
  usage:
    'segment [file] [--model model.json] [--attitude m] [--behaviour m] [--attitude-cut x|median] [--behaviour-cut x|median] [--profile a,b]',
  options: {
    attitude: { type: 'string' },
    behaviour: { type: 'string' },
    'attitude-cut': { type: 'string' },
    'behaviour-cut': { type: 'string' },
    profile: { type: 'string' },
    revenue: { type: 'string' },
  },
  flagHelp: [
    ['--attitude m', "a column, a model scale, loyaltyIndex, mean(a,b,c) (default: the model's)"],
    ['--behaviour m', 'a column, or a ratio such as spend_12m/category_spend_12m (share of wallet)'],
    ['--attitude-cut x, --behaviour-cut x', '"high" means strictly above the cut (default: the median)'],
    ['--profile a,b', 'columns to profile segments on (numeric or categorical)'],
    ['--revenue col', "revenue column for each segment's revenue and share"],
  ],
  examples: [
    'loyalty-drivers segment customers.csv --model model.json',
    'loyalty-drivers segment crm.csv --attitude recommend --attitude-cut 8 --behaviour spend/category_spend --behaviour-cut 0.5 --profile switching_cost,channel',
  ],
  readsData: true,
  async run(ctx) {
    const seg = ctx.model?.segmentation;
    const attitude = measureFlag(ctx, 'attitude', seg?.attitude);
    const behaviour = measureFlag(ctx, 'behaviour', seg?.behaviour);
    if (!attitude || !behaviour)
      throw new UsageError(
        'the attitude and behaviour measures are not known: pass --attitude and --behaviour, or a --model with a segmentation section',
      );
    const { rows: raw } = await ctx.data();
    const segments = segmentLoyalty(raw, {
      attitude,
      behaviour,
      attitudeCut: cutFlag(ctx, 'attitude-cut', seg?.attitudeCut),
      behaviourCut: cutFlag(ctx, 'behaviour-cut', seg?.behaviourCut),
    });
    const model = ctx.model;
    const drivers = model ? [...model.drivers] : [];
    const scored = drivers.length > 0 ? driverRows(ctx, raw).rows : raw;
    const variables = [
      ...(seg?.lockIn ? [seg.lockIn] : []),
      ...(scored !== raw ? drivers : []),
      ...(listFlag(ctx, 'profile') ?? seg?.profile ?? []),
    ];
    const profile = profileSegments(scored, segments, {
      variables: [...new Set(variables)],
      nps: model ? recommendOptions(model) : undefined,
      revenue: stringFlag(ctx, 'revenue') ?? seg?.revenue,
      weights: weightsColumn(ctx),
      confidenceLevel: confidenceLevel(ctx),
    });
    return { result: { segments, profile }, sections: segmentSections(segments, profile) };
  },
};
