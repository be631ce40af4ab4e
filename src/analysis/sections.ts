/**
 * Pieces both analysis pipelines share (`analyze` on rows, `analyzeChunks` on column chunks): how
 * a section that cannot run on the data is skipped, and the importance of a binary outcome.
 * @internal
 */
import { InsufficientDataError, NumericalError } from '../errors.js';
import { dominanceAnalysis, type DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import { relativeImportance, type RelativeImportanceResult } from '../importance/relativeImportance.js';
import type { Row } from '../types.js';
import type { SkippedSection } from './analyze.js';

/**
 * Runs one section: a data-dependent failure (InsufficientDataError, NumericalError) becomes a
 * skipped entry and `undefined`; an input error (a bad column, value or model) still throws, as
 * the data or the model must be fixed.
 */
export function attempt<T>(skipped: SkippedSection[], section: string, outcome: string | undefined, run: () => T): T | undefined {
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

/**
 * Importance and dominance of the drivers for a 0/1 outcome: McFadden's pseudo-R2 decomposed over
 * every subset's logistic fit (family binomial), with logistic relative weights. `rows` need only
 * the outcome, the drivers and the weight column. `family: 'ordinal'` (an ordinal outcome): the
 * same over proportional-odds fits, without relative weights (logistic only).
 */
export function binaryImportance(
  rows: readonly Row[],
  c: {
    readonly outcome: string;
    readonly drivers: readonly string[];
    readonly weights?: string;
    readonly missingCodes?: readonly number[];
    readonly family?: 'binomial' | 'ordinal';
  },
  skipped: SkippedSection[],
): { importance?: RelativeImportanceResult; dominance?: DominanceAnalysisResult } {
  const family = {
    outcome: c.outcome,
    predictors: c.drivers,
    weights: c.weights,
    missingCodes: c.missingCodes,
    family: c.family ?? 'binomial',
  };
  const importance = attempt(skipped, 'importance', c.outcome, () =>
    relativeImportance(rows, {
      ...family,
      metrics: family.family === 'ordinal' ? ['lmg', 'first', 'last'] : ['lmg', 'first', 'last', 'johnson'],
    }),
  );
  const dominance = attempt(skipped, 'dominance', c.outcome, () => dominanceAnalysis(rows, family));
  return { ...(importance ? { importance } : {}), ...(dominance ? { dominance } : {}) };
}
