/**
 * The analysis of the `analyze` and `report` commands: a file streams (analyzeChunks: column
 * chunks read and scored in a worker, bounded sections, a second read where a section needs
 * one); standard input, and the model sections the stream does not run (missing pairwise/FIML,
 * a design, raking), read the rows. The importance bootstrap of a file is the Poisson bootstrap
 * (one pass; `method` in the result says so), of the rows row resampling.
 */
import { type Analysis, analyze } from '../analysis/analyze.js';
import { analyzeChunks } from '../analysis/stream/analyzeChunks.js';
import type { LoyaltyModel } from '../model/types.js';
import type { Row } from '../types.js';
import { type CommandContext, numberFlag } from './context.js';
import { bootstrapOption, confidenceLevel } from './shared.js';

export interface AnalysisRun {
  readonly analysis: Analysis;
  /** The rows, when they were read (standard input, or a model the stream does not run). */
  readonly rows?: readonly Row[];
}

/** Runs the analysis the model asks for on the command's input, with the common flags (`--row-limit` where the command has it). */
export async function runAnalysis(ctx: CommandContext, model: LoyaltyModel, perRow: boolean): Promise<AnalysisRun> {
  const options = {
    bootstrap: bootstrapOption(ctx),
    confidenceLevel: confidenceLevel(ctx),
    whatIfDelta: numberFlag(ctx, 'delta'),
    onProgress: (step: string, done?: number, total?: number) => ctx.progress(done === undefined ? step : `${step} ${done}/${total}`),
  };
  const limitFlag = ctx.flags['row-limit'];
  const rowLimit =
    limitFlag === 'none' ? false : numberFlag(ctx, 'row-limit', (x) => Number.isInteger(x) && x >= 0, 'a whole number of rows, or none');
  const streams = ctx.rereadable && (model.missing ?? 'omit') === 'omit' && !model.design && !model.raking;
  if (!streams) {
    const { rows } = await ctx.data();
    return { analysis: analyze(rows, model, options), rows };
  }
  const analysis = await analyzeChunks((request) => ctx.columns(request), model, options, {
    scoredPass: (request, scoring) => ctx.columns(request, undefined, scoring),
    perRow,
    ...(rowLimit === undefined ? {} : { rowLimit }),
  });
  return { analysis };
}
