/**
 * The what-if table (one row per driver), shared by the command-line tool and the report.
 *
 * @module importance/whatIfRows
 * @internal
 */
import { numberCell, textCell, type ResultRows } from '../internal/resultRows.js';
import type { WhatIfResult } from './whatIf.js';

/** Columns of {@link whatIfRows}. */
export type WhatIfColumn =
  | 'driver'
  | 'change'
  | 'lower'
  | 'upper'
  | 'meanNow'
  | 'meanPredicted'
  | 'npsNow'
  | 'npsPredicted'
  | 'npsChange'
  | 'npsPredictedLower'
  | 'npsPredictedUpper';

/**
 * One row per what-if effect (the effects of one outcome); paths relative to the array of effects.
 * The NPS bounds are the predicted NPS recounted at the ends of the coefficient's interval.
 */
export function whatIfRows(effects: readonly WhatIfResult[]): ResultRows<WhatIfColumn> {
  const outcome = effects[0]?.outcome ?? 'outcome';
  return {
    columns: {
      driver: { text: 'driver', title: 'Driver', numeric: false },
      change: { text: `change in ${outcome}`, title: `Change in ${outcome}`, numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      meanNow: { text: 'mean now', title: 'Mean now', numeric: true },
      meanPredicted: { text: 'mean predicted', title: 'Mean predicted', numeric: true },
      npsNow: { text: 'NPS now', title: 'NPS now', numeric: true },
      npsPredicted: { text: 'NPS predicted', title: 'NPS predicted', numeric: true },
      npsChange: { text: 'NPS change', title: 'NPS change', numeric: true },
      npsPredictedLower: { text: 'NPS predicted lower', title: 'Predicted NPS, lower', numeric: true },
      npsPredictedUpper: { text: 'NPS predicted upper', title: 'Predicted NPS, upper', numeric: true },
    },
    rows: effects.map((e, k) => ({
      meta: undefined,
      driver: textCell(e.driver),
      change: numberCell(e.outcomeChange.estimate, [k, 'outcomeChange', 'estimate']),
      lower: numberCell(e.outcomeChange.confidenceInterval[0], [k, 'outcomeChange', 'confidenceInterval', 0]),
      upper: numberCell(e.outcomeChange.confidenceInterval[1], [k, 'outcomeChange', 'confidenceInterval', 1]),
      meanNow: numberCell(e.outcomeMean.baseline, [k, 'outcomeMean', 'baseline']),
      meanPredicted: numberCell(e.outcomeMean.predicted, [k, 'outcomeMean', 'predicted']),
      npsNow: numberCell(e.nps?.baseline.estimate, [k, 'nps', 'baseline', 'estimate']),
      npsPredicted: numberCell(e.nps?.predicted.estimate, [k, 'nps', 'predicted', 'estimate']),
      npsChange: numberCell(e.nps?.change, [k, 'nps', 'change']),
      npsPredictedLower: numberCell(e.nps?.predicted.confidenceInterval[0], [k, 'nps', 'predicted', 'confidenceInterval', 0]),
      npsPredictedUpper: numberCell(e.nps?.predicted.confidenceInterval[1], [k, 'nps', 'predicted', 'confidenceInterval', 1]),
    })),
  };
}
