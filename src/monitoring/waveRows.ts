/**
 * The table of changes between waves (one row per measure and comparison), shared by the
 * command-line tool and the report, each change read once by {@link changeLabel}.
 *
 * @module monitoring/waveRows
 * @internal
 */
import { EMPTY_CELL, numberCell, textCell, type PathKey, type ResultRows } from '../internal/resultRows.js';
import { changeLabel, type ChangeLabel } from './changeLabel.js';
import type { CompareWavesResult, WaveValue } from './waveTypes.js';

/** Columns of {@link waveChangeRows}. */
export type WaveChangeColumn = 'waves' | 'measure' | 'estimate' | 'standardError' | 'lower' | 'upper' | 'statistic' | 'pValue' | 'test' | 'reading';

/** What a change row is about, for the report's formats and reading. */
export interface WaveChangeMeta {
  /** Index of the comparison in `comparisons`. */
  readonly comparison: number;
  readonly from: WaveValue;
  readonly to: WaveValue;
  readonly measure: 'nps' | 'csat' | 'retention' | 'customerLoyaltyIndex' | 'driver' | 'importance';
  /** Where the change sits in its comparison (e.g. `['drivers', 'trust']`). */
  readonly keys: readonly PathKey[];
  /** The test's p-value, or null for a bootstrap interval. */
  readonly pValue: number | null;
  readonly reading: ChangeLabel;
}

/** The report's names of the tests, by `method`. */
const TEST_TITLES: Readonly<Record<string, string>> = {
  'nps-difference': 'z test', 'two-proportion': 'two-proportion test', 'welch-t': 'Welch t test', 'student-t': 'Student t test',
  'design-based-t': 'design-based t test', 'bootstrap percentile': 'bootstrap percentile interval',
};

/** Every change of every comparison, in reading order; paths relative to the result. */
export function waveChangeRows(w: CompareWavesResult): ResultRows<WaveChangeColumn, WaveChangeMeta> {
  const rows: (ResultRows<WaveChangeColumn, WaveChangeMeta>['rows'][number])[] = [];
  w.comparisons.forEach((c, k) => {
    const base = ['comparisons', k] as const;
    const add = (
      measure: WaveChangeMeta['measure'], keys: readonly PathKey[], text: string, title: string,
      r: { estimate: number; standardError: number; confidenceInterval: readonly [number, number]; confidenceLevel: number; statistic?: number; pValue?: number },
      test: string, method: string,
    ) => {
      const at = [...base, ...keys];
      const tested = r.pValue !== undefined;
      rows.push({
        meta: { comparison: k, from: c.from, to: c.to, measure, keys, pValue: r.pValue ?? null, reading: changeLabel(r) },
        waves: textCell(`${c.from} -> ${c.to}`, `${c.from} to ${c.to}`),
        measure: textCell(text, title),
        estimate: numberCell(r.estimate, [...at, 'estimate']),
        standardError: numberCell(r.standardError, [...at, 'standardError']),
        lower: numberCell(r.confidenceInterval[0], [...at, 'confidenceInterval', 0]),
        upper: numberCell(r.confidenceInterval[1], [...at, 'confidenceInterval', 1]),
        statistic: tested ? numberCell(r.statistic, [...at, 'statistic']) : EMPTY_CELL,
        pValue: tested ? numberCell(r.pValue, [...at, 'pValue']) : EMPTY_CELL,
        test: textCell(test, TEST_TITLES[method] ?? method),
        reading: textCell(changeLabel(r).text),
      });
    };
    if (c.nps) add('nps', ['nps'], 'NPS', 'NPS', c.nps, 'z', c.nps.method);
    if (c.csat) add('csat', ['csat'], 'CSAT', 'CSAT', c.csat, 'two-proportion', c.csat.method);
    if (c.retention) add('retention', ['retention'], 'retention', 'retention', c.retention, 'two-proportion', c.retention.method);
    if (c.customerLoyaltyIndex) add('customerLoyaltyIndex', ['customerLoyaltyIndex'], 'Customer Loyalty Index', 'Customer Loyalty Index', c.customerLoyaltyIndex, c.customerLoyaltyIndex.method, c.customerLoyaltyIndex.method);
    for (const [d, r] of Object.entries(c.drivers ?? {})) add('driver', ['drivers', d], `mean ${d}`, d, r, r.method, r.method);
    for (const [d, r] of Object.entries(c.importance?.drivers ?? {})) add('importance', ['importance', 'drivers', d], `importance ${d}`, `importance of ${d}`, r, 'bootstrap percentile', 'bootstrap percentile');
  });
  return {
    columns: {
      waves: { text: 'waves', title: 'Waves', numeric: false },
      measure: { text: 'measure', title: 'Measure', numeric: false },
      estimate: { text: 'difference', title: 'Change', numeric: true },
      standardError: { text: 'standard error', title: 'Standard error', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      statistic: { text: 'statistic', title: 'Statistic', numeric: true },
      pValue: { text: 'p value', title: 'p', numeric: true },
      test: { text: 'test', title: 'Test', numeric: false },
      reading: { text: 'reading', title: 'Reading', numeric: false },
    },
    rows,
  };
}
