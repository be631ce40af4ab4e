/**
 * Display names of the importance metrics, shared by the importance charts.
 * @internal
 */
import type { ImportanceMetric } from '../importance/importanceMetrics.js';

/** Name of each metric as a chart axis says it. @internal */
export const METRIC_NAMES: Readonly<Record<ImportanceMetric, string>> = {
  lmg: 'LMG (Shapley value of R²)',
  first: 'First (squared correlation)',
  last: 'Last (R² lost when dropped)',
  betasq: 'Squared standardized coefficient',
  pratt: 'Pratt (beta × r)',
  car: 'CAR score',
  johnson: 'Relative weight (Johnson)',
  genizi: 'Genizi',
};

/** Metrics whose raw values add up to R². @internal */
export const DECOMPOSES_R2: ReadonlySet<ImportanceMetric> = new Set<ImportanceMetric>(['lmg', 'pratt', 'car', 'johnson', 'genizi']);

/** Names of the pseudo-R2s a binary or ordinal importance decomposes. */
const PSEUDO_NAMES: Readonly<Record<string, string>> = {
  mcfadden: "McFadden's pseudo-R²",
  'cox-snell': 'Cox-Snell pseudo-R²',
  nagelkerke: "Nagelkerke's pseudo-R²",
  estrella: "Estrella's pseudo-R²",
};

/** The fit index an importance result decomposes, as charts and the report name it: `R²` or the pseudo-R². @internal */
export function fitIndexName(fitIndex: string | undefined): string {
  return fitIndex === undefined || fitIndex === 'r-squared' ? 'R²' : (PSEUDO_NAMES[fitIndex] ?? 'pseudo-R²');
}
