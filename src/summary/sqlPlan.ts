/**
 * The plan shared by {@link sufficientStatisticsSql} (which writes the query) and
 * {@link sufficientStatisticsFromSql} (which reads its answer): which source columns are read,
 * how each variable is made from them (a column, or a scale score from its items, as the
 * streaming reader scores it), their missing codes and declared ranges, the weight and the
 * grouping columns. Pure: no engine, no Node built-ins.
 * @internal
 */
import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { normalizeScales } from '../measurement/normalizeScales.js';
import type { ScaleDefinitions } from '../measurement/types.js';
import { modelColumns } from '../model/modelColumns.js';
import type { ColumnDeclaration, LoyaltyModel, LoyaltyModelFile, ScoringDeclaration } from '../model/types.js';
import { validateModel } from '../model/validateModel.js';

/**
 * What {@link sufficientStatisticsSql} summarises: the same variables, weight, scales and missing
 * codes that `streamSufficientStatistics` takes, plus the grouping columns (one answer row per
 * group: waves, segments, regions).
 */
export interface SufficientStatisticsSqlPlan {
  /**
   * Variables, in order: columns of the source, or scale names (driver scores made from their
   * items). Default with a `model`: its drivers, then its continuous outcomes.
   */
  readonly variables?: readonly string[];
  /** Sampling-weight column (numbers >= 0). Not taken from the model: pass `model.weight` to weight. */
  readonly weights?: string;
  /** Columns to group by (one answer row per distinct combination, NULL a group of its own). */
  readonly groupBy?: string | readonly string[];
  /** A model: default variables, scales, scoring, missing codes and column declarations. */
  readonly model?: LoyaltyModel | LoyaltyModelFile;
  /** Driver scales whose scores can be variables (default: the model's scales). */
  readonly scales?: ScaleDefinitions;
  /** How scale scores are made (default: the model's `scoring`, else the mean of all items). */
  readonly scoring?: ScoringDeclaration;
  /** Numbers that code a missing answer in every column read (added to the model's). */
  readonly missingCodes?: readonly number[];
  /** Per-column declarations (range, integer, missing codes), added to the model's. */
  readonly columns?: Readonly<Record<string, ColumnDeclaration>>;
}

/** The keys of {@link SufficientStatisticsSqlPlan}. */
export const PLAN_KEYS = optionKeys<SufficientStatisticsSqlPlan>({
  variables: true,
  weights: true,
  groupBy: true,
  model: true,
  scales: true,
  scoring: true,
  missingCodes: true,
  columns: true,
});

/** One source column read: its missing codes and the declared range checked on the answer. @internal */
export interface SqlCell {
  readonly column: string;
  readonly codes: readonly number[];
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly integer: boolean;
}

/** How one variable is made. @internal */
export type SqlVariable =
  | { readonly kind: 'column'; readonly name: string; readonly cell: number }
  | {
      readonly kind: 'scale';
      readonly name: string;
      readonly cells: readonly number[];
      readonly reversed: readonly boolean[];
      readonly top: number;
      readonly minimum: number;
      readonly statistic: 'mean' | 'sum';
      readonly rescale: boolean;
      readonly min: number;
      readonly max: number;
    };

/** The resolved plan. @internal */
export interface ResolvedSqlPlan {
  readonly variables: readonly SqlVariable[];
  readonly cells: readonly SqlCell[];
  /** Index in `cells` of the weight column, or -1. */
  readonly weightCell: number;
  readonly weights: string | undefined;
  readonly groupBy: readonly string[];
}

function invalid(argument: string, message: string, expected: string): InputError {
  return new InputError('INVALID_OPTION', `${argument}: ${message}`, { argument, expected });
}

function isName(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

/**
 * Validates and resolves a plan. Unlike the file readers there is no header to check names
 * against: a name that is not a scale is taken as a column of the source (the engine reports
 * one it lacks).
 * @internal
 */
export function resolveSqlPlan(plan: SufficientStatisticsSqlPlan, argument = 'plan'): ResolvedSqlPlan {
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
    throw invalid(argument, 'expected an object { variables, weights?, groupBy?, model?, ... }', 'a plan object');
  }
  checkOptions(plan, PLAN_KEYS, argument);
  const model = plan.model === undefined ? undefined : validateModel(plan.model, { argument: `${argument}.model` });
  const variables =
    plan.variables ??
    (model ? [...model.drivers, ...model.outcomes.filter((o) => o.kind === 'continuous').map((o) => o.column)] : undefined);
  if (!Array.isArray(variables) || variables.length === 0 || !variables.every(isName)) {
    throw invalid(
      `${argument}.variables`,
      'expected a non-empty list of column or scale names (or a model with drivers)',
      'variable names',
    );
  }
  if (new Set(variables).size !== variables.length) {
    throw invalid(`${argument}.variables`, `a variable is listed twice (${variables.join(', ')})`, 'distinct names');
  }
  if (plan.weights !== undefined && !isName(plan.weights)) throw invalid(`${argument}.weights`, 'expected a column name', 'a column name');
  const groupBy = plan.groupBy === undefined ? [] : typeof plan.groupBy === 'string' ? [plan.groupBy] : plan.groupBy;
  if (!Array.isArray(groupBy) || !groupBy.every(isName) || new Set(groupBy).size !== groupBy.length) {
    throw invalid(`${argument}.groupBy`, 'expected a column name or a list of distinct column names', 'column names');
  }
  const globalCodes = [...(model?.missingCodes ?? []), ...(plan.missingCodes ?? [])];
  if (!globalCodes.every((c) => typeof c === 'number' && Number.isFinite(c))) {
    throw invalid(`${argument}.missingCodes`, 'expected a list of finite numbers', 'numbers');
  }
  const scaleInput = plan.scales ?? model?.scales;
  const scales = scaleInput === undefined ? [] : normalizeScales(scaleInput, `${argument}.scales`, 1);
  const scoring = plan.scoring ?? model?.scoring;
  const declared: Record<string, ColumnDeclaration> = { ...(model ? modelColumns(model) : {}), ...plan.columns };

  const needed: string[] = [];
  const ranges: Record<string, ColumnDeclaration> = {};
  const need = (column: string): number => {
    const at = needed.indexOf(column);
    if (at >= 0) return at;
    needed.push(column);
    return needed.length - 1;
  };
  const resolved = variables.map((name): SqlVariable => {
    const scale = scales.find((s) => s.name === name);
    if (scale === undefined) return { kind: 'column', name, cell: need(name) };
    const cells = scale.items.map((item) => {
      ranges[item] = { min: scale.min, max: scale.max, integer: scale.integer };
      return need(item);
    });
    const m = scoring?.minimumAnswered;
    const minimum = Math.min(
      scale.items.length,
      m === undefined ? scale.items.length : typeof m === 'number' ? m : (m[name] ?? scale.items.length),
    );
    const rescale = scoring?.rescale === '0-100';
    if (rescale && (scale.min === undefined || scale.max === undefined)) {
      throw invalid(`${argument}.scoring.rescale`, `scale "${name}" needs min and max to be rescaled to 0-100`, 'scales with min and max');
    }
    return {
      kind: 'scale',
      name,
      cells,
      reversed: scale.reversed,
      top: (scale.min ?? 0) + (scale.max ?? 0),
      minimum,
      statistic: scoring?.statistic ?? 'mean',
      rescale,
      min: scale.min ?? 0,
      max: scale.max ?? 1,
    };
  });
  const weightCell = plan.weights === undefined ? -1 : need(plan.weights);
  const cells = needed.map((column, c): SqlCell => {
    const d: ColumnDeclaration = { ...ranges[column], ...declared[column] };
    const weight = c === weightCell;
    return {
      column,
      codes: [...globalCodes, ...(d.missingCodes ?? [])],
      min: weight ? (d.min ?? 0) : d.min,
      max: d.max,
      integer: d.integer === true,
    };
  });
  return { variables: resolved, cells, weightCell, weights: plan.weights, groupBy };
}
