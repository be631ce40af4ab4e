import { dominanceAnalysis } from '../../importance/dominanceAnalysis.js';
import type { ImportanceMetric } from '../../importance/importanceMetrics.js';
import { importancePerformance } from '../../importance/importancePerformance.js';
import { relativeImportance } from '../../importance/relativeImportance.js';
import { whatIf } from '../../importance/whatIf.js';
import type { Command } from '../command.js';
import { listFlag, numberFlag, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import type { Section } from '../output.js';
import { importanceSections, prioritiesSection, whatIfSection } from '../sections.js';
import { bootstrapFlags, confidenceLevel, driverRows, missingCodes, weightsColumn } from '../shared.js';
import { numeric } from '../shared.js';

const METRICS = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson'];

/** `loyalty-drivers importance`: relative importance, dominance, priorities and what-if. */
export const importanceCommand: Command = {
  name: 'importance',
  summary: 'Driver importance (lmg/Shapley, first, last, betasq, pratt, car, Johnson), dominance, priorities and what-if',
  usage: 'importance [file] [--model model.json] [--outcome col] [--predictors a,b] [--metrics lmg,johnson] [--bootstrap N --seed S] [--delta 1]',
  options: {
    outcome: { type: 'string' }, predictors: { type: 'string' }, metrics: { type: 'string' },
    bootstrap: { type: 'string' }, seed: { type: 'string' }, delta: { type: 'string' }, 'no-dominance': { type: 'boolean' },
  },
  flagHelp: [
    ['--outcome col', "the outcome (default: the model's first continuous outcome)"],
    ['--predictors a,b', "columns or scale names (default: the model's drivers)"],
    ['--metrics lmg,johnson', `metrics to compute (default all: ${METRICS.join(', ')})`],
    ['--bootstrap N, --seed S', 'percentile bootstrap intervals with N replicates (seeded, default seed 1)'],
    ['--delta 1', 'what-if shift of each driver, in scale points (priorities and what-if need a model with scales)'],
    ['--no-dominance', 'skip the dominance matrices'],
  ],
  examples: [
    'loyalty-drivers importance survey.csv --model model.json',
    'loyalty-drivers importance survey.csv --model model.json --bootstrap 1000 --seed 42',
    'loyalty-drivers importance wide.csv --outcome y --predictors d01,d02,d03 --metrics lmg,johnson --format csv',
  ],
  readsData: true,
  async run(ctx) {
    const model = ctx.model;
    const outcome = stringFlag(ctx, 'outcome') ?? model?.outcomes.find((o) => o.kind === 'continuous')?.column;
    if (!outcome) throw new UsageError('the outcome is not known: pass --outcome col or a --model with a continuous outcome');
    const metrics = listFlag(ctx, 'metrics');
    for (const m of metrics ?? []) if (!METRICS.includes(m)) throw new UsageError(`--metrics: "${m}" is not a metric (${METRICS.join(', ')})`);
    const scaleNames = ctx.model?.scales ?? {};
    const plainPredictors = (listFlag(ctx, 'predictors') ?? []).filter((p) => scaleNames[p] === undefined);
    const { rows: raw } = await ctx.data(numeric(outcome, weightsColumn(ctx), ...plainPredictors));
    const { rows, predictors } = driverRows(ctx, raw);
    const boot = bootstrapFlags(ctx);
    const weights = weightsColumn(ctx);
    const codes = missingCodes(ctx);
    const level = confidenceLevel(ctx);
    const common = { outcome, predictors, weights, missingCodes: codes };
    const imp = relativeImportance(rows, {
      ...common,
      metrics: metrics as ImportanceMetric[] | undefined,
      bootstrap: boot.replicates > 0
        ? { replicates: boot.replicates, seed: boot.seed, confidenceLevel: level, onProgress: (done, total) => ctx.progress(`bootstrap ${done}/${total}`) }
        : undefined,
    });
    const dominance = ctx.flags['no-dominance'] === true ? undefined : dominanceAnalysis(rows, common);
    const sections: Section[] = importanceSections(imp, dominance);
    const result: Record<string, unknown> = { importance: imp, dominance };
    const scaled = model ? predictors.filter((p) => model.scales[p]) : [];
    if (model && scaled.length === predictors.length) {
      const priorities = importancePerformance(rows, {
        ...common, scale: Object.fromEntries(predictors.map((p) => [p, { min: model.scales[p]!.min ?? 1, max: model.scales[p]!.max ?? 7 }])),
      });
      const delta = numberFlag(ctx, 'delta') ?? 1;
      const rec = model.recommend;
      const effects = predictors.map((driver) => whatIf(rows, {
        ...common, driver, delta, confidenceLevel: level,
        nps: rec && rec.column === outcome ? { promoterMin: rec.promoterMin, detractorMax: rec.detractorMax } : false,
      }));
      sections.push(prioritiesSection(priorities), whatIfSection(effects));
      result['priorities'] = priorities;
      result['whatIf'] = effects;
    }
    return { result, sections };
  },
};
