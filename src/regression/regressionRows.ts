/**
 * The coefficient table of a regression fit, shared by the command-line tool and the report.
 *
 * @module regression/regressionRows
 * @internal
 */
import { numberCell, textCell, type ResultRows } from '../internal/resultRows.js';
import type { LogisticResult, OlsResult } from './types.js';

/** Columns of {@link olsRows}. */
export type OlsColumn = 'term' | 'estimate' | 'standardError' | 'tStatistic' | 'pValue' | 'lower' | 'upper' | 'standardized' | 'vif';

/** One row per coefficient of an OLS fit; paths relative to the fit. */
export function olsRows(fit: OlsResult): ResultRows<OlsColumn> {
  return {
    columns: {
      term: { text: 'term', title: 'Term', numeric: false },
      estimate: { text: 'estimate', title: 'Estimate', numeric: true },
      standardError: { text: 'standard error', title: 'Standard error', numeric: true },
      tStatistic: { text: 't', title: 't', numeric: true },
      pValue: { text: 'p value', title: 'p', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      standardized: { text: 'standardized', title: 'Standardized', numeric: true },
      vif: { text: 'VIF', title: 'VIF', numeric: true },
    },
    rows: fit.coefficients.map((c, k) => ({
      meta: undefined,
      term: textCell(c.term),
      estimate: numberCell(c.estimate, ['coefficients', k, 'estimate']),
      standardError: numberCell(c.standardError, ['coefficients', k, 'standardError']),
      tStatistic: numberCell(c.tStatistic, ['coefficients', k, 'tStatistic']),
      pValue: numberCell(c.pValue, ['coefficients', k, 'pValue']),
      lower: numberCell(c.confidenceInterval[0], ['coefficients', k, 'confidenceInterval', 0]),
      upper: numberCell(c.confidenceInterval[1], ['coefficients', k, 'confidenceInterval', 1]),
      standardized: numberCell(c.standardizedEstimate, ['coefficients', k, 'standardizedEstimate']),
      vif: numberCell(fit.vif[c.term], ['vif', c.term]),
    })),
  };
}

/** Columns of {@link logisticRows}. */
export type LogisticColumn =
  | 'term'
  | 'estimate'
  | 'standardError'
  | 'zStatistic'
  | 'pValue'
  | 'lower'
  | 'upper'
  | 'oddsRatio'
  | 'oddsRatioLower'
  | 'oddsRatioUpper';

/** One row per coefficient of a logistic fit; paths relative to the fit. */
export function logisticRows(fit: LogisticResult): ResultRows<LogisticColumn> {
  return {
    columns: {
      term: { text: 'term', title: 'Term', numeric: false },
      estimate: { text: 'estimate', title: 'Estimate', numeric: true },
      standardError: { text: 'standard error', title: 'Standard error', numeric: true },
      zStatistic: { text: 'z', title: 'z', numeric: true },
      pValue: { text: 'p value', title: 'p', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      oddsRatio: { text: 'odds ratio', title: 'Odds ratio', numeric: true },
      oddsRatioLower: { text: 'odds ratio lower', title: 'Lower', numeric: true },
      oddsRatioUpper: { text: 'odds ratio upper', title: 'Upper', numeric: true },
    },
    rows: fit.coefficients.map((c, k) => ({
      meta: undefined,
      term: textCell(c.term),
      estimate: numberCell(c.estimate, ['coefficients', k, 'estimate']),
      standardError: numberCell(c.standardError, ['coefficients', k, 'standardError']),
      zStatistic: numberCell(c.zStatistic, ['coefficients', k, 'zStatistic']),
      pValue: numberCell(c.pValue, ['coefficients', k, 'pValue']),
      lower: numberCell(c.confidenceInterval[0], ['coefficients', k, 'confidenceInterval', 0]),
      upper: numberCell(c.confidenceInterval[1], ['coefficients', k, 'confidenceInterval', 1]),
      oddsRatio: numberCell(c.oddsRatio, ['coefficients', k, 'oddsRatio']),
      oddsRatioLower: numberCell(c.oddsRatioInterval[0], ['coefficients', k, 'oddsRatioInterval', 0]),
      oddsRatioUpper: numberCell(c.oddsRatioInterval[1], ['coefficients', k, 'oddsRatioInterval', 1]),
    })),
  };
}
