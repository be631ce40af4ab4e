import { driverCorrelations } from '../../measurement/driverCorrelations.js';
import { htmt } from '../../measurement/htmt.js';
import { reliability } from '../../measurement/reliability.js';
import type { Command } from '../command.js';
import { listFlag, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { reliabilitySections } from '../sections.js';
import { bootstrapFlags, confidenceLevel, MISSING_HELP, missingCodes, requireModel } from '../shared.js';

/** `loyalty-drivers reliability`: alpha, omega, AVE, HTMT and driver correlations per scale. */
export const reliabilityCommand: Command = {
  name: 'reliability',
  summary: "Cronbach's alpha, one-factor model (omega, AVE), HTMT and driver correlations of the model's scales",
  usage: 'reliability [file] --model model.json [--scales a,b] [--bootstrap N --seed S]',
  options: { scales: { type: 'string' }, bootstrap: { type: 'string' }, seed: { type: 'string' }, missing: { type: 'string' } },
  flagHelp: [
    ['--scales a,b', 'only these scales of the model (default: all)'],
    MISSING_HELP,
    [
      '--bootstrap N, --seed S',
      'percentile bootstrap interval of alpha (default: Feldt interval): N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
  ],
  examples: [
    'loyalty-drivers reliability survey.csv --model model.json',
    'loyalty-drivers reliability survey.csv --model model.json --scales trust,image --format csv',
  ],
  readsData: true,
  async run(ctx) {
    const model = requireModel(ctx, 'reliability needs the scales');
    const names = listFlag(ctx, 'scales') ?? Object.keys(model.scales);
    for (const n of names)
      if (!model.scales[n])
        throw new UsageError(`--scales: "${n}" is not a scale of the model (scales: ${Object.keys(model.scales).join(', ')})`);
    if (names.length === 0) throw new UsageError('the model has no scales');
    const scales = Object.fromEntries(names.map((n) => [n, model.scales[n]!]));
    const { rows } = await ctx.data();
    const codes = missingCodes(ctx);
    const level = confidenceLevel(ctx);
    const boot = bootstrapFlags(ctx);
    // The measurement functions are unweighted: --missing applies whatever the weight column.
    const missing = stringFlag(ctx, 'missing') ?? model.missing ?? 'omit';
    if (!['omit', 'pairwise', 'fiml'].includes(missing))
      throw new UsageError(`--missing: expected omit, pairwise or fiml, got "${missing}"`);
    const policy = missing === 'omit' ? {} : { missing: missing as 'pairwise' | 'fiml' };
    if (missing !== 'omit' && boot.replicates > 0)
      throw new UsageError(`--bootstrap: not with --missing ${missing} (it resamples complete rows)`);
    const rel = reliability(rows, scales, {
      ...policy,
      missingCodes: codes,
      confidenceLevel: level,
      ...(boot.replicates > 0 ? { bootstrap: { replicates: boot.replicates, seed: boot.seed } } : {}),
    });
    const validity = names.length >= 2 ? htmt(rows, scales, { missingCodes: codes, ...policy }) : undefined;
    const correlations =
      names.length >= 2
        ? driverCorrelations(rows, scales, { missingCodes: codes, confidenceLevel: level, scores: model.scoring, ...policy })
        : undefined;
    return {
      result: { reliability: rel, htmt: validity, driverCorrelations: correlations },
      sections: reliabilitySections(rel, validity, correlations),
    };
  },
};
