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
export type WaveChangeColumn =
  | 'waves'
  | 'measure'
  | 'estimate'
  | 'standardError'
  | 'lower'
  | 'upper'
  | 'unit'
  | 'statistic'
  | 'pValue'
  | 'test'
  | 'reading';

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
  'nps-difference': 'z test',
  'two-proportion': 'two-proportion test',
  'welch-t': 'Welch t test',
  'student-t': 'Student t test',
  'design-based-t': 'design-based t test',
  'bootstrap percentile': 'bootstrap percentile interval',
};

/** The factor from a change in the result to the change shown: proportions (CSAT, retention) in percentage points. */
const CHANGE_SCALES: Readonly<Record<WaveChangeMeta['measure'], number>> = {
  nps: 1,
  csat: 100,
  retention: 100,
  customerLoyaltyIndex: 1,
  driver: 1,
  importance: 1,
};

/** The unit of each kind of change, as shown. */
const CHANGE_UNITS: Readonly<Record<WaveChangeMeta['measure'], string>> = {
  nps: 'points',
  csat: 'percentage points',
  retention: 'percentage points',
  customerLoyaltyIndex: 'points',
  driver: 'scale points',
  importance: 'R-squared',
};

/** Every change of every comparison, in reading order; paths relative to the result. */
export function waveChangeRows(w: CompareWavesResult): ResultRows<WaveChangeColumn, WaveChangeMeta> {
  const rows: ResultRows<WaveChangeColumn, WaveChangeMeta>['rows'][number][] = [];
  w.comparisons.forEach((c, k) => {
    const base = ['comparisons', k] as const;
    const add = (
      measure: WaveChangeMeta['measure'],
      keys: readonly PathKey[],
      text: string,
      title: string,
      r: {
        estimate: number;
        standardError: number;
        confidenceInterval: readonly [number, number];
        confidenceLevel: number;
        statistic?: number;
        pValue?: number;
      },
      test: string,
      method: string,
    ) => {
      const at = [...base, ...keys];
      const tested = r.pValue !== undefined;
      // CSAT is a percentage in each wave but its change a difference of proportions: both in percent here.
      const scale = CHANGE_SCALES[measure];
      rows.push({
        meta: { comparison: k, from: c.from, to: c.to, measure, keys, pValue: r.pValue ?? null, reading: changeLabel(r) },
        waves: textCell(`${c.from} -> ${c.to}`, `${c.from} to ${c.to}`),
        measure: textCell(text, title),
        estimate: numberCell(r.estimate, [...at, 'estimate'], { scale }),
        standardError: numberCell(r.standardError, [...at, 'standardError'], { scale }),
        lower: numberCell(r.confidenceInterval[0], [...at, 'confidenceInterval', 0], { scale }),
        upper: numberCell(r.confidenceInterval[1], [...at, 'confidenceInterval', 1], { scale }),
        unit: textCell(CHANGE_UNITS[measure]),
        statistic: tested ? numberCell(r.statistic, [...at, 'statistic']) : EMPTY_CELL,
        pValue: tested ? numberCell(r.pValue, [...at, 'pValue']) : EMPTY_CELL,
        test: textCell(test, TEST_TITLES[method] ?? method),
        reading: textCell(changeLabel(r).text),
      });
    };
    if (c.nps) add('nps', ['nps'], 'NPS', 'NPS', c.nps, 'z', c.nps.method);
    if (c.csat) add('csat', ['csat'], 'CSAT', 'CSAT', c.csat, 'two-proportion', c.csat.method);
    if (c.retention) add('retention', ['retention'], 'retention', 'retention', c.retention, 'two-proportion', c.retention.method);
    if (c.customerLoyaltyIndex)
      add(
        'customerLoyaltyIndex',
        ['customerLoyaltyIndex'],
        'Customer Loyalty Index',
        'Customer Loyalty Index',
        c.customerLoyaltyIndex,
        c.customerLoyaltyIndex.method,
        c.customerLoyaltyIndex.method,
      );
    for (const [d, r] of Object.entries(c.drivers ?? {})) add('driver', ['drivers', d], `mean ${d}`, d, r, r.method, r.method);
    for (const [d, r] of Object.entries(c.importance?.drivers ?? {}))
      add(
        'importance',
        ['importance', 'drivers', d],
        `importance ${d}`,
        `importance of ${d}`,
        r,
        'bootstrap percentile',
        'bootstrap percentile',
      );
  });
  return {
    columns: {
      waves: { text: 'waves', title: 'Waves', numeric: false },
      measure: { text: 'measure', title: 'Measure', numeric: false },
      estimate: { text: 'difference', title: 'Change', numeric: true },
      standardError: { text: 'standard error', title: 'Standard error', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      unit: { text: 'unit', title: 'Unit', numeric: false },
      statistic: { text: 'statistic', title: 'Statistic', numeric: true },
      pValue: { text: 'p value', title: 'p', numeric: true },
      test: { text: 'test', title: 'Test', numeric: false },
      reading: { text: 'reading', title: 'Reading', numeric: false },
    },
    rows,
  };
}

/** Columns of {@link waveEstimateRows}. */
export type WaveEstimateColumn = 'wave' | 'measure' | 'estimate' | 'standardError' | 'lower' | 'upper' | 'n' | 'unit';

/** What a per-wave row is about. */
export interface WaveEstimateMeta {
  /** Index of the wave in `waves`. */
  readonly wave: number;
  readonly measure: 'nps' | 'csat' | 'retention' | 'customerLoyaltyIndex' | 'driver' | 'importance';
  /** Whether the wave has this estimate (the report shows a dash in its row; the tool leaves the row out). */
  readonly present: boolean;
}

/**
 * The estimates of every wave, measure by measure (each measure for every wave, in the order of
 * `waves`); paths relative to the result. CSAT is in percent satisfied and retention, a proportion
 * in the result, in percent (as their changes are in percentage points).
 */
export function waveEstimateRows(w: CompareWavesResult): ResultRows<WaveEstimateColumn, WaveEstimateMeta> {
  const rows: ResultRows<WaveEstimateColumn, WaveEstimateMeta>['rows'][number][] = [];
  const indexRow = (
    measure: 'nps' | 'csat' | 'retention' | 'customerLoyaltyIndex',
    text: string,
    title: string,
    unit: string,
    scale = 1,
  ) => {
    if (!w.waves.some((s) => s[measure])) return;
    w.waves.forEach((s, k) => {
      const e = s[measure];
      const at = ['waves', k, measure];
      rows.push({
        meta: { wave: k, measure, present: e !== null },
        wave: textCell(String(s.wave)),
        measure: textCell(text, title),
        estimate: numberCell(e?.estimate, [...at, 'estimate'], { scale }),
        standardError: numberCell(e?.standardError, [...at, 'standardError'], { scale }),
        lower: numberCell(e?.confidenceInterval[0], [...at, 'confidenceInterval', 0], { scale }),
        upper: numberCell(e?.confidenceInterval[1], [...at, 'confidenceInterval', 1], { scale }),
        n: numberCell(e?.n, [...at, 'n']),
        unit: textCell(unit),
      });
    });
  };
  indexRow('nps', 'NPS', 'NPS', 'points');
  indexRow('csat', 'CSAT', 'CSAT', '% satisfied');
  indexRow('customerLoyaltyIndex', 'Customer Loyalty Index', 'Customer Loyalty Index', '0-100');
  indexRow('retention', 'retention', 'Retention', '% retained', 100);
  const drivers = [...new Set(w.waves.flatMap((s) => Object.keys(s.drivers?.means ?? {})))];
  for (const d of drivers) {
    w.waves.forEach((s, k) => {
      const m = s.drivers?.means[d];
      const at = ['waves', k, 'drivers'];
      rows.push({
        meta: { wave: k, measure: 'driver', present: m !== undefined },
        wave: textCell(String(s.wave)),
        measure: textCell(`mean ${d}`, `Mean ${d}`),
        estimate: numberCell(m?.mean, [...at, 'means', d, 'mean']),
        standardError: numberCell(m?.standardError, [...at, 'means', d, 'standardError']),
        lower: EMPTY_CELL,
        upper: EMPTY_CELL,
        n: numberCell(s.drivers?.n, [...at, 'n']),
        unit: textCell('scale points'),
      });
    });
  }
  if (w.waves.some((s) => s.importance)) {
    for (const d of drivers) {
      w.waves.forEach((s, k) => {
        const imp = s.importance;
        const interval = imp?.intervals?.[d];
        const at = ['waves', k, 'importance'];
        rows.push({
          meta: { wave: k, measure: 'importance', present: imp?.importance[d] !== undefined },
          wave: textCell(String(s.wave)),
          measure: textCell(`importance ${d}`, `Importance of ${d}, R² units`),
          estimate: numberCell(imp?.importance[d], [...at, 'importance', d]),
          standardError: numberCell(interval?.standardError, [...at, 'intervals', d, 'standardError']),
          lower: numberCell(interval?.confidenceInterval[0], [...at, 'intervals', d, 'confidenceInterval', 0]),
          upper: numberCell(interval?.confidenceInterval[1], [...at, 'intervals', d, 'confidenceInterval', 1]),
          n: numberCell(imp?.n, [...at, 'n']),
          unit: textCell('R-squared'),
        });
      });
    }
  }
  return {
    columns: {
      wave: { text: 'wave', title: 'Wave', numeric: false },
      measure: { text: 'measure', title: 'Measure', numeric: false },
      estimate: { text: 'estimate', title: 'Estimate', numeric: true },
      standardError: { text: 'standard error', title: 'Standard error', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      n: { text: 'n', title: 'n', numeric: true },
      unit: { text: 'unit', title: 'Unit', numeric: false },
    },
    rows,
  };
}
