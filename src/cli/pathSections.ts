/**
 * The output sections of a path model (the `paths` command, and `analyze` with `model.paths`):
 * paths, constructs, effects, mediation and the importance-performance map, from the rows the
 * report shows too.
 */
import { plainRows } from '../internal/resultRows.js';
import { pathModelRows } from '../pls/pathModelRows.js';
import type { PlsImportancePerformanceResult, PlsPathModelResult } from '../pls/types.js';
import type { Section } from './output.js';

/** The table's rows ordered by their first cell (the priority). */
function byPriority<T extends { rows: (number | string | boolean | null)[][] }>(t: T): T {
  return { ...t, rows: [...t.rows].sort((a, b) => (a[0] as number) - (b[0] as number)) };
}

/** The sections of a PLS path model and, when given, its importance-performance map. */
export function pathSections(fit: PlsPathModelResult, ipma?: PlsImportancePerformanceResult): Section[] {
  const rows = pathModelRows(fit, ipma);
  const boot = fit.bootstrap;
  const level = boot ? `${Number((100 * boot.confidenceLevel).toFixed(4))}%` : '';
  const out: Section[] = [
    {
      table: {
        title: `Path model: paths (standardized, n = ${fit.n}${boot ? `; ${level} bootstrap ${boot.paths[0]?.intervalMethod ?? 'percentile'} intervals, ${boot.replicates} replicates, seed ${boot.seed}` : ''})`,
        ...plainRows(rows.paths, [
          'from',
          'to',
          'estimate',
          ...(boot ? (['standardError', 'tStatistic', 'pValue', 'lower', 'upper', 'significant'] as const) : []),
          'fSquared',
          'vif',
        ]),
        note: `${fit.convergence.converged ? 'Converged' : 'Did NOT converge'} after ${fit.convergence.iterations} weight updates (${fit.options.scheme} scheme).`,
      },
    },
    {
      table: {
        title: 'Path model: constructs',
        ...plainRows(rows.constructs, [
          'construct',
          'kind',
          'rSquared',
          'adjustedRSquared',
          'cronbachAlpha',
          'rhoA',
          'compositeReliability',
          'averageVarianceExtracted',
          'items',
        ]),
      },
    },
    {
      table: {
        title: 'Path model: direct, indirect and total effects',
        ...plainRows(rows.effects, ['from', 'to', 'direct', 'indirect', 'total', ...(boot ? (['totalLower', 'totalUpper'] as const) : [])]),
      },
    },
  ];
  if (rows.mediation && rows.mediation.rows.length > 0) {
    out.push({
      table: {
        title: `Path model: mediation (${level} bootstrap intervals; Zhao, Lynch & Chen 2010)`,
        ...plainRows(rows.mediation, [
          'from',
          'to',
          'indirect',
          'indirectLower',
          'indirectUpper',
          'direct',
          'directLower',
          'directUpper',
          'type',
        ]),
      },
    });
  }
  if (ipma && rows.importancePerformance) {
    out.push({
      table: {
        title: `Importance-performance map of ${ipma.target} (importance: unstandardized total effect; performance: mean score on 0-100)`,
        ...plainRows(rows.importancePerformance, [
          'priority',
          'construct',
          'importance',
          'standardizedImportance',
          'performance',
          'quadrant',
        ]),
        note: `Cuts: importance ${ipma.cuts.importance.toFixed(3)} (${ipma.cuts.importanceRule}), performance ${ipma.cuts.performance.toFixed(1)} (${ipma.cuts.performanceRule}).`,
      },
    });
  }
  return out;
}
