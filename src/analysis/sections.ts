/**
 * Pieces both analysis pipelines share (`analyze` on rows, `analyzeChunks` on column chunks): how
 * a section that cannot run on the data is skipped, and the importance of a binary outcome.
 * @internal
 */
import { InsufficientDataError, NumericalError } from '../errors.js';
import { dominanceAnalysis, type DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import { relativeImportance, type RelativeImportanceResult } from '../importance/relativeImportance.js';
import { necessaryConditions, type NecessaryConditionsResult } from '../importance/necessaryConditions.js';
import { penaltyReward, type PenaltyRewardResult } from '../importance/penaltyReward.js';
import type { LoyaltyModel } from '../model/types.js';
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
 * the outcome, the drivers and the weight column.
 */
export function binaryImportance(
  rows: readonly Row[],
  c: {
    readonly outcome: string;
    readonly drivers: readonly string[];
    readonly weights?: string;
    readonly missingCodes?: readonly number[];
  },
  skipped: SkippedSection[],
): { importance?: RelativeImportanceResult; dominance?: DominanceAnalysisResult } {
  const family = {
    outcome: c.outcome,
    predictors: c.drivers,
    weights: c.weights,
    missingCodes: c.missingCodes,
    family: 'binomial' as const,
  };
  const importance = attempt(skipped, 'importance', c.outcome, () =>
    relativeImportance(rows, { ...family, metrics: ['lmg', 'first', 'last', 'johnson'] }),
  );
  const dominance = attempt(skipped, 'dominance', c.outcome, () => dominanceAnalysis(rows, family));
  return { ...(importance ? { importance } : {}), ...(dominance ? { dominance } : {}) };
}

/**
 * The penalty-reward (`asymmetry`) and necessary-condition (`necessity`) sections of a continuous
 * outcome: row functions, on rows that need only the outcome, the drivers and the weight column.
 * Low group = the bottom third of the driver's scale, high group = the top third, so that
 * scores averaged over items still fill both groups.
 */
export function rowBoundSections(
  rows: readonly Row[],
  model: LoyaltyModel,
  c: {
    readonly outcome: string;
    readonly weights?: string;
    readonly confidenceLevel: number;
    readonly missingCodes?: readonly number[];
  },
  skipped: SkippedSection[],
): { asymmetry?: PenaltyRewardResult; necessity?: NecessaryConditionsResult } {
  const drivers = model.drivers;
  const o = c.outcome;
  const range = (d: string) => ({ min: model.scales[d]!.min ?? 1, max: model.scales[d]!.max ?? 7 });
  const third = (d: string) => (range(d).max - range(d).min) / 3;
  const asymmetry = attempt(skipped, 'asymmetry', o, () =>
    penaltyReward(rows, {
      outcome: o,
      drivers,
      low: Object.fromEntries(drivers.map((d) => [d, range(d).min + third(d)])),
      high: Object.fromEntries(drivers.map((d) => [d, range(d).max - third(d)])),
      weights: c.weights,
      confidenceLevel: c.confidenceLevel,
      missingCodes: c.missingCodes,
    }),
  );
  const necessity = attempt(skipped, 'necessity', o, () =>
    necessaryConditions(rows, { outcome: o, conditions: drivers, missingCodes: c.missingCodes }),
  );
  return { asymmetry, necessity };
}
