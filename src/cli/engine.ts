/// <reference types="node" />
/**
 * `--engine duckdb` (and Parquet input, which always goes through DuckDB): the commands whose
 * results need only sufficient statistics get them from DuckDB (`duckdbSufficientStatistics`),
 * which reads the file itself, in parallel, and never hands rows to JavaScript. What needs rows
 * (indices, what-if, segments, bootstrap, robust or logistic regression) is refused or listed
 * as left out.
 */
import { InputError, InsufficientDataError, NumericalError } from '../errors.js';
import { dominanceAnalysis, type DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import { importancePerformance, type ImportancePerformanceResult } from '../importance/importancePerformance.js';
import { relativeImportance, type RelativeImportanceResult, type ShapleyOptions } from '../importance/relativeImportance.js';
import type { ImportanceMetric } from '../importance/importanceMetrics.js';
import { htmt, type HtmtResult } from '../measurement/htmt.js';
import { reliability, type ReliabilityResult } from '../measurement/reliability.js';
import type { LoyaltyModel } from '../model/types.js';
import { ols } from '../regression/ols.js';
import type { OlsResult } from '../regression/types.js';
import { fileKind } from '../sql/duckdb.js';
import { duckdbSufficientStatistics, type DuckDBStatisticsOptions } from '../sql/duckdbSufficientStatistics.js';
import type { SufficientStatistics } from '../summary/sufficientStatistics.js';
import type { SufficientStatisticsGroup } from '../summary/sufficientStatisticsFromSql.js';
import { inputFlags, type OptionSpec } from './args.js';
import type { CommandContext } from './context.js';
import { stringFlag } from './context.js';
import { UsageError } from './errors.js';
import type { CommandOutput, Section } from './output.js';
import { importanceSections, prioritiesSection, regressionSection, reliabilitySections } from './sections.js';
import { confidenceLevel, missingCodes, weightsColumn } from './shared.js';

/** The `--engine` flag of the commands that can use DuckDB. */
export const ENGINE_OPTION: OptionSpec = { engine: { type: 'string' } };

/** Its help line. */
export const ENGINE_HELP: readonly [string, string] = [
  '--engine js|duckdb',
  'duckdb: compute the statistics inside DuckDB (npm install @duckdb/node-api); the default for .parquet input',
];

/** Whether the input is a Parquet file (read only through DuckDB). */
export function isParquet(source: string | undefined): boolean {
  return source !== undefined && source !== '-' && fileKind(source) === 'parquet';
}

/** The error of a command that reads rows, given a Parquet file. */
export function parquetNeedsEngine(source: string): InputError {
  return new InputError(
    'INVALID_OPTION',
    `${source}: a Parquet file is read through DuckDB, by analyze, importance and regress (the sections that need only sufficient statistics); this command reads rows: convert the file to CSV`,
    { argument: 'source', value: source, expected: 'a CSV, TSV, JSON or NDJSON file' },
  );
}

/** `--engine js|duckdb`; Parquet input means duckdb. A usage error for another value, for stdin, or for js on Parquet. */
export function useDuckDB(ctx: CommandContext): boolean {
  const flag = stringFlag(ctx, 'engine');
  if (flag !== undefined && flag !== 'js' && flag !== 'duckdb') throw new UsageError(`--engine: expected js or duckdb, got "${flag}"`);
  const parquet = isParquet(ctx.source);
  if (parquet && flag === 'js') throw new UsageError('--engine js: a Parquet file is read through DuckDB (--engine duckdb)');
  const duck = flag === 'duckdb' || parquet;
  if (duck && (ctx.source === undefined || ctx.source === '-')) {
    throw new UsageError('--engine duckdb: DuckDB reads a file (CSV, TSV or Parquet), not standard input');
  }
  // DuckDB's CSV scan reads UTF-8 with decimal points and knows the format from the extension.
  if (duck) refuseWithEngine(ctx, ['decimal', 'encoding', 'input-format'], 'DuckDB reads UTF-8 CSV with decimal points, by extension');
  // The engine's statistics are listwise: pairwise and FIML need the rows.
  if (duck && stringFlag(ctx, 'missing') !== undefined && stringFlag(ctx, 'missing') !== 'omit')
    throw new UsageError(`--missing ${stringFlag(ctx, 'missing')}: not with --engine duckdb (its statistics are listwise)`);
  return duck;
}

/** Refuses flags that need rows under --engine duckdb, naming them. */
export function refuseWithEngine(ctx: CommandContext, flags: readonly string[], why: string): void {
  for (const f of flags) {
    const v = ctx.flags[f];
    if (v !== undefined && v !== false && !(f === 'bootstrap' && v === '0'))
      throw new UsageError(`--${f}: ${why}; not with --engine duckdb`);
  }
}

/** The statistics of `variables` (columns or model scales) from DuckDB, with the tool's model, weights and missing codes. */
export async function engineStatistics(
  ctx: CommandContext,
  variables: readonly string[],
  extra: Omit<DuckDBStatisticsOptions, 'variables'> = {},
): Promise<SufficientStatistics> {
  ctx.progress(`computing the statistics of ${variables.join(', ')} in DuckDB`);
  const codes = missingCodes(ctx);
  const delimiter = inputFlags(ctx.flags).delimiter;
  return (await duckdbSufficientStatistics(ctx.source!, {
    variables,
    ...(ctx.model ? { model: ctx.model } : {}),
    ...(codes ? { missingCodes: codes } : {}),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...extra,
  })) as SufficientStatistics;
}

/** The same, one per group of `groupBy`. */
async function engineGroups(
  ctx: CommandContext,
  variables: readonly string[],
  groupBy: string,
  weights?: string,
): Promise<SufficientStatisticsGroup[]> {
  const codes = missingCodes(ctx);
  return duckdbSufficientStatistics(ctx.source!, {
    variables,
    groupBy,
    ...(weights ? { weights } : {}),
    ...(ctx.model ? { model: ctx.model } : {}),
    ...(codes ? { missingCodes: codes } : {}),
  });
}

/** The engine's skipped-section entry, as analyze reports them. */
interface Skipped {
  readonly section: string;
  readonly outcome?: string;
  readonly code: string;
  readonly message: string;
}

function attempt<T>(skipped: Skipped[], section: string, outcome: string | undefined, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (e instanceof InsufficientDataError || e instanceof NumericalError) {
      skipped.push({ section, ...(outcome === undefined ? {} : { outcome }), code: e.code, message: e.message });
      return undefined;
    }
    throw e;
  }
}

/** What `analyze --engine duckdb` leaves out: the sections that need rows. */
export const ROW_SECTIONS = [
  'indices (NPS, CSAT, loyalty index, retention)',
  'driver correlations',
  'what-if',
  'logistic regression',
  'segments',
  'wave comparison of the indices',
];

/**
 * `analyze --engine duckdb`: reliability and HTMT (the items' statistics), then for each
 * continuous outcome the regression, importance, dominance and priorities (the drivers'
 * statistics), and importance by wave when the model has a wave column. Three passes over the
 * file in DuckDB, each one aggregate query.
 */
export async function engineAnalysis(ctx: CommandContext, model: LoyaltyModel): Promise<CommandOutput> {
  const level = confidenceLevel(ctx);
  const weights = weightsColumn(ctx);
  const skipped: Skipped[] = [];
  const sections: Section[] = [];
  const result: Record<string, unknown> = { engine: 'duckdb' };
  const scaleNames = Object.keys(model.scales);
  const scales = Object.fromEntries(scaleNames.map((n) => [n, model.scales[n]!]));
  if (scaleNames.length > 0 && scaleNames.every((n) => model.scales[n]!.items.length >= 2)) {
    const items = [...new Set(scaleNames.flatMap((n) => model.scales[n]!.items))];
    const itemStats = await engineStatistics(ctx, items);
    const rel: ReliabilityResult | undefined = attempt(skipped, 'reliability', undefined, () =>
      reliability(itemStats, scales, { confidenceLevel: level }),
    );
    const validity: HtmtResult | undefined =
      scaleNames.length >= 2 ? attempt(skipped, 'htmt', undefined, () => htmt(itemStats, scales)) : undefined;
    if (rel) sections.push(...reliabilitySections(rel, validity));
    result['measurement'] = { reliability: rel, htmt: validity };
  }
  const drivers = [...model.drivers];
  const continuous = model.outcomes.filter((o) => o.kind === 'continuous').map((o) => o.column);
  const outcomes: Record<string, unknown>[] = [];
  if (drivers.length > 0 && continuous.length > 0) {
    // One pass for every continuous outcome: listwise on the drivers, the outcomes and the weight, as streamSufficientStatistics.
    const stats = await engineStatistics(ctx, [...drivers, ...continuous], weights ? { weights } : {});
    for (const outcome of continuous) {
      const common = { outcome, predictors: drivers };
      const regression: OlsResult | undefined = attempt(skipped, 'regression', outcome, () =>
        ols(stats, { ...common, confidenceLevel: level }),
      );
      if (regression) sections.push(regressionSection(regression));
      const importance: RelativeImportanceResult | undefined =
        drivers.length >= 2 ? attempt(skipped, 'importance', outcome, () => relativeImportance(stats, common)) : undefined;
      const dominance: DominanceAnalysisResult | undefined =
        drivers.length >= 2 ? attempt(skipped, 'dominance', outcome, () => dominanceAnalysis(stats, common)) : undefined;
      if (importance) sections.push(...importanceSections(importance, dominance));
      const scaled = drivers.every((d) => model.scales[d] !== undefined);
      const priorities: ImportancePerformanceResult | undefined =
        importance && scaled
          ? attempt(skipped, 'priorities', outcome, () =>
              importancePerformance(stats, {
                ...common,
                scale: Object.fromEntries(drivers.map((d) => [d, { min: model.scales[d]!.min ?? 1, max: model.scales[d]!.max ?? 7 }])),
              }),
            )
          : undefined;
      if (priorities) sections.push(prioritiesSection(priorities));
      outcomes.push({ outcome, kind: 'continuous', regression, importance, dominance, priorities });
    }
    if (model.wave !== undefined && drivers.length >= 2) {
      const byWave = await engineGroups(ctx, [...drivers, ...continuous], model.wave, weights);
      const waves = byWave.map(({ group, statistics }) => ({
        wave: group[model.wave!],
        importance: Object.fromEntries(
          continuous.map((outcome) => [
            outcome,
            attempt(skipped, 'importance by wave', outcome, () => relativeImportance(statistics, { outcome, predictors: drivers })) ?? null,
          ]),
        ),
      }));
      for (const outcome of continuous) {
        const metric = 'lmg';
        sections.push({
          table: {
            title: `Driver importance for ${outcome} by ${model.wave} (lmg share)`,
            columns: ['driver', ...waves.map((w) => `${model.wave} ${String(w.wave)}`)],
            rows: drivers.map((d) => [
              d,
              ...waves.map((w) => (w.importance[outcome] as RelativeImportanceResult | null)?.shares[metric]?.[d] ?? null),
            ]),
          },
        });
      }
      result['waves'] = waves;
    }
  }
  result['outcomes'] = outcomes;
  result['skipped'] = skipped;
  const left = `left out by --engine duckdb (they need rows): ${ROW_SECTIONS.join(', ')}`;
  const lines = skipped.map(
    (s) => `skipped ${s.outcome === undefined ? s.section : `${s.section} of ${s.outcome}`}: ${s.code}: ${s.message}`,
  );
  result['leftOut'] = ROW_SECTIONS;
  return { result, sections, notes: [left, ...lines], stderr: lines };
}

/** The predictors of importance and regress: `--predictors`, else the model's drivers. */
function enginePredictors(ctx: CommandContext, asked: readonly string[] | undefined): string[] {
  const predictors = asked ?? (ctx.model ? [...ctx.model.drivers] : undefined);
  if (!predictors || predictors.length === 0) {
    throw new UsageError('predictors are not known: pass --predictors col1,col2 or a --model with driver scales');
  }
  return [...predictors];
}

/** `importance --engine duckdb`: importance, dominance and priorities from DuckDB's statistics (what-if needs rows). */
export async function engineImportance(
  ctx: CommandContext,
  outcome: string,
  asked: readonly string[] | undefined,
  metrics: readonly ImportanceMetric[] | undefined,
  shapley: ShapleyOptions | undefined,
): Promise<CommandOutput> {
  refuseWithEngine(ctx, ['bootstrap'], 'the bootstrap resamples rows');
  const predictors = enginePredictors(ctx, asked);
  const weights = weightsColumn(ctx);
  const stats = await engineStatistics(ctx, [...predictors, outcome], weights ? { weights } : {});
  const common = { outcome, predictors };
  const imp = relativeImportance(stats, { ...common, ...(metrics ? { metrics: [...metrics] } : {}), ...(shapley ? { shapley } : {}) });
  const dominance = ctx.flags['no-dominance'] === true ? undefined : dominanceAnalysis(stats, common);
  const sections: Section[] = importanceSections(imp, dominance);
  const result: Record<string, unknown> = { engine: 'duckdb', importance: imp, dominance };
  const model = ctx.model;
  const notes: string[] = [];
  if (model && predictors.every((p) => model.scales[p] !== undefined)) {
    const priorities = importancePerformance(stats, {
      ...common,
      ...(shapley ? { shapley } : {}),
      scale: Object.fromEntries(predictors.map((p) => [p, { min: model.scales[p]!.min ?? 1, max: model.scales[p]!.max ?? 7 }])),
    });
    sections.push(prioritiesSection(priorities));
    result['priorities'] = priorities;
    notes.push('what-if left out by --engine duckdb (it needs rows)');
  }
  return { result, sections, notes };
}

/** `regress --engine duckdb`: OLS from DuckDB's statistics (robust errors and logistic regression need rows). */
export async function engineRegress(ctx: CommandContext, outcome: string, asked: readonly string[] | undefined): Promise<CommandOutput> {
  refuseWithEngine(ctx, ['robust', 'logistic'], 'it needs the rows (residuals, or the likelihood of each case)');
  if (ctx.model?.outcomes.find((o) => o.column === outcome)?.kind === 'binary') {
    throw new UsageError(`--engine duckdb: "${outcome}" is a binary outcome (logistic regression needs rows); pass a continuous --outcome`);
  }
  const predictors = enginePredictors(ctx, asked);
  const weights = weightsColumn(ctx);
  const stats = await engineStatistics(ctx, [...predictors, outcome], weights ? { weights } : {});
  const fit = ols(stats, { outcome, predictors, confidenceLevel: confidenceLevel(ctx) });
  return { result: { engine: 'duckdb', ...fit }, sections: [regressionSection(fit)] };
}
