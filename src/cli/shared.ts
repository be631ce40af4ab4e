/**
 * Helpers the commands share: the columns a command works on come from flags first, then from
 * the model file; driver scales come from the model.
 */
import { type Analysis, skippedSectionName } from '../analysis/analyze.js';
import type { LoyaltyModel } from '../model/types.js';
import type { BootstrapOptions, Row } from '../types.js';
import { withScaleScores } from '../measurement/withScaleScores.js';
import { bootstrapReplicates, seedFlag } from './args.js';
import type { CommandContext } from './context.js';
import { listFlag, numberFlag, stringFlag } from './context.js';
import { UsageError } from './errors.js';
import type { Cell } from './output.js';

/** `--weights` (a column, or `none`), else the model's weight column. */
export function weightsColumn(ctx: CommandContext): string | undefined {
  const flag = stringFlag(ctx, 'weights');
  if (flag === 'none') return undefined;
  return flag ?? ctx.model?.weight;
}

/**
 * `--missing omit|pairwise|fiml`, else the model's `missing` (default omit). Pairwise and FIML are
 * unweighted: with a weight column (`--weights` or the model's) they are a usage error.
 */
export function missingPolicy(ctx: CommandContext): 'omit' | 'pairwise' | 'fiml' {
  const flag = stringFlag(ctx, 'missing');
  if (flag !== undefined && flag !== 'omit' && flag !== 'pairwise' && flag !== 'fiml')
    throw new UsageError(`--missing: expected omit, pairwise or fiml, got "${flag}"`);
  const policy = flag ?? ctx.model?.missing ?? 'omit';
  if (policy !== 'omit' && weightsColumn(ctx) !== undefined)
    throw new UsageError(
      `--missing ${policy}: works on unweighted data; add --weights none (the weight column is "${weightsColumn(ctx)}")`,
    );
  return policy;
}

/** The help line of `--missing`. */
export const MISSING_HELP: readonly [string, string] = [
  '--missing omit|pairwise|fiml',
  'missing answers in the driver models: listwise (default, or the model\'s "missing"), pairwise deletion, or FIML (unweighted)',
];

/** `--missing-codes=-99,99`, else the model's codes. */
export function missingCodes(ctx: CommandContext): number[] | undefined {
  const list = listFlag(ctx, 'missing-codes');
  if (list) {
    return list.map((v) => {
      const x = Number(v);
      if (!Number.isFinite(x)) throw new UsageError(`--missing-codes: expected comma-separated numbers, got "${v}"`);
      return x;
    });
  }
  return ctx.model && ctx.model.missingCodes.length > 0 ? [...ctx.model.missingCodes] : undefined;
}

/** `--confidence 0.9`, else 0.95. */
export function confidenceLevel(ctx: CommandContext): number {
  return numberFlag(ctx, 'confidence', (x) => x > 0 && x < 1, 'a level between 0 and 1, e.g. 0.95') ?? 0.95;
}

/** The model, or a usage error saying the command needs one. */
export function requireModel(ctx: CommandContext, why: string): LoyaltyModel {
  if (!ctx.model) throw new UsageError(`${why}: give a model file with --model model.json`);
  return ctx.model;
}

/**
 * Predictors for a model: `--predictors a,b` (columns or scale names) or the model's drivers.
 * Scale names are scored (mean of items, the model's scoring rules) and added to the rows.
 */
export function driverRows(ctx: CommandContext, rows: readonly Row[]): { rows: readonly Row[]; predictors: string[] } {
  const model = ctx.model;
  const asked = listFlag(ctx, 'predictors');
  const predictors = asked ?? (model ? [...model.drivers] : undefined);
  if (!predictors || predictors.length === 0) {
    throw new UsageError('predictors are not known: pass --predictors col1,col2 or a --model with driver scales');
  }
  const scales = model ? Object.fromEntries(predictors.filter((p) => model.scales[p] !== undefined).map((p) => [p, model.scales[p]!])) : {};
  if (Object.keys(scales).length === 0) return { rows, predictors };
  return { rows: withScaleScores(rows, scales, { ...model!.scoring, missingCodes: missingCodes(ctx) }), predictors };
}

/** `--bootstrap N` replicates (0 = none, else 50 to 1,000,000) and `--seed S`. */
export function bootstrapFlags(ctx: CommandContext): { replicates: number; seed: number } {
  return { replicates: bootstrapReplicates(stringFlag(ctx, 'bootstrap')), seed: seedFlag(stringFlag(ctx, 'seed')) };
}

/** `--bootstrap N --seed S` as the library's {@link BootstrapOptions}: `false` when N is 0 or absent. */
export function bootstrapOption(ctx: CommandContext): BootstrapOptions {
  const { replicates, seed } = bootstrapFlags(ctx);
  return replicates > 0 ? { replicates, seed } : false;
}

/** `[lower, upper]` as two cells. */
export function ci(interval: readonly [number, number] | undefined): [Cell, Cell] {
  return interval ? [interval[0], interval[1]] : [null, null];
}

/** Declares columns as numeric for the reader, so bad cells are reported with line and column. */
export function numeric(...columns: readonly (string | undefined)[]): Record<string, 'number'> {
  const out: Record<string, 'number'> = {};
  for (const c of columns) if (c !== undefined) out[c] = 'number';
  return out;
}

/** One line per section a partial `analyze` left out: `skipped waves: TOO_FEW_CASES: ...`. */
export function skippedLines(a: Analysis): string[] {
  return a.skipped.map((s) => `skipped ${skippedSectionName(s)}: ${s.code}: ${s.message}`);
}
