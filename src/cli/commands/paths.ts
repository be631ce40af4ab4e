import { pathsSection } from '../../analysis/pathsSection.js';
import { checkBootstrap } from '../../internal/options.js';
import type { LoyaltyModel } from '../../model/types.js';
import type { Warning } from '../../types.js';
import type { Command } from '../command.js';
import { stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { pathSections } from '../pathSections.js';
import { bootstrapOption, confidenceLevel, missingCodes, requireModel } from '../shared.js';

/** The model with the flags' target, scheme and missing-data policy. */
function withFlags(
  model: LoyaltyModel,
  target: string | undefined,
  scheme: string | undefined,
  missing: string | undefined,
  interval: string | undefined,
): LoyaltyModel {
  const p = model.paths!;
  if (interval !== undefined && interval !== 'percentile' && interval !== 'bca')
    throw new UsageError(`--interval-method: expected percentile or bca, got "${interval}"`);
  const names = Object.keys(p.constructs);
  if (scheme !== undefined && !['path', 'factorial', 'centroid'].includes(scheme))
    throw new UsageError(`--scheme: expected path, factorial or centroid, got "${scheme}"`);
  if (missing !== undefined && !['omit', 'pairwise', 'fiml'].includes(missing))
    throw new UsageError(`--missing: expected omit, pairwise or fiml, got "${missing}"`);
  let t = p.target;
  if (target === 'none') t = undefined;
  else if (target !== undefined) {
    if (!names.includes(target))
      throw new UsageError(`--target: "${target}" is not a construct of the path model (constructs: ${names.join(', ')})`);
    if (!p.relationships.some((r) => r.to === target))
      throw new UsageError(`--target: "${target}" has no path into it; the target must be an endogenous construct`);
    const unranged = names.filter((n) => p.constructs[n]!.min === undefined || p.constructs[n]!.max === undefined);
    if (unranged.length > 0)
      throw new UsageError(
        `--target: the importance-performance map needs every construct's min and max; give them for ${unranged.join(', ')} in the model`,
      );
    t = target;
  }
  const { target: _, ...rest } = p;
  return {
    ...model,
    ...(missing === undefined ? {} : { missing: missing as 'omit' | 'pairwise' | 'fiml' }),
    paths: {
      ...rest,
      ...(t === undefined ? {} : { target: t }),
      ...(scheme === undefined ? {} : { scheme: scheme as 'path' }),
      ...(interval === undefined ? {} : { intervalMethod: interval as 'bca' }),
    },
  };
}

/** `loyalty-drivers paths`: the model file's path model by PLS, with bootstrap, mediation and IPMA. */
export const pathsCommand: Command = {
  name: 'paths',
  summary: 'The path model of the model file (PLS-SEM): paths, R², effects, mediation and the importance-performance map',
  usage:
    'paths [file] --model model.json [--bootstrap N --seed S] [--target construct|none] [--scheme path|factorial|centroid] [--interval-method percentile|bca]',
  options: {
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    target: { type: 'string' },
    scheme: { type: 'string' },
    'interval-method': { type: 'string' },
    missing: { type: 'string' },
  },
  flagHelp: [
    [
      '--bootstrap N, --seed S',
      'bootstrap intervals of the paths and effects, and the mediation types: N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
    ['--target construct|none', "the construct of the importance-performance map (default: the model's paths.target); none for no map"],
    ['--scheme path|factorial|centroid', "inner weighting scheme (default: the model's, else path)"],
    [
      '--interval-method percentile|bca',
      "bootstrap intervals: percentile or bias-corrected and accelerated (default: the model's, else percentile)",
    ],
    [
      '--missing omit|pairwise|fiml',
      'missing answers: listwise (default, or the model\'s "missing"), pairwise correlations, or FIML; no bootstrap with pairwise or FIML',
    ],
  ],
  examples: [
    'loyalty-drivers paths ecsi.csv --model ecsi-model.json',
    'loyalty-drivers paths ecsi.csv --model ecsi-model.json --bootstrap 5000 --seed 7 --format json -o paths.json',
  ],
  readsData: true,
  async run(ctx) {
    const base = requireModel(ctx, 'paths estimates the model file\'s "paths" section');
    if (!base.paths)
      throw new UsageError('the model has no "paths" section: add { "paths": { "relationships": [{ "from": ..., "to": ... }] } } to it');
    const model = withFlags(
      base,
      stringFlag(ctx, 'target'),
      stringFlag(ctx, 'scheme'),
      stringFlag(ctx, 'missing'),
      stringFlag(ctx, 'interval-method'),
    );
    const missing = model.missing ?? 'omit';
    const boot = bootstrapOption(ctx);
    if (boot && missing !== 'omit') throw new UsageError(`--bootstrap: not with missing ${missing} (it resamples complete rows)`);
    const { rows } = await ctx.data();
    const warnings: Warning[] = [];
    const result = pathsSection(
      rows,
      model,
      {
        bootstrap: checkBootstrap(boot, '--bootstrap', confidenceLevel(ctx)),
        missingCodes: missingCodes(ctx),
        progress: (step, done, total) => ctx.progress(done === undefined ? step : `${step} ${done}/${total}`),
        strict: true,
      },
      [],
      warnings,
    )!;
    const notes = [
      ...warnings.map((w) => w.message),
      ...result.model.warnings.map((w) => `${w.code}: ${w.message}`),
      ...(result.importancePerformance?.warnings ?? []).filter((w) => w.code !== 'NOT_CONVERGED').map((w) => `${w.code}: ${w.message}`),
    ];
    return { result, sections: pathSections(result.model, result.importancePerformance), notes };
  },
};
