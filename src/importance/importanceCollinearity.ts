/**
 * The collinearity rule of src/internal/collinearity.ts applied to an importance input, plus what
 * it means for the metrics: under `SEVERE_COLLINEARITY` the metrics built on a predictor's unique
 * part (betasq, pratt, last) are rounding noise, and dominance between two of the predictors
 * involved cannot be established.
 * @internal
 */
import { collinearityDiagnostics, type CollinearityDiagnostics } from '../internal/collinearity.js';
import type { Warning } from '../types.js';

/** Metrics that rest on each predictor's unique part (its coefficient or its last-in R2 gain). */
export const UNIQUE_PART_METRICS = ['betasq', 'pratt', 'last'] as const;

/** Diagnostics of the predictor block of a flat correlation matrix (outcome last, k = p + 1). */
export function importanceCollinearity(correlation: Float64Array, predictors: readonly string[]): CollinearityDiagnostics {
  const p = predictors.length;
  const k = p + 1;
  const block = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => correlation[i * k + j]!));
  return collinearityDiagnostics(block, predictors);
}

/** The `UNRELIABLE_METRICS` warning for the metrics asked for, when the collinearity is severe. */
export function unreliableMetricsWarning(d: CollinearityDiagnostics, metrics: readonly string[]): Warning[] {
  if (d.level !== 'severe') return [];
  const affected = metrics.filter((m) => (UNIQUE_PART_METRICS as readonly string[]).includes(m));
  if (affected.length === 0) return [];
  const who = d.involved.map((n) => `"${n}"`).join(', ');
  return [
    {
      code: 'UNRELIABLE_METRICS',
      message: `${affected.join(', ')} of ${who} rest on what separates these predictors, which is rounding noise here: do not read them (lmg, first, car and johnson stay defined, and share the common part).`,
    },
  ];
}
