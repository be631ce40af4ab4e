import { logisticRegression } from '../../regression/logisticRegression.js';
import { ols } from '../../regression/ols.js';
import type { RobustType } from '../../regression/types.js';
import type { Command } from '../command.js';
import { listFlag, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { regressionSection } from '../sections.js';
import { ENGINE_HELP, ENGINE_OPTION, engineRegress, useDuckDB } from '../engine.js';
import { confidenceLevel, driverRows, MISSING_HELP, missingCodes, missingPolicy, weightsColumn } from '../shared.js';
import { numeric } from '../shared.js';

const ROBUST_TYPES: readonly string[] = ['HC0', 'HC1', 'HC2', 'HC3', 'HC4', 'HC4m', 'HC5'] satisfies readonly RobustType[];

/** `loyalty-drivers regress`: OLS (or logistic) regression of an outcome on the drivers. */
export const regressCommand: Command = {
  name: 'regress',
  summary: 'Regression of a loyalty outcome on the drivers: OLS (QR) with full inference, WLS, robust SEs, or logistic',
  usage:
    'regress [file] [--model model.json] [--outcome col] [--predictors a,b] [--robust HC0|HC1|HC2|HC3|HC4|HC4m|HC5] [--logistic] [--missing omit|pairwise|fiml] [--engine js|duckdb]',
  options: {
    outcome: { type: 'string' },
    predictors: { type: 'string' },
    robust: { type: 'string' },
    logistic: { type: 'boolean' },
    missing: { type: 'string' },
    ...ENGINE_OPTION,
  },
  flagHelp: [
    ['--outcome col', "the outcome (default: the model's first outcome)"],
    ['--predictors a,b', "columns or model scale names (default: the model's drivers, scored as item means)"],
    ['--robust HC3', 'heteroskedasticity-robust standard errors (HC0, HC1, HC2, HC3, or the leverage-adjusted HC4, HC4m, HC5)'],
    ['--logistic', 'logistic regression for a 0/1 outcome (default for outcomes the model marks binary)'],
    MISSING_HELP,
    ENGINE_HELP,
  ],
  examples: [
    'loyalty-drivers regress survey.csv --model model.json',
    'loyalty-drivers regress survey.csv --model model.json --outcome retained --logistic',
    'loyalty-drivers regress survey.csv --outcome y --predictors x1,x2,x3 --robust HC3 --format json',
  ],
  readsData: true,
  async run(ctx) {
    const outcome = stringFlag(ctx, 'outcome') ?? ctx.model?.outcomes[0]?.column;
    if (!outcome) throw new UsageError('the outcome is not known: pass --outcome col or a --model with outcomes');
    const scaleNames = ctx.model?.scales ?? {};
    const plainPredictors = (listFlag(ctx, 'predictors') ?? []).filter((p) => scaleNames[p] === undefined);
    if (useDuckDB(ctx)) return engineRegress(ctx, outcome, listFlag(ctx, 'predictors'));
    const { rows: raw } = await ctx.data(numeric(outcome, weightsColumn(ctx), ...plainPredictors));
    const { rows, predictors } = driverRows(ctx, raw);
    const robust = stringFlag(ctx, 'robust');
    if (robust !== undefined && !ROBUST_TYPES.includes(robust))
      throw new UsageError(`--robust: expected ${ROBUST_TYPES.slice(0, -1).join(', ')} or HC5, got "${robust}"`);
    const binary = ctx.flags['logistic'] === true || ctx.model?.outcomes.find((o) => o.column === outcome)?.kind === 'binary';
    const common = {
      outcome,
      predictors,
      weights: weightsColumn(ctx),
      missingCodes: missingCodes(ctx),
      confidenceLevel: confidenceLevel(ctx),
    };
    if (binary) {
      if (robust) throw new UsageError('--robust applies to OLS, not to --logistic');
      const fit = logisticRegression(rows, common);
      return { result: fit, sections: [regressionSection(fit)] };
    }
    const missing = missingPolicy(ctx);
    if (missing !== 'omit' && robust) throw new UsageError(`--robust: not with --missing ${missing}`);
    const fit = ols(rows, { ...common, robust: robust as RobustType | undefined, missing });
    return { result: fit, sections: [regressionSection(fit)] };
  },
};
