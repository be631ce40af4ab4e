/**
 * The tables of the driver measurement (reliability per scale, HTMT per pair, the driver
 * correlations), shared by the command-line tool and the report.
 *
 * @module measurement/measurementRows
 * @internal
 */
import { numberCell, textCell, type ResultRows, type RowCell, type RowColumn } from '../internal/resultRows.js';
import type { DriverCorrelationsResult } from './driverCorrelations.js';
import type { HtmtResult } from './htmt.js';
import type { ReliabilityResult } from './reliability.js';

/** Columns of {@link reliabilityRows}. */
export type ReliabilityColumn = 'scale' | 'items' | 'n' | 'alpha' | 'lower' | 'upper' | 'standardizedAlpha' | 'omegaTotal' | 'ave';

/** One row per scale; `items` is their number (the report lists them from `meta`); paths relative to the reliability result. */
export function reliabilityRows(
  rel: ReliabilityResult,
): ResultRows<ReliabilityColumn, { readonly scale: string; readonly items: readonly string[] }> {
  return {
    columns: {
      scale: { text: 'scale', title: 'Scale', numeric: false },
      items: { text: 'items', title: 'Items', numeric: false },
      n: { text: 'n', title: 'n', numeric: true },
      alpha: { text: 'alpha', title: 'Alpha', numeric: true },
      lower: { text: 'alpha lower', title: 'Lower', numeric: true },
      upper: { text: 'alpha upper', title: 'Upper', numeric: true },
      standardizedAlpha: { text: 'standardized alpha', title: 'Standardized alpha', numeric: true },
      omegaTotal: { text: 'omega total', title: 'Omega total', numeric: true },
      ave: { text: 'AVE', title: 'AVE', numeric: true },
    },
    rows: rel.scaleNames.map((name) => {
      const s = rel.scales[name]!;
      const at = ['scales', name];
      return {
        meta: { scale: name, items: s.items },
        scale: textCell(name),
        items: { value: s.items.length },
        n: numberCell(s.n, [...at, 'n']),
        alpha: numberCell(s.estimate, [...at, 'estimate']),
        lower: numberCell(s.confidenceInterval[0], [...at, 'confidenceInterval', 0]),
        upper: numberCell(s.confidenceInterval[1], [...at, 'confidenceInterval', 1]),
        standardizedAlpha: numberCell(s.standardizedAlpha, [...at, 'standardizedAlpha']),
        omegaTotal: numberCell(s.omegaTotal, [...at, 'omegaTotal']),
        ave: numberCell(s.averageVarianceExtracted, [...at, 'averageVarianceExtracted']),
      };
    }),
  };
}

/** Columns of {@link htmtRows}. */
export type HtmtColumn = 'scale' | 'otherScale' | 'value' | 'overConservative' | 'overLiberal';

/** One row per pair of scales; paths relative to the HTMT result. */
export function htmtRows(h: HtmtResult): ResultRows<HtmtColumn> {
  return {
    columns: {
      scale: { text: 'scale', title: 'Scale', numeric: false },
      otherScale: { text: 'other scale', title: 'Other scale', numeric: false },
      value: { text: 'HTMT', title: 'HTMT', numeric: true },
      overConservative: { text: 'over 0.85', title: 'Over 0.85', numeric: false },
      overLiberal: { text: 'over 0.90', title: 'Over 0.90', numeric: false },
    },
    rows: h.pairs.map((p, k) => ({
      meta: undefined,
      scale: textCell(p.first),
      otherScale: textCell(p.second),
      value: numberCell(p.value, ['pairs', k, 'value']),
      overConservative: { value: p.overConservativeThreshold },
      overLiberal: { value: p.overLiberalThreshold },
    })),
  };
}

/** The id of the correlation column with driver `d` in {@link correlationRows}. */
export function withDriver(d: string): `with:${string}` {
  return `with:${d}`;
}

/** Columns of {@link correlationRows}: the driver, its correlation with each driver ({@link withDriver}), VIF, mean, SD. */
export type CorrelationColumn = 'driver' | `with:${string}` | 'vif' | 'mean' | 'sd';

/** One row per driver; paths relative to the driver-correlations result. */
export function correlationRows(c: DriverCorrelationsResult): ResultRows<CorrelationColumn> {
  const columns: Record<string, RowColumn> = { driver: { text: 'driver', title: 'Driver', numeric: false } };
  for (const d of c.drivers) columns[withDriver(d)] = { text: d, title: d, numeric: true };
  Object.assign(columns, {
    vif: { text: 'VIF', title: 'VIF', numeric: true },
    mean: { text: 'mean', title: 'Mean', numeric: true },
    sd: { text: 'SD', title: 'SD', numeric: true },
  });
  return {
    columns: columns as Record<CorrelationColumn, RowColumn>,
    rows: c.drivers.map((name, j) => {
      const row: Record<string, RowCell> = { driver: textCell(name) };
      c.drivers.forEach((d, k) => {
        row[withDriver(d)] = numberCell(c.correlation[j]![k], ['correlation', j, k]);
      });
      row['vif'] = numberCell(c.vif[name], ['vif', name]);
      row['mean'] = numberCell(c.means[name], ['means', name]);
      row['sd'] = numberCell(c.standardDeviations[name], ['standardDeviations', name]);
      return { ...(row as Record<CorrelationColumn, RowCell>), meta: undefined };
    }),
  };
}
