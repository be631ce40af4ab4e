/**
 * The tables of driver importance (relative importance with its bootstrap intervals, dominance,
 * importance-performance priorities), shared by the command-line tool and the report.
 *
 * @module importance/importanceRows
 * @internal
 */
import { EMPTY_CELL, numberCell, textCell, type ResultRows, type RowCell, type RowColumn } from '../internal/resultRows.js';
import type { DominanceAnalysisResult } from './dominanceAnalysis.js';
import type { ImportancePerformanceResult } from './importancePerformance.js';
import type { ImportanceMetric } from './importanceMetrics.js';
import type { PenaltyRewardResult } from './penaltyReward.js';
import type { RelativeImportanceResult } from './relativeImportance.js';

/** The id of the importance column of metric `m` in {@link importanceRows}. */
export function importanceOf(m: string): `importance:${string}` {
  return `importance:${m}`;
}

/** The id of the share column of metric `m` in {@link importanceRows}. */
export function shareOf(m: string): `share:${string}` {
  return `share:${m}`;
}

/** Columns of {@link importanceRows}: the driver, its rank, each metric's importance and share, the bounds of the main metric's share. */
export type ImportanceColumn = 'driver' | 'rank' | `importance:${string}` | `share:${string}` | 'lower' | 'upper';

/** The metric the table ranks by and gives intervals for: `lmg` when computed, else the first. */
export function mainMetric(imp: RelativeImportanceResult): ImportanceMetric {
  return imp.metrics.includes('lmg') ? 'lmg' : imp.metrics[0]!;
}

/**
 * One row per driver, in the order of `predictors`; `meta.rank` is its rank by the main metric
 * ({@link mainMetric}), and `lower`/`upper` the bootstrap interval of its share by that metric
 * (empty without a bootstrap). Paths relative to the relative-importance result.
 */
export function importanceRows(
  imp: RelativeImportanceResult,
): ResultRows<ImportanceColumn, { readonly driver: string; readonly rank: number }> {
  const metric = mainMetric(imp);
  const intervals = imp.bootstrap?.shareIntervals[metric];
  const columns: Record<string, RowColumn> = {
    driver: { text: 'driver', title: 'Driver', numeric: false },
    rank: { text: 'rank', title: 'Rank', numeric: true },
  };
  for (const m of imp.metrics) columns[importanceOf(m)] = { text: m, title: `${m}, R² units`, numeric: true };
  for (const m of imp.metrics) columns[shareOf(m)] = { text: `${m} share`, title: `${m} share`, numeric: true };
  columns['lower'] = { text: `${metric} share lower`, title: 'Lower', numeric: true };
  columns['upper'] = { text: `${metric} share upper`, title: 'Upper', numeric: true };
  return {
    columns: columns as Record<ImportanceColumn, RowColumn>,
    rows: imp.predictors.map((p) => {
      const row: Record<string, RowCell> = { driver: textCell(p), rank: numberCell(imp.ranks[metric]![p], ['ranks', metric, p]) };
      for (const m of imp.metrics) {
        row[importanceOf(m)] = numberCell(imp.importance[m]![p], ['importance', m, p]);
        row[shareOf(m)] = numberCell(imp.shares[m]![p], ['shares', m, p]);
      }
      const ci = intervals?.[p]?.confidenceInterval;
      row['lower'] = ci ? numberCell(ci[0], ['bootstrap', 'shareIntervals', metric, p, 'confidenceInterval', 0]) : EMPTY_CELL;
      row['upper'] = ci ? numberCell(ci[1], ['bootstrap', 'shareIntervals', metric, p, 'confidenceInterval', 1]) : EMPTY_CELL;
      return { ...(row as Record<ImportanceColumn, RowCell>), meta: { driver: p, rank: imp.ranks[metric]![p]! } };
    }),
  };
}

/** Columns of {@link dominanceRows}. */
export type DominanceColumn = 'driver' | 'otherDriver' | 'complete' | 'conditional' | 'general';

/**
 * One row per ordered pair of different drivers (does the first dominate the second: 1, 0.5 or
 * 0; complete dominance empty when not computed); `meta` holds their indices. Paths relative to
 * the dominance result.
 */
export function dominanceRows(d: DominanceAnalysisResult): ResultRows<DominanceColumn, { readonly i: number; readonly j: number }> {
  return {
    columns: {
      driver: { text: 'driver', title: 'Driver', numeric: false },
      otherDriver: { text: 'other driver', title: 'Other driver', numeric: false },
      complete: { text: 'complete', title: 'Complete', numeric: false },
      conditional: { text: 'conditional', title: 'Conditional', numeric: false },
      general: { text: 'general', title: 'General', numeric: false },
    },
    rows: d.predictors.flatMap((a, i) =>
      d.predictors.flatMap((b, j) =>
        i === j
          ? []
          : [
              {
                meta: { i, j },
                driver: textCell(a),
                otherDriver: textCell(b),
                complete: d.complete ? numberCell(d.complete[i]?.[j], ['complete', i, j]) : EMPTY_CELL,
                conditional: numberCell(d.conditional[i]![j], ['conditional', i, j]),
                general: numberCell(d.general[i]![j], ['general', i, j]),
              },
            ],
      ),
    ),
  };
}

/** Columns of {@link priorityRows}. */
export type PriorityColumn = 'priority' | 'driver' | 'importance' | 'performance' | 'mean' | 'quadrant' | 'kanoClass';

/**
 * One row per driver in priority order; paths relative to the importance-performance result. With
 * a penalty-reward result, `kanoClass` is each driver's asymmetric class (empty without one).
 */
export function priorityRows(p: ImportancePerformanceResult, asymmetry?: PenaltyRewardResult): ResultRows<PriorityColumn> {
  return {
    columns: {
      priority: { text: 'priority', title: 'Priority', numeric: false },
      driver: { text: 'driver', title: 'Driver', numeric: false },
      importance: { text: 'importance', title: 'Importance', numeric: true },
      performance: { text: 'performance', title: 'Performance', numeric: true },
      mean: { text: 'mean', title: 'Mean', numeric: true },
      quadrant: { text: 'quadrant', title: 'Quadrant', numeric: false },
      kanoClass: { text: 'asymmetry', title: 'Asymmetry (Kano)', numeric: false },
    },
    rows: p.priorityOrder.map((name) => {
      const k = p.drivers.findIndex((d) => d.driver === name);
      const d = p.drivers[k]!;
      return {
        meta: undefined,
        priority: numberCell(d.priority, ['drivers', k, 'priority']),
        driver: textCell(d.driver),
        importance: numberCell(d.importance, ['drivers', k, 'importance']),
        performance: numberCell(d.performance, ['drivers', k, 'performance']),
        mean: numberCell(d.mean, ['drivers', k, 'mean']),
        quadrant: textCell(d.quadrant),
        kanoClass: (() => {
          const a = asymmetry?.drivers.find((x) => x.driver === name);
          return a ? textCell(a.kanoClass) : EMPTY_CELL;
        })(),
      };
    }),
  };
}
