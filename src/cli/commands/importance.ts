import { dominanceAnalysis } from '../../importance/dominanceAnalysis.js';
import type { ImportanceMetric } from '../../importance/importanceMetrics.js';
import { importancePerformance } from '../../importance/importancePerformance.js';
import { relativeImportance, type ShapleyOptions } from '../../importance/relativeImportance.js';
import { whatIf } from '../../importance/whatIf.js';
import type { Command } from '../command.js';
import { type CommandContext, listFlag, numberFlag, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import type { Section } from '../output.js';
import { importanceSections, prioritiesSection, whatIfSection } from '../sections.js';
import { ENGINE_HELP, ENGINE_OPTION, engineImportance, useDuckDB } from '../engine.js';
import { bootstrapFlags, confidenceLevel, driverRows, missingCodes, weightsColumn } from '../shared.js';
import { numeric } from '../shared.js';

const METRICS = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson'];

/** `--shapley exact|sampled` and `--permutations N` as the library's `shapley` option (undefined: exact, the default). */
function shapleyFlags(ctx: CommandContext, seed: number): ShapleyOptions | undefined {
  const method = stringFlag(ctx, 'shapley');
  if (method !== undefined && method !== 'exact' && method !== 'sampled')
    throw new UsageError(`--shapley: expected exact or sampled, got "${method}"`);
  const permutations = numberFlag(
    ctx,
    'permutations',
    (x) => Number.isInteger(x) && x >= 4 && x % 2 === 0,
    'an even whole number of orderings, at least 4',
  );
  if (permutations !== undefined && method !== 'sampled') throw new UsageError('--permutations: applies to --shapley sampled');
  if (method !== 'sampled') return undefined;
  return { method: 'sampled', seed, ...(permutations === undefined ? {} : { permutations }) };
}

/** `loyalty-drivers importance`: relative importance, dominance, priorities and what-if. */
export const importanceCommand: Command = {
  name: 'importance',
  summary: 'Driver importance (lmg/Shapley, first, last, betasq, pratt, car, Johnson), dominance, priorities and what-if',
  usage:
    'importance [file] [--model model.json] [--outcome col] [--predictors a,b] [--metrics lmg,johnson] [--shapley exact|sampled] [--bootstrap N --seed S] [--delta 1]',
  options: {
    outcome: { type: 'string' },
    predictors: { type: 'string' },
    metrics: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    delta: { type: 'string' },
    'no-dominance': { type: 'boolean' },
    shapley: { type: 'string' },
    permutations: { type: 'string' },
    ...ENGINE_OPTION,
  },
  flagHelp: [
    ['--outcome col', "the outcome (default: the model's first continuous outcome)"],
    ['--predictors a,b', "columns or scale names (default: the model's drivers)"],
    ['--metrics lmg,johnson', `metrics to compute (default all: ${METRICS.join(', ')})`],
    [
      '--shapley exact|sampled',
      'lmg from all 2^p subsets (default; at most 25 predictors) or from random orderings, with an error bound (any number)',
    ],
    ['--permutations 2000', 'sampled lmg: number of orderings, an even whole number >= 4 (seeded by --seed)'],
    [
      '--bootstrap N, --seed S',
      'percentile bootstrap intervals: N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
    ['--delta 1', 'what-if shift of each driver, in scale points (priorities and what-if need a model with scales)'],
    ['--no-dominance', 'skip the dominance matrices (needed above 25 predictors)'],
    ENGINE_HELP,
  ],
  examples: [
    'loyalty-drivers importance survey.csv --model model.json',
    'loyalty-drivers importance survey.csv --model model.json --bootstrap 1000 --seed 42',
    'loyalty-drivers importance wide.csv --outcome y --predictors d01,d02,d03 --metrics lmg,johnson --format csv',
    'loyalty-drivers importance wide.csv --outcome y --predictors $(seq -s, -f d%02g 1 40) --shapley sampled --no-dominance',
  ],
  readsData: true,
  async run(ctx) {
    const model = ctx.model;
    const outcome = stringFlag(ctx, 'outcome') ?? model?.outcomes.find((o) => o.kind === 'continuous')?.column;
    if (!outcome) throw new UsageError('the outcome is not known: pass --outcome col or a --model with a continuous outcome');
    const metrics = listFlag(ctx, 'metrics');
    for (const m of metrics ?? [])
      if (!METRICS.includes(m)) throw new UsageError(`--metrics: "${m}" is not a metric (${METRICS.join(', ')})`);
    const scaleNames = ctx.model?.scales ?? {};
    const plainPredictors = (listFlag(ctx, 'predictors') ?? []).filter((p) => scaleNames[p] === undefined);
    const boot = bootstrapFlags(ctx);
    const shapley = shapleyFlags(ctx, boot.seed);
    if (useDuckDB(ctx))
      return engineImportance(ctx, outcome, listFlag(ctx, 'predictors'), metrics as ImportanceMetric[] | undefined, shapley);
    const { rows: raw } = await ctx.data(numeric(outcome, weightsColumn(ctx), ...plainPredictors));
    const { rows, predictors } = driverRows(ctx, raw);
    const weights = weightsColumn(ctx);
    const codes = missingCodes(ctx);
    const level = confidenceLevel(ctx);
    const common = { outcome, predictors, weights, missingCodes: codes };
    const imp = relativeImportance(rows, {
      ...common,
      metrics: metrics as ImportanceMetric[] | undefined,
      ...(shapley ? { shapley } : {}),
      bootstrap:
        boot.replicates > 0
          ? {
              replicates: boot.replicates,
              seed: boot.seed,
              confidenceLevel: level,
              onProgress: (done, total) => ctx.progress(`bootstrap ${done}/${total}`),
            }
          : undefined,
    });
    const dominance = ctx.flags['no-dominance'] === true ? undefined : dominanceAnalysis(rows, common);
    const sections: Section[] = importanceSections(imp, dominance);
    const result: Record<string, unknown> = { importance: imp, dominance };
    const scaled = model ? predictors.filter((p) => model.scales[p]) : [];
    if (model && scaled.length === predictors.length) {
      const priorities = importancePerformance(rows, {
        ...common,
        ...(shapley ? { shapley } : {}),
        scale: Object.fromEntries(predictors.map((p) => [p, { min: model.scales[p]!.min ?? 1, max: model.scales[p]!.max ?? 7 }])),
      });
      const delta = numberFlag(ctx, 'delta') ?? 1;
      const rec = model.recommend;
      const effects = predictors.map((driver) =>
        whatIf(rows, {
          ...common,
          driver,
          delta,
          confidenceLevel: level,
          nps: rec && rec.column === outcome ? { promoterMin: rec.promoterMin, detractorMax: rec.detractorMax } : false,
        }),
      );
      sections.push(prioritiesSection(priorities), whatIfSection(effects));
      result['priorities'] = priorities;
      result['whatIf'] = effects;
    }
    return { result, sections };
  },
};
