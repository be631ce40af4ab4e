import { checkOptions, optionKeys } from '../internal/options.js';
import type { MatrixInput } from '../summary/matrixInput.js';
import type { Row } from '../types.js';
import { importancePerformanceOfFit } from './importancePerformanceOfFit.js';
import { plsPathModel } from './plsPathModel.js';
import type { PlsImportancePerformanceOptions, PlsImportancePerformanceResult } from './types.js';

const KEYS = optionKeys<PlsImportancePerformanceOptions>({
  constructs: true,
  paths: true,
  scheme: true,
  maxIterations: true,
  tolerance: true,
  missing: true,
  missingCodes: true,
  target: true,
  scale: true,
  importanceCut: true,
  performanceCut: true,
});

/**
 * Importance-performance map analysis (IPMA) of a PLS path model (Ringle & Sarstedt 2016): for
 * each construct with an effect on the `target`, its importance (the unstandardized total
 * effect on the target) against its performance (the mean construct score on 0-100), the
 * quadrant and a priority order; and the same per item.
 *
 * Method (the rescaled-weights approach of Ringle & Sarstedt 2016): the model is estimated as
 * {@link plsPathModel}; every item is rescaled to 0-100 from its scale, `100 (x - min) / (max -
 * min)`; the standardized outer weights are unstandardized (divided by the rescaled item's SD)
 * and rescaled to sum 1 per construct, so each construct score is a weighted mean of its
 * rescaled items; performance is the mean of that score. Unstandardized paths are the OLS
 * regressions of the rescaled scores along the paths, total effects their sums of products
 * along every chain. Everything follows from the item means and covariances (a rescaled score
 * is a linear map of the standardized one: path `b = beta U_from / U_to`, with `U` the sum of a
 * construct's unstandardized weights), so a covariance matrix with means or sufficient
 * statistics give the same map as the rows. With reflective constructs the consistent (PLSc)
 * paths are unstandardized the same way. Item importance = rescaled weight x its construct's
 * importance. Quadrants as {@link importancePerformance}: cuts at the mean importance and
 * performance of the drivers by default. Reference: the paper's steps in plain R on R seminr
 * 2.3.4 weights (test/fixtures/r/plsIpma.R), 1e-9 relative.
 *
 * @param data - Rows, or a summary of the items with their means (covariance with `means`, or sufficient statistics).
 * @param options - The path model (`constructs`, `paths`, `scheme`, `maxIterations`, `tolerance`,
 *   `missing`, `missingCodes`), `target`, `scale` (item ranges), `importanceCut`, `performanceCut`.
 * @returns A {@link PlsImportancePerformanceResult}.
 * @throws InputError `INVALID_OPTION` (a target that is not an endogenous construct, an item
 *   without a range, a correlation matrix: IPMA needs means), `OUT_OF_RANGE` (an answer outside
 *   its scale), and whatever {@link plsPathModel} throws.
 *
 * @example
 * ```ts
 * import { plsImportancePerformance } from 'loyalty-drivers';
 * const rows = [
 *   { q1: 3, q2: 4, s1: 3, s2: 3 }, { q1: 5, q2: 4, s1: 5, s2: 4 }, { q1: 2, q2: 1, s1: 1, s2: 2 },
 *   { q1: 4, q2: 5, s1: 4, s2: 5 }, { q1: 1, q2: 2, s1: 2, s2: 1 }, { q1: 4, q2: 3, s1: 5, s2: 4 },
 * ];
 * const ipma = plsImportancePerformance(rows, {
 *   constructs: { quality: ['q1', 'q2'], satisfaction: ['s1', 's2'] },
 *   paths: [['quality', 'satisfaction']],
 *   target: 'satisfaction',
 *   scale: { min: 1, max: 5 },
 * });
 * ipma.constructs[0]?.construct; // => 'quality'
 * ipma.constructs[0]?.performance.toFixed(1); // => '54.2'
 * ```
 */
export function plsImportancePerformance(
  data: readonly Row[] | MatrixInput,
  options: PlsImportancePerformanceOptions,
): PlsImportancePerformanceResult {
  checkOptions(options, KEYS);
  const { target, scale, importanceCut, performanceCut, ...model } = options;
  const fit = plsPathModel(data, model);
  return importancePerformanceOfFit(data, fit, { target, scale, importanceCut, performanceCut, missingCodes: model.missingCodes });
}
