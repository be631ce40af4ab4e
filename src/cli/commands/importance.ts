import { dominanceAnalysis } from '../../importance/dominanceAnalysis.js';
import type { ImportanceMetric } from '../../importance/importanceMetrics.js';
import { importancePerformance } from '../../importance/importancePerformance.js';
import { penaltyReward } from '../../importance/penaltyReward.js';
import { relativeImportance, type ShapleyOptions } from '../../importance/relativeImportance.js';
import { whatIf } from '../../importance/whatIf.js';
import type { Command } from '../command.js';
import { type CommandContext, listFlag, numberFlag, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import type { Section } from '../output.js';
import { importanceSections, penaltyRewardSection, prioritiesSection, whatIfSection } from '../sections.js';
import { ENGINE_HELP, ENGINE_OPTION, engineImportance, useDuckDB } from '../engine.js';
import { bootstrapFlags, confidenceLevel, driverRows, MISSING_HELP, missingCodes, missingPolicy, weightsColumn } from '../shared.js';
import { numeric } from '../shared.js';

const METRICS = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson', 'genizi'];
const FAMILIES = ['gaussian', 'binomial', 'ordinal'] as const;
const PSEUDO = ['mcfadden', 'cox-snell', 'nagelkerke', 'estrella'] as const;

/** `--sets service=sat1+sat2,image=img1+img2` as the library's `sets` option. */
function setsFlag(ctx: CommandContext): Record<string, string[]> | undefined {
  const list = listFlag(ctx, 'sets');
  if (list === undefined) return undefined;
  const out: Record<string, string[]> = {};
  for (const item of list) {
    const at = item.indexOf('=');
    const members =
      at > 0
        ? item
            .slice(at + 1)
            .split('+')
            .filter((c) => c.length > 0)
        : [];
    if (at <= 0 || members.length === 0) throw new UsageError(`--sets: expected name=col1+col2, got "${item}"`);
    out[item.slice(0, at)] = members;
  }
  return out;
}

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
    'importance [file] [--model model.json] [--outcome col] [--predictors a,b] [--family gaussian|binomial|ordinal] [--pseudo-r2 mcfadden|cox-snell|nagelkerke|estrella] [--sets s=a+b] [--always c] [--categorical c] [--metrics lmg,johnson] [--shapley exact|sampled] [--bootstrap N --seed S] [--signed] [--delta 1]',
  options: {
    outcome: { type: 'string' },
    predictors: { type: 'string' },
    missing: { type: 'string' },
    metrics: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    delta: { type: 'string' },
    'no-dominance': { type: 'boolean' },
    shapley: { type: 'string' },
    permutations: { type: 'string' },
    family: { type: 'string' },
    'pseudo-r2': { type: 'string' },
    sets: { type: 'string' },
    always: { type: 'string' },
    categorical: { type: 'string' },
    signed: { type: 'boolean' },
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
    MISSING_HELP,
    [
      '--family gaussian|binomial|ordinal',
      'outcome family: R2 of linear fits (default), a 0/1 outcome (logistic fits) or 3+ ordered values (proportional-odds fits); at most 15 drivers exactly',
    ],
    ['--pseudo-r2 mcfadden', 'binomial and ordinal: the pseudo-R2 decomposed: mcfadden (default), cox-snell, nagelkerke or estrella'],
    ['--sets s=a+b,t=c+d', 'driver sets, each one player (relaimpo groups, dominanceanalysis terms)'],
    ['--always c1,c2', 'covariates in every submodel, their share reported apart (relaimpo always)'],
    ['--categorical region', 'text or integer columns to dummy-code (first sorted level the reference), each one player'],
    ['--signed', "give each importance the sign of the driver's full-model coefficient"],
    ENGINE_HELP,
  ],
  examples: [
    'loyalty-drivers importance survey.csv --model model.json',
    'loyalty-drivers importance survey.csv --model model.json --bootstrap 1000 --seed 42',
    'loyalty-drivers importance wide.csv --outcome y --predictors d01,d02,d03 --metrics lmg,johnson --format csv',
    'loyalty-drivers importance wide.csv --outcome y --predictors $(seq -s, -f d%02g 1 40) --shapley sampled --no-dominance',
    'loyalty-drivers importance survey.csv --outcome retained --predictors sat1,tru1,img1,region --categorical region --family binomial --pseudo-r2 nagelkerke',
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
    const familyFlag = stringFlag(ctx, 'family');
    if (familyFlag !== undefined && !(FAMILIES as readonly string[]).includes(familyFlag))
      throw new UsageError(`--family: expected ${FAMILIES.join(', ')}, got "${familyFlag}"`);
    // Without --family, the model's kind of the outcome decides (binary: binomial, ordinal: ordinal).
    const declared = model?.outcomes.find((o) => o.column === outcome)?.kind;
    const family = (familyFlag ?? (declared === 'binary' ? 'binomial' : declared === 'ordinal' ? 'ordinal' : undefined)) as
      | (typeof FAMILIES)[number]
      | undefined;
    const pseudo = stringFlag(ctx, 'pseudo-r2');
    if (pseudo !== undefined && !(PSEUDO as readonly string[]).includes(pseudo))
      throw new UsageError(`--pseudo-r2: expected ${PSEUDO.join(', ')}, got "${pseudo}"`);
    if (pseudo !== undefined && (family === undefined || family === 'gaussian'))
      throw new UsageError('--pseudo-r2: applies to --family binomial or ordinal');
    const sets = setsFlag(ctx);
    const always = listFlag(ctx, 'always');
    const categorical = listFlag(ctx, 'categorical') ?? [];
    const players =
      family !== undefined || sets !== undefined || always !== undefined || categorical.length > 0
        ? {
            ...(family ? { family } : {}),
            ...(pseudo ? { pseudoRSquared: pseudo as (typeof PSEUDO)[number] } : {}),
            ...(sets ? { sets } : {}),
            ...(always ? { always } : {}),
            ...(categorical.length > 0 ? { categorical } : {}),
          }
        : undefined;
    const plainPredictors = [...(listFlag(ctx, 'predictors') ?? []), ...(always ?? [])].filter(
      (p) => scaleNames[p] === undefined && !categorical.includes(p),
    );
    const boot = bootstrapFlags(ctx);
    const shapley = shapleyFlags(ctx, boot.seed);
    if (useDuckDB(ctx))
      return engineImportance(ctx, outcome, listFlag(ctx, 'predictors'), metrics as ImportanceMetric[] | undefined, shapley);
    const { rows: raw } = await ctx.data(numeric(outcome, weightsColumn(ctx), ...plainPredictors));
    const { rows, predictors } = driverRows(ctx, raw);
    const weights = weightsColumn(ctx);
    const codes = missingCodes(ctx);
    const level = confidenceLevel(ctx);
    const missing = missingPolicy(ctx);
    if (missing !== 'omit' && boot.replicates > 0)
      throw new UsageError(`--bootstrap: not with --missing ${missing} (it resamples complete rows)`);
    const common = { outcome, predictors, weights, missingCodes: codes };
    // Pairwise and FIML apply to the decompositions; what-if stays on the complete cases.
    const policy = missing === 'omit' ? {} : { missing };
    const imp = relativeImportance(rows, {
      ...common,
      ...policy,
      ...(players ?? {}),
      ...(ctx.flags['signed'] === true ? { signed: true } : {}),
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
    const dominance =
      ctx.flags['no-dominance'] === true ? undefined : dominanceAnalysis(rows, { ...common, ...policy, ...(players ?? {}) });
    const sections: Section[] = importanceSections(imp, dominance);
    const result: Record<string, unknown> = { importance: imp, dominance };
    const scaled = model ? predictors.filter((p) => model.scales[p]) : [];
    // Priorities and what-if read linear single drivers.
    if (model && scaled.length === predictors.length && players === undefined) {
      const priorities = importancePerformance(rows, {
        ...common,
        ...policy,
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
      // Penalty-reward on the bottom and top thirds of each scale, as analyze does.
      const range = (d: string) => ({ min: model.scales[d]!.min ?? 1, max: model.scales[d]!.max ?? 7 });
      const asymmetry = penaltyReward(rows, {
        outcome,
        drivers: predictors,
        weights,
        missingCodes: codes,
        confidenceLevel: level,
        low: Object.fromEntries(predictors.map((d) => [d, range(d).min + (range(d).max - range(d).min) / 3])),
        high: Object.fromEntries(predictors.map((d) => [d, range(d).max - (range(d).max - range(d).min) / 3])),
      });
      sections.push(prioritiesSection(priorities, asymmetry), penaltyRewardSection(asymmetry), whatIfSection(effects));
      result['priorities'] = priorities;
      result['asymmetry'] = asymmetry;
      result['whatIf'] = effects;
    }
    return { result, sections };
  },
};
